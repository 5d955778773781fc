-- Donor editions (DESIGN §9). Awards get a random public reference that
-- donor files name them by: the sequential MSWA-YYYY-NNN has gaps that
-- would count the awards a file does not list.
ALTER TABLE awards ADD COLUMN public_ref TEXT;
UPDATE awards SET public_ref = upper(hex(randomblob(5)));
CREATE UNIQUE INDEX awards_public_ref ON awards (public_ref);

-- An edition's files, rendered once when it was published and never
-- changed: reading one is one row read. disclosure_state says what it
-- withheld, for the checks of the next edition; it never leaves the alliance.
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
