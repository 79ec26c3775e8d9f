-- 022_call_drafts.sql - a call written by SQL without a publication time (demo data, imports,
-- the calls made before administration) is published when written; the portal writes its drafts
-- with published_at NULL itself. The server's time zone is UTC, so this is a UTC time.
ALTER TABLE calls MODIFY COLUMN published_at DATETIME NULL DEFAULT CURRENT_TIMESTAMP
  COMMENT 'UTC; NULL while a draft (the portal writes drafts with NULL; a row written without it is published)';
