-- 012_standalone_texts.sql - the operating-support scheme's description and the support-kind column
-- comment as 008 now writes them: databases migrated before 008 was reworded keep no reference to
-- source documents outside the repository. Safe to re-run.
UPDATE schemes SET description = 'Støtte til drift av lokale innvandrerorganisasjoner, for å styrke deltakelsen i lokalsamfunnet.'
 WHERE code = 'driftstilskudd-innvandrerorganisasjoner';
ALTER TABLE calls MODIFY COLUMN support_kind ENUM('activity','operating') NOT NULL DEFAULT 'activity'
  COMMENT 'aktivitetsstøtte (activities) or driftsstøtte (operating support)';
