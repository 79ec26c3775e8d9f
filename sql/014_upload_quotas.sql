-- 014_upload_quotas.sql - indexes for the upload and draft quotas: an organisation's open drafts
-- for a call are counted, and the bytes of all its attachments summed, on every new draft and
-- upload (svc/drafts.c, svc/attachments.c), from the index alone. Safe to re-run.
ALTER TABLE applications ADD INDEX IF NOT EXISTS applications_org_call (org_id, call_id, status);
ALTER TABLE attachments ADD INDEX IF NOT EXISTS attachments_size (application_id, size);
