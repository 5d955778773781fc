-- Peer review: assignments of reviewers to applications, and one review each.

CREATE TABLE review_assignments (
  id             TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications (id),
  reviewer_id    TEXT NOT NULL REFERENCES users (id),
  created_at     BIGINT NOT NULL,
  UNIQUE (application_id, reviewer_id)
);
CREATE INDEX review_assignments_by_reviewer ON review_assignments (reviewer_id, application_id);

-- scores: a JSON object of criterion key -> 0..5; empty when recused.
CREATE TABLE reviews (
  id                   TEXT PRIMARY KEY,
  assignment_id        TEXT NOT NULL UNIQUE REFERENCES review_assignments (id),
  application_id       TEXT NOT NULL REFERENCES applications (id),
  reviewer_id          TEXT NOT NULL REFERENCES users (id),
  conflict_of_interest INTEGER NOT NULL CHECK (conflict_of_interest IN (0, 1)),
  scores               TEXT NOT NULL,
  comment              TEXT NOT NULL,
  recommendation       TEXT CHECK (recommendation IS NULL OR recommendation IN ('fund', 'fund_with_changes', 'decline')),
  created_at           BIGINT NOT NULL
);
CREATE INDEX reviews_by_application ON reviews (application_id, created_at);
