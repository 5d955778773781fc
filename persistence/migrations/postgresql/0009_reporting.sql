-- Donor summaries add targets up in SQL: each target and baseline also as
-- the number times 10^4 (NULL where it has more than four decimals).
ALTER TABLE award_targets ADD COLUMN baseline_e4 BIGINT;
ALTER TABLE award_targets ADD COLUMN target_e4 BIGINT;
UPDATE award_targets
   SET baseline_e4 = CASE WHEN position('.' in baseline) = 0 OR length(baseline) - position('.' in baseline) <= 4
                          THEN round(baseline::numeric * 10000)::bigint END,
       target_e4 = CASE WHEN position('.' in target) = 0 OR length(target) - position('.' in target) <= 4
                        THEN round(target::numeric * 10000)::bigint END;

-- Summaries as of a date read reports by acceptance time and awards by source.
CREATE INDEX progress_reports_by_award_status ON progress_reports (award_id, status, decided_at);
CREATE INDEX funding_allocations_by_source_award ON funding_allocations (funding_source_id, award_id);
