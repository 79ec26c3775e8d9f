-- 016_totp.sql - the second factor: a TOTP secret per account (RFC 6238) and its recovery codes.
-- The secrets are sealed with the key of totp_key_file (libsodium secretbox); the recovery codes
-- are kept only as salted hashes. Safe to re-run.

CREATE TABLE IF NOT EXISTS user_totp (
  user_id        BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  secret_box     VARCHAR(160) NULL COMMENT 'hex of nonce and secretbox of the confirmed secret; NULL until confirmed',
  pending_box    VARCHAR(160) NULL COMMENT 'the same for an enrolment not confirmed yet by a first code',
  confirmed_at   DATETIME NULL,
  last_step      BIGINT NOT NULL DEFAULT 0 COMMENT 'the last 30-second time step whose code was accepted: no reuse',
  failures       INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'wrong codes in a row',
  locked_until   DATETIME NULL COMMENT 'five wrong codes lock for 30 s, doubling up to 15 minutes',
  recovery_salt  CHAR(32) NULL COMMENT 'hex of the salt of this account''s recovery-code hashes',
  updated_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT user_totp_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS totp_recovery_codes (
  user_id    BIGINT UNSIGNED NOT NULL,
  code_hash  CHAR(64) NOT NULL COMMENT 'hex of BLAKE2b keyed with the account''s salt; the code itself is shown once',
  used_at    DATETIME NULL,
  PRIMARY KEY (user_id, code_hash),
  CONSTRAINT totp_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
