-- 005_cases.sql - casework states on applications, the assigned caseworker, the sub-goals of a
-- submitted application as a column (for filtering the inbox), and the inbox's indexes.
ALTER TABLE applications
  MODIFY status ENUM('draft','submitted','withdrawn','in_review','recommended','granted','partly_granted','rejected',
    'letter_sent','accepted','declined','partly_paid','paid','report_due','report_received','changes_asked',
    'report_approved','closed','appealed','appeal_forwarded','reclaim') NOT NULL DEFAULT 'draft',
  ADD COLUMN sub_goals SET('A','B','C','D') NOT NULL DEFAULT '' COMMENT 'copied from the draft at submission',
  ADD COLUMN assigned_to BIGINT UNSIGNED NULL COMMENT 'the caseworker the case is assigned to',
  ADD KEY applications_inbox (tenant_id, status, submitted_at),
  ADD KEY applications_assignee (tenant_id, assigned_to),
  ADD CONSTRAINT applications_assignee_user FOREIGN KEY (assigned_to) REFERENCES users (id);

UPDATE applications SET sub_goals = COALESCE((SELECT GROUP_CONCAT(j.g) FROM JSON_TABLE(data, '$.sub_goals[*]'
  COLUMNS (g VARCHAR(1) PATH '$')) j WHERE j.g IN ('A','B','C','D')), '') WHERE status <> 'draft';
