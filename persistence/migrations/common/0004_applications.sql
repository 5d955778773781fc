-- Applications to calls. What the member writes (answers, budget lines with
-- their ids, targets) is kept as JSON until an award fixes it in tables.

CREATE TABLE applications (
  id              TEXT PRIMARY KEY,
  call_id         TEXT NOT NULL REFERENCES calls (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  title           TEXT NOT NULL,
  summary         TEXT NOT NULL,
  currency        TEXT CHECK (currency IS NULL OR length(currency) = 3),
  requested_minor BIGINT CHECK (requested_minor IS NULL OR requested_minor > 0),
  start_date      TEXT,
  duration_months INTEGER,
  answers         TEXT NOT NULL,
  budget_lines    TEXT NOT NULL,
  targets         TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'under_review', 'approved', 'rejected',
                                                  'changes_requested', 'withdrawn')),
  submitted_at    BIGINT,
  version         BIGINT NOT NULL,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);
CREATE INDEX applications_by_call ON applications (call_id, created_at, id);
CREATE INDEX applications_by_organisation ON applications (organisation_id, created_at, id);
CREATE INDEX applications_by_created ON applications (created_at, id);
