-- 002_accounts.sql - people, their roles in organisations and tenants, email tokens, the outbox,
-- login throttling and the append-only security log.

CREATE TABLE users (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email              VARCHAR(254) NOT NULL COMMENT 'as typed',
  email_norm         VARCHAR(254) NOT NULL COMMENT 'lower-cased: unique, case-insensitive',
  name               VARCHAR(200) NOT NULL,
  password_hash      VARCHAR(255) NOT NULL COMMENT 'libsodium crypto_pwhash_str (argon2id)',
  email_verified_at  DATETIME NULL,
  session_gen        INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'bumped by log out everywhere and password changes',
  created_at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY users_email_norm (email_norm)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE email_tokens (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id     BIGINT UNSIGNED NOT NULL,
  purpose     ENUM('verify','reset') NOT NULL,
  token_hash  BINARY(32) NOT NULL COMMENT 'SHA-256 of the token; the token itself is only in the email',
  expires_at  DATETIME NOT NULL,
  used_at     DATETIME NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY email_tokens_hash (token_hash),
  KEY email_tokens_user (user_id, purpose),
  CONSTRAINT email_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE organisations (
  id                     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  orgnr                  CHAR(9) NOT NULL,
  name                   VARCHAR(200) NOT NULL,
  municipality           VARCHAR(100) NOT NULL,
  kind                   ENUM('voluntary','immigrant','foundation','municipality','county') NOT NULL,
  volunteer_register     TINYINT(1) NOT NULL DEFAULT 0,
  volunteer_since        DATE NULL,
  business_register      TINYINT(1) NOT NULL DEFAULT 0,
  business_since         DATE NULL,
  created_at             DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY organisations_orgnr (orgnr),
  CONSTRAINT organisations_orgnr_format CHECK (orgnr REGEXP '^[0-9]{9}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE org_members (
  org_id      BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  role        ENUM('admin','signer','editor','viewer') NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (org_id, user_id, role),
  KEY org_members_user (user_id),
  CONSTRAINT org_members_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT org_members_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tenant_staff (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id   INT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  role        ENUM('caseworker','decision_maker','tenant_admin','national_admin') NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY tenant_staff_role (tenant_id, user_id, role),
  KEY tenant_staff_user (user_id),
  CONSTRAINT tenant_staff_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT tenant_staff_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed logins per email address (hashed), whether or not an account exists, so the answer
-- never tells which addresses have accounts.
CREATE TABLE login_throttle (
  email_hash    BINARY(32) NOT NULL PRIMARY KEY,
  failures      INT UNSIGNED NOT NULL DEFAULT 0,
  locked_until  DATETIME NULL,
  updated_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB;

-- Every email the portal sends, committed with what caused it; a sender delivers and retries.
CREATE TABLE outbox (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  to_email         VARCHAR(254) NOT NULL,
  subject          VARCHAR(255) NOT NULL,
  body             TEXT NOT NULL,
  kind             VARCHAR(40) NOT NULL,
  tenant_id        INT UNSIGNED NULL,
  created_at       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  attempts         INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sent_at          DATETIME NULL,
  last_error       VARCHAR(255) NULL,
  KEY outbox_due (sent_at, next_attempt_at),
  KEY outbox_to (to_email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what to access and roles, when, from where. Append-only (see the triggers in 003).
CREATE TABLE security_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at          DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  event       VARCHAR(40) NOT NULL,
  user_id     BIGINT UNSIGNED NULL COMMENT 'who it is about',
  actor_id    BIGINT UNSIGNED NULL COMMENT 'who did it, when not the user',
  tenant_id   INT UNSIGNED NULL,
  org_id      BIGINT UNSIGNED NULL,
  ip          VARCHAR(45) NULL,
  detail      VARCHAR(255) NULL,
  KEY security_log_tenant (tenant_id, id),
  KEY security_log_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
