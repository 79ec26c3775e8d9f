-- 004_applications.sql - organisations' invitations and access requests, applications (drafts and
-- signed submissions), per-tenant gapless numbering, attachments, and what a call requires.

ALTER TABLE organisations
  ADD COLUMN has_employees TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'then a tax certificate is required' AFTER business_since,
  ADD COLUMN updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP;

ALTER TABLE calls
  ADD COLUMN required_attachments SET('budget','tax_certificate') NOT NULL DEFAULT ''
    COMMENT 'tax_certificate applies to organisations with employees',
  ADD COLUMN requires_business_register TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'e.g. Lillestrøm';

CREATE TABLE org_invitations (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id       BIGINT UNSIGNED NOT NULL,
  email_norm   VARCHAR(254) NOT NULL,
  role         ENUM('admin','signer','editor','viewer') NOT NULL,
  token_hash   BINARY(32) NOT NULL,
  invited_by   BIGINT UNSIGNED NOT NULL,
  created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at   DATETIME NOT NULL,
  accepted_at  DATETIME NULL,
  UNIQUE KEY org_invitations_token (token_hash),
  CONSTRAINT org_invitations_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE applications (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id            BIGINT UNSIGNED NOT NULL,
  call_id           INT UNSIGNED NOT NULL,
  tenant_id         INT UNSIGNED NOT NULL,
  status            ENUM('draft','submitted','withdrawn') NOT NULL DEFAULT 'draft',
  version           INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'bumped by every save: the ETag',
  title             VARCHAR(200) NOT NULL DEFAULT '',
  applied_amount    BIGINT NULL,
  data              JSON NOT NULL COMMENT 'the draft, as the form holds it',
  created_by        BIGINT UNSIGNED NOT NULL,
  updated_by        BIGINT UNSIGNED NOT NULL,
  created_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  reference         VARCHAR(20) NULL COMMENT 'e.g. OSL-2026-0001, given at submission',
  submitted_at      DATETIME NULL,
  submitted_by      BIGINT UNSIGNED NULL,
  submitted_ip      VARCHAR(45) NULL,
  submit_key        VARCHAR(64) NULL COMMENT 'Idempotency-Key of the submission',
  signed            JSON NULL COMMENT 'frozen copy of what was signed: application, organisation, call, signer',
  withdrawn_at      DATETIME NULL,
  UNIQUE KEY applications_reference (reference),
  KEY applications_org (org_id, id),
  KEY applications_tenant (tenant_id, status, id),
  KEY applications_call (call_id),
  CONSTRAINT applications_org FOREIGN KEY (org_id) REFERENCES organisations (id),
  CONSTRAINT applications_call FOREIGN KEY (call_id) REFERENCES calls (id),
  CONSTRAINT applications_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT applications_amount CHECK (applied_amount IS NULL OR applied_amount >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The next number per tenant and year; taken under a row lock in the submitting transaction, so
-- numbers have no gaps and no duplicates however many submit at once.
CREATE TABLE application_counters (
  tenant_id  INT UNSIGNED NOT NULL,
  year       SMALLINT UNSIGNED NOT NULL,
  last_no    INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, year)
) ENGINE=InnoDB;

CREATE TABLE attachments (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id  BIGINT UNSIGNED NOT NULL,
  kind            ENUM('budget','tax_certificate','other') NOT NULL,
  filename        VARCHAR(200) NOT NULL,
  content_type    VARCHAR(100) NOT NULL,
  size            INT UNSIGNED NOT NULL,
  sha256          BINARY(32) NOT NULL,
  content         LONGBLOB NOT NULL,
  created_by      BIGINT UNSIGNED NOT NULL,
  created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY attachments_application (application_id),
  CONSTRAINT attachments_application FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
  CONSTRAINT attachments_size CHECK (size > 0 AND size <= 10485760)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every event on an application (the applicant's timeline now, the case log later).
CREATE TABLE application_events (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id  BIGINT UNSIGNED NOT NULL,
  at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  user_id         BIGINT UNSIGNED NULL,
  event           VARCHAR(40) NOT NULL,
  detail          VARCHAR(255) NULL,
  KEY application_events_app (application_id, id),
  CONSTRAINT application_events_app FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
