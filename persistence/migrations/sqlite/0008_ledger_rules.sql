-- The ledger is append-only: a correction is a reversing transaction.
CREATE TRIGGER ledger_entries_append_only_update BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
CREATE TRIGGER ledger_entries_append_only_delete BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
CREATE TRIGGER ledger_transactions_append_only_update BEFORE UPDATE ON ledger_transactions
BEGIN
  SELECT RAISE(ABORT, 'ledger_transactions is append-only');
END;
CREATE TRIGGER ledger_transactions_append_only_delete BEFORE DELETE ON ledger_transactions
BEGIN
  SELECT RAISE(ABORT, 'ledger_transactions is append-only');
END;

-- Budget lines and targets of awards made before 0007, from the application's JSON.
INSERT INTO award_budget_lines (id, award_id, seq, category, description, amount_minor)
SELECT json_extract(l.value, '$.id'), w.id, l.key + 1, json_extract(l.value, '$.category'),
       json_extract(l.value, '$.description'), json_extract(l.value, '$.amount_minor')
  FROM awards w JOIN applications p ON p.id = w.application_id, json_each(p.budget_lines) l;
INSERT INTO award_targets (award_id, seq, indicator_code, baseline, target)
SELECT w.id, t.key + 1, json_extract(t.value, '$.indicator_code'), json_extract(t.value, '$.baseline'),
       json_extract(t.value, '$.target')
  FROM awards w JOIN applications p ON p.id = w.application_id, json_each(p.targets) t;
