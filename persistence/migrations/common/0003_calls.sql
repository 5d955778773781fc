-- Grant calls. Criteria and questions are JSON arrays; countries and result
-- codes space-separated; the funding sources a join table.

CREATE TABLE calls (
  id                  TEXT PRIMARY KEY,
  title               TEXT NOT NULL,
  description         TEXT NOT NULL,
  currency            TEXT NOT NULL CHECK (length(currency) = 3),
  envelope_minor      BIGINT NOT NULL CHECK (envelope_minor > 0),
  max_award_minor     BIGINT NOT NULL CHECK (max_award_minor > 0),
  opens_at            BIGINT NOT NULL,
  closes_at           BIGINT NOT NULL,
  eligible_countries  TEXT NOT NULL,
  result_codes        TEXT NOT NULL,
  criteria            TEXT NOT NULL,
  questions           TEXT NOT NULL,
  reporting_frequency TEXT NOT NULL CHECK (reporting_frequency IN ('quarterly', 'semiannual', 'annual')),
  status              TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
  version             BIGINT NOT NULL,
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL,
  CHECK (closes_at > opens_at),
  CHECK (max_award_minor <= envelope_minor)
);
CREATE INDEX calls_by_created ON calls (created_at, id);
CREATE INDEX calls_by_status ON calls (status, closes_at);

CREATE TABLE call_funding_sources (
  call_id           TEXT NOT NULL REFERENCES calls (id),
  funding_source_id TEXT NOT NULL REFERENCES funding_sources (id),
  PRIMARY KEY (call_id, funding_source_id)
);
