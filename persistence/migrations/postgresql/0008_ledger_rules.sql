-- The ledger is append-only: a correction is a reversing transaction.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- Budget lines and targets of awards made before 0007, from the application's JSON.
INSERT INTO award_budget_lines (id, award_id, seq, category, description, amount_minor)
SELECT l.value ->> 'id', w.id, l.ordinality, l.value ->> 'category', l.value ->> 'description',
       (l.value ->> 'amount_minor')::BIGINT
  FROM awards w JOIN applications p ON p.id = w.application_id,
       jsonb_array_elements(p.budget_lines::jsonb) WITH ORDINALITY AS l (value, ordinality);
INSERT INTO award_targets (award_id, seq, indicator_code, baseline, target)
SELECT w.id, t.ordinality, t.value ->> 'indicator_code', t.value ->> 'baseline', t.value ->> 'target'
  FROM awards w JOIN applications p ON p.id = w.application_id,
       jsonb_array_elements(p.targets::jsonb) WITH ORDINALITY AS t (value, ordinality);
