-- 009_inbox_indexes.sql - indexes for the caseworker's inbox over many cases: the page in the order
-- of submission or of amount is read from an index in that order (no sort of the tenant's every
-- case), and the counts per status come from an index that holds every column they filter on.
ALTER TABLE applications
  ADD KEY applications_inbox_submitted (tenant_id, submitted_at),
  ADD KEY applications_inbox_amount (tenant_id, applied_amount),
  ADD KEY applications_inbox_counts (tenant_id, status, call_id, assigned_to, applied_amount, sub_goals);
