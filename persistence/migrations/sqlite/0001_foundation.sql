-- Organisations, users, sessions, login throttling and the audit trail.
-- Instants are BIGINT UTC epoch milliseconds; flags are INTEGER 0/1.

CREATE TABLE organisations (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  name_en        TEXT,
  kind           TEXT NOT NULL CHECK (kind IN ('member', 'donor', 'alliance')),
  country        TEXT NOT NULL CHECK (length(country) = 2),
  sex_worker_led INTEGER NOT NULL CHECK (sex_worker_led IN (0, 1)),
  publication    TEXT NOT NULL CHECK (publication IN ('public', 'pseudonymous', 'confidential')),
  iati_ref       TEXT UNIQUE,
  version        BIGINT NOT NULL,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);
CREATE INDEX organisations_by_created ON organisations (created_at, id);

CREATE TABLE users (
  id              TEXT PRIMARY KEY,
  email           TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('admin', 'programme', 'finance', 'reviewer', 'member', 'donor')),
  organisation_id TEXT REFERENCES organisations (id),
  password_hash   TEXT NOT NULL,
  active          INTEGER NOT NULL CHECK (active IN (0, 1)),
  version         BIGINT NOT NULL,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);
CREATE INDEX users_by_created ON users (created_at, id);
CREATE INDEX users_by_organisation ON users (organisation_id);

-- Only the SHA-256 of a token is kept.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id),
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  revoked_at   BIGINT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Keyed by the lower-cased e-mail, known or not, so both get the same answer.
CREATE TABLE login_failures (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  account_key TEXT NOT NULL,
  at          BIGINT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (account_key, at);

CREATE TABLE audit_events (
  seq                   BIGINT PRIMARY KEY,
  at                    BIGINT NOT NULL,
  actor_id              TEXT,
  actor_role            TEXT NOT NULL,
  actor_organisation_id TEXT,
  action                TEXT NOT NULL,
  entity_type           TEXT NOT NULL,
  entity_id             TEXT,
  outcome               TEXT NOT NULL,
  request_id            TEXT NOT NULL,
  details               TEXT NOT NULL,
  prev_hash             TEXT NOT NULL,
  hash                  TEXT NOT NULL
);
CREATE INDEX audit_events_by_entity ON audit_events (entity_type, entity_id, seq);

-- The head of the hash chain: one row, updated by every append, which also
-- serialises appends.
CREATE TABLE audit_chain (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
