-- Reversing a paid disbursement takes two finance officers (DESIGN §11): one
-- asks, another confirms. The stored status keeps its four values, so every
-- sum of paid money stays right while a reversal is only asked for:
--   'paid' with reversal_requested_at set     = reversal requested
--   'cancelled' with paid_at set              = reversed
ALTER TABLE disbursements ADD COLUMN reversal_requested_by TEXT REFERENCES users (id);
ALTER TABLE disbursements ADD COLUMN reversal_requested_at BIGINT;
ALTER TABLE disbursements ADD COLUMN reversal_reason TEXT;
ALTER TABLE disbursements ADD COLUMN reversed_by TEXT REFERENCES users (id)
  CHECK (reversed_by IS NULL OR reversed_by <> reversal_requested_by);
ALTER TABLE disbursements ADD COLUMN reversed_at BIGINT;

-- Payments cancelled in one step before this rule: reversed, by the person
-- who cancelled them, with nobody recorded as asking.
UPDATE disbursements SET reversed_by = cancelled_by, reversed_at = cancelled_at, reversal_reason = cancel_reason,
  cancelled_by = NULL, cancelled_at = NULL, cancel_reason = NULL
  WHERE status = 'cancelled' AND paid_at IS NOT NULL;
