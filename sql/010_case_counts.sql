-- 010_case_counts.sql - the number of cases per tenant, call and status, kept by triggers in the
-- same transaction as the change to applications, so the inbox's counts per status read a few
-- rows instead of counting every case of the tenant. Drafts are not counted (the inbox never shows
-- them, and a draft save then touches no counter). A row whose count falls to 0 stays, with n = 0.
-- The update trigger takes the two rows it changes in the order of the status enum, so two cases
-- moving in opposite directions within one call cannot deadlock on them.
-- Safe to re-run: the table is created if missing, the triggers replaced, the counts recounted.
CREATE TABLE IF NOT EXISTS case_counts (
  tenant_id INT UNSIGNED NOT NULL,
  call_id   INT UNSIGNED NOT NULL,
  status    VARCHAR(24) CHARACTER SET ascii NOT NULL,
  n         INT NOT NULL,
  PRIMARY KEY (tenant_id, call_id, status)
) ENGINE=InnoDB;

DELIMITER //
CREATE OR REPLACE TRIGGER applications_count_insert AFTER INSERT ON applications FOR EACH ROW
BEGIN
  IF NEW.status <> 'draft' THEN
    INSERT INTO case_counts (tenant_id, call_id, status, n) VALUES (NEW.tenant_id, NEW.call_id, NEW.status, 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END//

CREATE OR REPLACE TRIGGER applications_count_update AFTER UPDATE ON applications FOR EACH ROW
BEGIN
  IF NEW.status <> OLD.status OR NEW.call_id <> OLD.call_id OR NEW.tenant_id <> OLD.tenant_id THEN
    IF OLD.status + 0 <= NEW.status + 0 AND OLD.status <> 'draft' THEN
      UPDATE case_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND call_id = OLD.call_id AND status = OLD.status;
    END IF;
    IF NEW.status <> 'draft' THEN
      INSERT INTO case_counts (tenant_id, call_id, status, n) VALUES (NEW.tenant_id, NEW.call_id, NEW.status, 1)
        ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
    IF OLD.status + 0 > NEW.status + 0 AND OLD.status <> 'draft' THEN
      UPDATE case_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND call_id = OLD.call_id AND status = OLD.status;
    END IF;
  END IF;
END//

CREATE OR REPLACE TRIGGER applications_count_delete AFTER DELETE ON applications FOR EACH ROW
BEGIN
  IF OLD.status <> 'draft' THEN
    UPDATE case_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND call_id = OLD.call_id AND status = OLD.status;
  END IF;
END//
DELIMITER ;

-- the counts of the cases that are there already, recounted from scratch in one transaction
-- (`portalctl start` migrates before the workers take requests)
START TRANSACTION;
DELETE FROM case_counts;
INSERT INTO case_counts (tenant_id, call_id, status, n)
  SELECT tenant_id, call_id, status, COUNT(*) FROM applications WHERE status <> 'draft'
  GROUP BY tenant_id, call_id, status LOCK IN SHARE MODE;
COMMIT;
