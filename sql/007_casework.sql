-- 007_casework.sql - the rest of a case after the decision: the assessment and internal comments,
-- the frozen letters, the payment plan, appeals, the report and change requests.

-- The assessment: one per case, replaced as the caseworker edits it.
-- scores: [{"criterion": "...", "score": 0..5 or null for not applicable}]
-- eligibility: {"volunteer_register": bool, "location": bool, "not_excluded": bool}
CREATE TABLE case_assessments (
  application_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  scores          JSON NOT NULL,
  eligibility     JSON NOT NULL,
  assessed_by     BIGINT UNSIGNED NOT NULL,
  assessed_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT case_assessments_app FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
  CONSTRAINT case_assessments_user FOREIGN KEY (assessed_by) REFERENCES users (id),
  CONSTRAINT case_assessments_scores CHECK (JSON_TYPE(scores) = 'ARRAY'),
  CONSTRAINT case_assessments_eligibility CHECK (JSON_TYPE(eligibility) = 'OBJECT')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Internal comments: seen by the tenant's staff only, never by the applicant.
CREATE TABLE case_comments (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id  BIGINT UNSIGNED NOT NULL,
  user_id         BIGINT UNSIGNED NOT NULL,
  body            VARCHAR(4000) NOT NULL,
  created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY case_comments_app (application_id, id),
  CONSTRAINT case_comments_app FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
  CONSTRAINT case_comments_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Letters as sent: content is the frozen letter (see fcgi/letter.c); never updated.
CREATE TABLE letters (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id  BIGINT UNSIGNED NOT NULL,
  kind            ENUM('grant','rejection','appeal_upheld') NOT NULL,
  content         JSON NOT NULL,
  sent_by         BIGINT UNSIGNED NULL,
  sent_at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY letters_app (application_id, id),
  CONSTRAINT letters_app FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The payment plan: made when the organisation accepts; one or two terms.
CREATE TABLE payments (
  application_id  BIGINT UNSIGNED NOT NULL,
  term            TINYINT UNSIGNED NOT NULL,
  amount          BIGINT NOT NULL,
  due_date        DATE NOT NULL,
  paid_at         DATETIME NULL,
  paid_by         BIGINT UNSIGNED NULL,
  PRIMARY KEY (application_id, term),
  KEY payments_due (paid_at, due_date),
  CONSTRAINT payments_app FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
  CONSTRAINT payments_amount CHECK (amount > 0 AND term BETWEEN 1 AND 2)
) ENGINE=InnoDB;

-- Appeals. The first instance changes the decision (status changed) or upholds it and forwards it
-- to the appeal body (forwarded: IMDi for a municipality's decision, the ministry for IMDi's own);
-- the appeal body's ruling is upheld or changed.
CREATE TABLE appeals (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id     BIGINT UNSIGNED NOT NULL,
  tenant_id          INT UNSIGNED NOT NULL COMMENT 'the first instance',
  filed_by           BIGINT UNSIGNED NOT NULL,
  filed_at           DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  reasons            VARCHAR(4000) NOT NULL,
  late               TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'filed after the appeal deadline',
  status             ENUM('filed','changed','forwarded','upheld','reversed') NOT NULL DEFAULT 'filed',
  appeal_body        ENUM('imdi','ministry') NULL,
  handled_by         BIGINT UNSIGNED NULL,
  handled_at         DATETIME NULL,
  handled_reasons    VARCHAR(4000) NULL,
  ruled_by           BIGINT UNSIGNED NULL,
  ruled_at           DATETIME NULL,
  ruling_reasons     VARCHAR(4000) NULL,
  KEY appeals_app (application_id, id),
  KEY appeals_tenant (tenant_id, status),
  KEY appeals_body (appeal_body, status),
  CONSTRAINT appeals_app FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The report on a grant: the latest one filed. data: {"goals_reached", "participants", "activities",
-- "accounts": [{"item", "budget", "actual"}], "unused"}.
CREATE TABLE reports (
  application_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  data            JSON NOT NULL,
  submitted_by    BIGINT UNSIGNED NOT NULL,
  submitted_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  late            TINYINT(1) NOT NULL DEFAULT 0,
  review          ENUM('pending','approved','changes_asked') NOT NULL DEFAULT 'pending',
  reviewed_by     BIGINT UNSIGNED NULL,
  reviewed_at     DATETIME NULL,
  review_comment  VARCHAR(4000) NULL,
  payback_amount  BIGINT NULL COMMENT 'money not used for the purpose, to be paid back',
  CONSTRAINT reports_app FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
  CONSTRAINT reports_data CHECK (JSON_TYPE(data) = 'OBJECT')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Change requests: the organisation asks; the tenant approves or refuses in writing.
CREATE TABLE change_requests (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id  BIGINT UNSIGNED NOT NULL,
  kind            ENUM('purpose','activities','budget') NOT NULL,
  description     VARCHAR(4000) NOT NULL,
  requested_by    BIGINT UNSIGNED NOT NULL,
  requested_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  status          ENUM('pending','approved','refused') NOT NULL DEFAULT 'pending',
  decided_by      BIGINT UNSIGNED NULL,
  decided_at      DATETIME NULL,
  response        VARCHAR(4000) NULL,
  KEY change_requests_app (application_id, id),
  CONSTRAINT change_requests_app FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE applications
  ADD COLUMN letter_sent_at DATETIME NULL COMMENT 'UTC; the appeal window runs from here',
  ADD COLUMN accepted_at DATETIME NULL,
  ADD COLUMN report_due DATE NULL COMMENT 'set with the payment plan',
  ADD COLUMN report_reminders TINYINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'bit 1: 30 days, bit 2: 7 days',
  ADD COLUMN reclaim_amount BIGINT NULL,
  ADD KEY applications_report_due (status, report_due);

ALTER TABLE attachments
  MODIFY kind ENUM('budget','tax_certificate','other','audited_accounts','report') NOT NULL;
