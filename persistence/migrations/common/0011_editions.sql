-- Donor editions (DESIGN §9): an edition's files, rendered once when it was
-- published and never changed, so reading one is one row read.
-- disclosure_state says what it withheld, for the checks of the next
-- edition; it never leaves the alliance.
CREATE TABLE editions (
  id TEXT PRIMARY KEY,
  funding_source_id TEXT NOT NULL REFERENCES funding_sources (id),
  period_end TEXT NOT NULL,
  previous_period_end TEXT,
  published_at BIGINT NOT NULL,
  published_by TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  summary_json_sha256 TEXT NOT NULL,
  summary_csv TEXT NOT NULL,
  summary_csv_sha256 TEXT NOT NULL,
  summary_html TEXT NOT NULL,
  summary_html_sha256 TEXT NOT NULL,
  iati_xml TEXT NOT NULL,
  iati_xml_sha256 TEXT NOT NULL,
  giving360_json TEXT,
  giving360_json_sha256 TEXT,
  disclosure_state TEXT NOT NULL,
  UNIQUE (funding_source_id, period_end)
);
