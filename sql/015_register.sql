-- 015_register.sql - the public registers, imported offline (portalctl import-register), and who
-- may sign for an organisation: how each signer's authority was established, and the requests for
-- it (a link to the organisation's e-mail address in the register, or a caseworker's check).
-- Existing signers keep the role, recorded as declared before the check existed ('legacy').
-- Safe to re-run.

CREATE TABLE IF NOT EXISTS register_units (
  orgnr          CHAR(9) NOT NULL PRIMARY KEY,
  name           VARCHAR(200) NOT NULL COMMENT 'navn',
  form           VARCHAR(8) NOT NULL COMMENT 'organisasjonsform.kode: FLI, STI, KOMM, FYLK, ...',
  municipality   VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'forretningsadresse.kommune, else postadresse.kommune',
  email          VARCHAR(254) NULL COMMENT 'epostadresse, normalised; NULL when not given or not usable',
  registered_on  DATE NULL COMMENT 'registreringsdatoEnhetsregisteret',
  volunteer      TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'registrertIFrivillighetsregisteret',
  updated_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT register_units_orgnr CHECK (orgnr REGEXP '^[0-9]{9}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT 'Enhetsregisteret, as last imported';

CREATE TABLE IF NOT EXISTS register_volunteer (
  orgnr       CHAR(9) NOT NULL PRIMARY KEY,
  since       DATE NULL COMMENT 'registreringsdatoFrivillighetsregisteret',
  updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT register_volunteer_orgnr CHECK (orgnr REGEXP '^[0-9]{9}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT 'Frivillighetsregisteret''s list, as last imported';

-- One row per signer (org_members role 'signer'): how the authority was established.
CREATE TABLE IF NOT EXISTS signer_authority (
  org_id           BIGINT UNSIGNED NOT NULL,
  user_id          BIGINT UNSIGNED NOT NULL,
  method           ENUM('register_email','caseworker','delegated','legacy') NOT NULL,
  checked_against  ENUM('register_roles','authorisation_document') NULL COMMENT 'caseworker',
  email            VARCHAR(254) NULL COMMENT 'register_email: the register''s address the link went to',
  note             VARCHAR(500) NULL COMMENT 'caseworker: what they noted',
  by_user          BIGINT UNSIGNED NULL COMMENT 'caseworker: who checked; delegated: the signer who gave it',
  tenant_id        INT UNSIGNED NULL COMMENT 'caseworker: the tenant they work in',
  at               DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (org_id, user_id),
  CONSTRAINT signer_authority_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT signer_authority_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS signer_requests (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id      BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL COMMENT 'who asks to sign',
  method      ENUM('email','caseworker') NOT NULL,
  tenant_id   INT UNSIGNED NULL COMMENT 'caseworker: the tenant asked to check',
  email       VARCHAR(254) NULL COMMENT 'email: the register''s address the link went to',
  token_hash  BINARY(32) NULL COMMENT 'email: SHA-256 of the link''s token; the token is only in the email',
  status      ENUM('pending','confirmed','refused','superseded') NOT NULL DEFAULT 'pending',
  expires_at  DATETIME NULL COMMENT 'email: the link works until then',
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  decided_at  DATETIME NULL,
  decided_by  BIGINT UNSIGNED NULL COMMENT 'caseworker: who decided',
  note        VARCHAR(500) NULL,
  UNIQUE KEY signer_requests_token (token_hash),
  KEY signer_requests_tenant (tenant_id, status, id),
  KEY signer_requests_person (org_id, user_id, status),
  CONSTRAINT signer_requests_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT signer_requests_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO signer_authority (org_id, user_id, method, at)
SELECT org_id, user_id, 'legacy', created_at FROM org_members WHERE role = 'signer';
