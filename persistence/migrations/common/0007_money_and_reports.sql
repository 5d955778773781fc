-- Money and results: the award's budget lines and targets fixed in tables,
-- disbursements with their idempotency keys, the double-entry ledger, and
-- the content of progress reports.

-- Copied from the application when it is approved; an approved application
-- never changes, so the ids stay the ones the member saw.
CREATE TABLE award_budget_lines (
  id           TEXT PRIMARY KEY,
  award_id     TEXT NOT NULL REFERENCES awards (id),
  seq          INTEGER NOT NULL,
  category     TEXT NOT NULL,
  description  TEXT NOT NULL,
  amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
  UNIQUE (award_id, seq)
);

CREATE TABLE award_targets (
  award_id       TEXT NOT NULL REFERENCES awards (id),
  seq            INTEGER NOT NULL,
  indicator_code TEXT NOT NULL REFERENCES indicators (code),
  baseline       TEXT NOT NULL,
  target         TEXT NOT NULL,
  PRIMARY KEY (award_id, indicator_code)
);

-- requested -> approved -> paid; cancelled. Amounts in the award's currency.
CREATE TABLE disbursements (
  id                TEXT PRIMARY KEY,
  award_id          TEXT NOT NULL REFERENCES awards (id),
  tranche_id        TEXT NOT NULL REFERENCES tranches (id),
  currency          TEXT NOT NULL CHECK (length(currency) = 3),
  amount_minor      BIGINT NOT NULL CHECK (amount_minor > 0),
  note              TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'paid', 'cancelled')),
  requested_by      TEXT NOT NULL REFERENCES users (id),
  requested_at      BIGINT NOT NULL,
  approved_by       TEXT REFERENCES users (id),
  approved_at       BIGINT,
  paid_by           TEXT REFERENCES users (id),
  paid_at           BIGINT,
  paid_on           TEXT,
  payment_reference TEXT,
  cancelled_by      TEXT REFERENCES users (id),
  cancelled_at      BIGINT,
  cancel_reason     TEXT,
  version           BIGINT NOT NULL,
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL,
  CHECK (approved_by IS NULL OR approved_by <> requested_by)
);
CREATE INDEX disbursements_by_created ON disbursements (created_at, id);
CREATE INDEX disbursements_by_award ON disbursements (award_id, created_at, id);
CREATE INDEX disbursements_by_tranche ON disbursements (tranche_id);
-- A bank transfer is recorded once.
CREATE UNIQUE INDEX disbursements_payment_reference ON disbursements (payment_reference)
  WHERE payment_reference IS NOT NULL;

-- How a payment split across the award's funding sources, each share
-- converted into the source's currency at the rate of the payment date.
CREATE TABLE disbursement_portions (
  disbursement_id     TEXT NOT NULL REFERENCES disbursements (id),
  funding_source_id   TEXT NOT NULL REFERENCES funding_sources (id),
  amount_minor        BIGINT NOT NULL CHECK (amount_minor >= 0),
  source_amount_minor BIGINT NOT NULL CHECK (source_amount_minor >= 0),
  rate                TEXT NOT NULL,
  rate_date           TEXT NOT NULL,
  PRIMARY KEY (disbursement_id, funding_source_id)
);

-- One row per (user, key): the fingerprint of the first request and the
-- answer it got, replayed byte for byte for 24 hours.
CREATE TABLE idempotency_keys (
  user_id     TEXT NOT NULL REFERENCES users (id),
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status_code INTEGER NOT NULL,
  body        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotency_keys_by_created ON idempotency_keys (created_at);

-- The double-entry ledger. Every transaction's entries sum to zero per
-- currency; entries are never changed (triggers in 0008), only reversed.
-- kind: receipt (donor -> source), allocation (source -> award),
-- payment (award committed -> paid out), expenditure (paid out -> spent),
-- reversal (the negation of an earlier transaction).
CREATE TABLE ledger_transactions (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('receipt', 'allocation', 'payment', 'expenditure', 'reversal')),
  reference_id TEXT NOT NULL,
  reverses_id  TEXT UNIQUE REFERENCES ledger_transactions (id),
  booked_on    TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);
CREATE INDEX ledger_transactions_by_reference ON ledger_transactions (reference_id);

