-- 006_decisions.sql - impartiality declarations (forvaltningsloven § 6), and the recommendation and
-- decision of a case.
CREATE TABLE case_impartiality (
  application_id  BIGINT UNSIGNED NOT NULL,
  user_id         BIGINT UNSIGNED NOT NULL,
  impartial       TINYINT(1) NOT NULL COMMENT '0 = recused',
  reason          VARCHAR(500) NULL,
  declared_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (application_id, user_id),
  CONSTRAINT case_impartiality_app FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
  CONSTRAINT case_impartiality_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE applications
  ADD COLUMN recommended_by BIGINT UNSIGNED NULL,
  ADD COLUMN recommended_amount BIGINT NULL,
  ADD COLUMN recommendation VARCHAR(4000) NULL,
  ADD COLUMN decided_by BIGINT UNSIGNED NULL,
  ADD COLUMN granted_amount BIGINT NULL COMMENT 'set by a grant or partial grant; counts against the frame',
  ADD COLUMN decision_reasons VARCHAR(4000) NULL,
  ADD COLUMN decided_at DATETIME NULL,
  ADD KEY applications_committed (call_id, granted_amount);
