-- DESIGN §11: house-keeping runs in one process at a time. A process holds
-- a lease by name until expires_at; another may take it over only after.
CREATE TABLE leases (
  name       TEXT PRIMARY KEY,
  holder     TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);

-- The purges delete by age.
CREATE INDEX login_failures_by_at ON login_failures (at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
