-- Awards (sub-grants) with their tranches, funding allocations and the
-- progress-report schedule.

-- One row per year: the last award number given out, e.g. MSWA-2027-001.
CREATE TABLE award_sequences (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);

CREATE TABLE awards (
  id              TEXT PRIMARY KEY,
  reference       TEXT NOT NULL UNIQUE,
  application_id  TEXT NOT NULL UNIQUE REFERENCES applications (id),
  call_id         TEXT NOT NULL REFERENCES calls (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  currency        TEXT NOT NULL CHECK (length(currency) = 3),
  amount_minor    BIGINT NOT NULL CHECK (amount_minor > 0),
  start_date      TEXT NOT NULL,
  end_date        TEXT NOT NULL,
  decided_on      TEXT NOT NULL,
  created_at      BIGINT NOT NULL
);
CREATE INDEX awards_by_created ON awards (created_at, id);
CREATE INDEX awards_by_organisation ON awards (organisation_id, created_at, id);

CREATE TABLE tranches (
  id           TEXT PRIMARY KEY,
  award_id     TEXT NOT NULL REFERENCES awards (id),
  seq          INTEGER NOT NULL,
  due_on       TEXT NOT NULL,
  amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
  condition    TEXT NOT NULL CHECK (condition IN ('none', 'report_accepted')),
  UNIQUE (award_id, seq)
);

-- amount in the award's currency; source_amount in the funding source's,
-- converted at rate (an exact decimal) of rate_date.
CREATE TABLE funding_allocations (
  id                  TEXT PRIMARY KEY,
  award_id            TEXT NOT NULL REFERENCES awards (id),
  funding_source_id   TEXT NOT NULL REFERENCES funding_sources (id),
  seq                 INTEGER NOT NULL,
  amount_minor        BIGINT NOT NULL CHECK (amount_minor > 0),
  source_amount_minor BIGINT NOT NULL CHECK (source_amount_minor > 0),
  rate                TEXT NOT NULL,
  rate_date           TEXT NOT NULL,
  UNIQUE (award_id, funding_source_id)
);
CREATE INDEX funding_allocations_by_source ON funding_allocations (funding_source_id);

CREATE TABLE progress_reports (
  id           TEXT PRIMARY KEY,
  award_id     TEXT NOT NULL REFERENCES awards (id),
  seq          INTEGER NOT NULL,
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL,
  due_on       TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'draft', 'submitted', 'accepted', 'returned')),
  UNIQUE (award_id, seq)
);
