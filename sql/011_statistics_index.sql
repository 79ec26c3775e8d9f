-- 011_statistics_index.sql - a covering index for the statistics of a published tenant-year: the
-- cases of a call with every column the measures read (status, acceptance, amounts, organisation,
-- sub-goals), so that counting them never reads the wide rows with their drafts and signed copies.
ALTER TABLE applications
  ADD KEY applications_stats (call_id, tenant_id, status, accepted_at, granted_amount, applied_amount, org_id, sub_goals);
