-- 024_publication_log.sql - the log of publishing a tenant's year: each publication and each
-- withdrawal of one (unpublishing), who did it, when, and for a withdrawal the reason given.
-- Append-only: the log of what the public was shown is never rewritten.
CREATE TABLE IF NOT EXISTS publication_events (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id  INT UNSIGNED NOT NULL,
  year       SMALLINT UNSIGNED NOT NULL,
  kind       ENUM('published','unpublished') NOT NULL,
  reason     VARCHAR(2000) NULL COMMENT 'why the year was withdrawn (unpublished)',
  by_user    BIGINT UNSIGNED NULL,
  at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'UTC',
  KEY publication_events_tenant (tenant_id, year, id),
  CONSTRAINT publication_events_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER publication_events_no_update BEFORE UPDATE ON publication_events FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'publication_events is append-only';
CREATE TRIGGER publication_events_no_delete BEFORE DELETE ON publication_events FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'publication_events is append-only';
