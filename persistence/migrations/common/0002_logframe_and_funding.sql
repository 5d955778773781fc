-- The logframe, funding sources with their receipts, and dated exchange rates.

CREATE TABLE logframe_results (
  code     TEXT PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('outcome', 'output')),
  title    TEXT NOT NULL,
  position INTEGER NOT NULL UNIQUE
);

-- dimensions: space-separated names from gender, migrant_status, age_group.
CREATE TABLE indicators (
  code        TEXT PRIMARY KEY,
  result_code TEXT NOT NULL REFERENCES logframe_results (code),
  title       TEXT NOT NULL,
  measure     TEXT NOT NULL CHECK (measure IN ('unit', 'percentage', 'qualitative')),
  ascending   INTEGER NOT NULL CHECK (ascending IN (0, 1)),
  dimensions  TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX indicators_by_result ON indicators (result_code, code);

-- Money: BIGINT minor units plus the ISO 4217 code.
CREATE TABLE funding_sources (
  id                    TEXT PRIMARY KEY,
  donor_organisation_id TEXT NOT NULL REFERENCES organisations (id),
  reference             TEXT NOT NULL UNIQUE,
  title                 TEXT NOT NULL,
  currency              TEXT NOT NULL CHECK (length(currency) = 3),
  amount_minor          BIGINT NOT NULL CHECK (amount_minor > 0),
  start_date            TEXT NOT NULL,
  end_date              TEXT NOT NULL,
  version               BIGINT NOT NULL,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL
);
CREATE INDEX funding_sources_by_donor ON funding_sources (donor_organisation_id);
CREATE INDEX funding_sources_by_created ON funding_sources (created_at, id);

CREATE TABLE funding_source_results (
  funding_source_id TEXT NOT NULL REFERENCES funding_sources (id),
  result_code       TEXT NOT NULL REFERENCES logframe_results (code),
  PRIMARY KEY (funding_source_id, result_code)
);

CREATE TABLE receipts (
  id                TEXT PRIMARY KEY,
  funding_source_id TEXT NOT NULL REFERENCES funding_sources (id),
  currency          TEXT NOT NULL CHECK (length(currency) = 3),
  amount_minor      BIGINT NOT NULL CHECK (amount_minor > 0),
  received_on       TEXT NOT NULL,
  created_at        BIGINT NOT NULL
);
CREATE INDEX receipts_by_source ON receipts (funding_source_id, received_on);

-- 1 unit of currency = rate units of base on rate_date; rate is an exact
-- decimal string, never a float.
CREATE TABLE fx_rates (
  currency   TEXT NOT NULL CHECK (length(currency) = 3),
  base       TEXT NOT NULL CHECK (length(base) = 3),
  rate_date  TEXT NOT NULL,
  rate       TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (currency, base, rate_date)
);

-- The MSWA logframe: outcomes and outputs, with one or more seed indicators each.
INSERT INTO logframe_results (code, kind, title, position) VALUES
  ('OC1', 'outcome', 'Legal services and rights knowledge increase community empowerment and reduce violence against sex workers (VASW) and its impact on HIV', 1),
  ('OC2', 'outcome', 'Decreased stigma, discrimination and violence, labour rights and better working conditions', 2),
  ('OC3', 'outcome', 'Meaningful involvement and leadership of sex workers in policy and programmes', 3),
  ('OC4', 'outcome', 'Access to health and justice services of equal quality to the wider society', 4),
  ('OC5', 'outcome', 'Strong, coherent leadership and alliances with duty bearers to end discrimination against women, gender-diverse and migrant sex workers', 5),
  ('OP1', 'output', 'Community-driven human rights monitoring and evidence on VASW', 6),
  ('OP2', 'output', 'Sex-worker-led advocacy campaigns using community-owned data', 7),
  ('OP3', 'output', 'Community-owned services for health, safety, care and well-being', 8),
  ('OP4', 'output', 'National organising and cross-movement solidarity', 9),
  ('OP5', 'output', 'Political commitments to reduce structural inequalities and stigma', 10),
  ('OP6', 'output', 'Law and policy protecting sex workers'' equal rights', 11);

INSERT INTO indicators (code, result_code, title, measure, ascending, dimensions, created_at) VALUES
  ('OC1.1', 'OC1', 'Sex workers reached with legal literacy and rights education', 'unit', 1, 'gender migrant_status age_group', 0),
  ('OC1.2', 'OC1', 'Share of sex workers reached who know where to get legal help', 'percentage', 1, 'gender migrant_status', 0),
  ('OC2.1', 'OC2', 'Incidents of violence against sex workers resolved with community support', 'unit', 1, 'gender migrant_status', 0),
  ('OC3.1', 'OC3', 'Policy and programme bodies with sex worker representatives', 'unit', 1, '', 0),
  ('OC4.1', 'OC4', 'Sex workers accessing legal or health services through member organisations', 'unit', 1, 'gender migrant_status age_group', 0),
  ('OC5.1', 'OC5', 'Joint actions with duty bearers and allied movements', 'unit', 1, '', 0),
  ('OP1.1', 'OP1', 'VASW incidents documented by community monitors', 'unit', 1, 'gender migrant_status', 0),
  ('OP2.1', 'OP2', 'Advocacy campaigns run with community-owned data', 'unit', 1, '', 0),
  ('OP3.1', 'OP3', 'Sex workers using community-owned health, safety and care services', 'unit', 1, 'gender migrant_status age_group', 0),
  ('OP4.1', 'OP4', 'Sex workers active in national organising', 'unit', 1, 'gender', 0),
  ('OP5.1', 'OP5', 'Political commitments secured from duty bearers', 'unit', 1, '', 0),
  ('OP6.1', 'OP6', 'Laws or policies changed or blocked in line with sex workers'' rights', 'qualitative', 1, '', 0);
