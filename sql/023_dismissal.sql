-- 023_dismissal.sql - dismissal (avvisning) as an outcome of its own beside rejection: an
-- application that fails a formal requirement is dismissed without being assessed on its merits.
-- The status 'dismissed' goes last in the enum, so the case counts' update trigger (migration 010)
-- keeps taking its rows in the enum's order. The outcome the caseworker proposes and the one
-- decided are kept, so a letter, the appeal rule and the case page know a dismissal from a rejection.
ALTER TABLE applications
  MODIFY status ENUM('draft','submitted','withdrawn','in_review','recommended','granted','partly_granted','rejected',
    'letter_sent','accepted','declined','partly_paid','paid','report_due','report_received','changes_asked',
    'report_approved','closed','appealed','appeal_forwarded','reclaim','dismissed') NOT NULL DEFAULT 'draft',
  ADD COLUMN IF NOT EXISTS recommended_outcome ENUM('grant','dismiss') NULL
    COMMENT 'what the caseworker proposes: a grant (of recommended_amount, 0 to reject) or a dismissal',
  ADD COLUMN IF NOT EXISTS decision_outcome ENUM('grant','grant_partly','reject','dismiss') NULL
    COMMENT 'the decision; NULL before one (and after an appeal reopened the case)';

UPDATE applications SET recommended_outcome = 'grant'
 WHERE recommended_by IS NOT NULL AND recommended_outcome IS NULL;
UPDATE applications SET decision_outcome = CASE
    WHEN granted_amount IS NULL THEN 'reject'
    WHEN granted_amount = applied_amount THEN 'grant'
    ELSE 'grant_partly' END
 WHERE decided_at IS NOT NULL AND decision_outcome IS NULL;

ALTER TABLE letters MODIFY kind ENUM('grant','rejection','appeal_upheld','dismissal') NOT NULL;