-- holder: the funding source or award whose account it is.
CREATE TABLE ledger_entries (
  transaction_id TEXT NOT NULL REFERENCES ledger_transactions (id),
  seq            INTEGER NOT NULL,
  holder_type    TEXT NOT NULL CHECK (holder_type IN ('funding_source', 'award')),
  holder_id      TEXT NOT NULL,
  account        TEXT NOT NULL CHECK (account IN ('income', 'available', 'allocated', 'disbursed', 'spent',
                                                  'funding', 'committed', 'paid')),
  currency       TEXT NOT NULL CHECK (length(currency) = 3),
  amount_minor   BIGINT NOT NULL CHECK (amount_minor <> 0),
  PRIMARY KEY (transaction_id, seq)
);
CREATE INDEX ledger_entries_by_holder ON ledger_entries (holder_id, account);

-- The ledger of what already happened: receipts and award allocations.
INSERT INTO ledger_transactions (id, kind, reference_id, reverses_id, booked_on, created_at)
SELECT 'receipt-' || id, 'receipt', id, NULL, received_on, created_at FROM receipts;
INSERT INTO ledger_entries (transaction_id, seq, holder_type, holder_id, account, currency, amount_minor)
SELECT 'receipt-' || id, 1, 'funding_source', funding_source_id, 'income', currency, -amount_minor FROM receipts
UNION ALL
SELECT 'receipt-' || id, 2, 'funding_source', funding_source_id, 'available', currency, amount_minor FROM receipts;

INSERT INTO ledger_transactions (id, kind, reference_id, reverses_id, booked_on, created_at)
SELECT 'allocation-' || id, 'allocation', id, NULL, decided_on, created_at FROM awards;
INSERT INTO ledger_entries (transaction_id, seq, holder_type, holder_id, account, currency, amount_minor)
SELECT 'allocation-' || a.award_id, 4 * a.seq - 3, 'funding_source', a.funding_source_id, 'available', f.currency,
       -a.source_amount_minor
  FROM funding_allocations a JOIN funding_sources f ON f.id = a.funding_source_id
UNION ALL
SELECT 'allocation-' || a.award_id, 4 * a.seq - 2, 'funding_source', a.funding_source_id, 'allocated', f.currency,
       a.source_amount_minor
  FROM funding_allocations a JOIN funding_sources f ON f.id = a.funding_source_id
UNION ALL
SELECT 'allocation-' || a.award_id, 4 * a.seq - 1, 'award', a.award_id, 'funding', w.currency, -a.amount_minor
  FROM funding_allocations a JOIN awards w ON w.id = a.award_id
UNION ALL
SELECT 'allocation-' || a.award_id, 4 * a.seq, 'award', a.award_id, 'committed', w.currency, a.amount_minor
  FROM funding_allocations a JOIN awards w ON w.id = a.award_id;

-- Progress reports: pending -> draft -> submitted -> accepted / returned.
ALTER TABLE progress_reports ADD COLUMN narrative TEXT NOT NULL DEFAULT '';
ALTER TABLE progress_reports ADD COLUMN submitted_at BIGINT;
ALTER TABLE progress_reports ADD COLUMN decided_at BIGINT;
ALTER TABLE progress_reports ADD COLUMN return_reason TEXT;
ALTER TABLE progress_reports ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE progress_reports ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX progress_reports_by_due ON progress_reports (status, due_on);

-- value as the member wrote it; value_e4 the same number times 10^4 for
-- sums in SQL (NULL for qualitative indicators). Dimension columns are NULL
-- where the value is not broken down by them.
CREATE TABLE report_indicator_values (
  report_id      TEXT NOT NULL REFERENCES progress_reports (id),
  seq            INTEGER NOT NULL,
  indicator_code TEXT NOT NULL REFERENCES indicators (code),
  gender         TEXT,
  migrant_status TEXT,
  age_group      TEXT,
  value          TEXT NOT NULL,
  value_e4       BIGINT,
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX report_indicator_values_by_indicator ON report_indicator_values (indicator_code);

CREATE TABLE report_expenditures (
  report_id      TEXT NOT NULL REFERENCES progress_reports (id),
  budget_line_id TEXT NOT NULL REFERENCES award_budget_lines (id),
  amount_minor   BIGINT NOT NULL CHECK (amount_minor >= 0),
  PRIMARY KEY (report_id, budget_line_id)
);
