-- 013_account_hardening.sql - sessions ended on the server by a logout, failed logins counted per
-- account and client address, and emails whose body carries a one-time link. Safe to re-run.

-- The sessions a plain logout ended (the session id the cookie carries), kept until the cookie
-- could no longer be valid anyway (12 hours after its login), so a replayed cookie gets 401.
CREATE TABLE IF NOT EXISTS session_revocations (
  user_id     BIGINT UNSIGNED NOT NULL,
  sid         BINARY(8) NOT NULL COMMENT 'the random session id in the cookie',
  expires_at  DATETIME NOT NULL COMMENT 'UTC: the end of the session''s absolute lifetime; the row may go then',
  PRIMARY KEY (user_id, sid),
  KEY session_revocations_expiry (expires_at)
) ENGINE=InnoDB;

-- Failed logins per account (the hashed address, as in login_throttle) and client address. A
-- client that has failed five times on an account is locked out of it; other clients are not.
CREATE TABLE IF NOT EXISTS login_throttle_client (
  email_hash    BINARY(32) NOT NULL,
  client        VARCHAR(45) NOT NULL COMMENT 'REMOTE_ADDR as nginx gives it',
  failures      INT UNSIGNED NOT NULL DEFAULT 0,
  locked_until  DATETIME NULL,
  updated_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (email_hash, client)
) ENGINE=InnoDB;

-- An email with a one-time link (verification, password reset, invitation): its body is sent,
-- never shown in the outbox view.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS secret TINYINT(1) NOT NULL DEFAULT 0
  COMMENT '1: the body carries a one-time link; the outbox view never shows it';
UPDATE outbox SET secret = 1 WHERE kind IN ('verify_email', 'password_reset', 'org_invitation');
