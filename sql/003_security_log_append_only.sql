-- 003_security_log_append_only.sql - rows of the security log can be added, never changed or removed.
CREATE TRIGGER security_log_no_update BEFORE UPDATE ON security_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'security_log is append-only';
CREATE TRIGGER security_log_no_delete BEFORE DELETE ON security_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'security_log is append-only';
