-- 008_publication.sql - what is published: the years a tenant has published (its decisions are
-- final), grants from before the portal (the historical import), and the kind of support a call
-- gives (IMDi's grant rules for municipalities: operating support (driftsstøtte) to local immigrant
-- organisations, activity support (aktivitetsstøtte) to integration activities).
ALTER TABLE calls
  ADD COLUMN support_kind ENUM('activity','operating') NOT NULL DEFAULT 'activity'
    COMMENT 'aktivitetsstøtte (activities) or driftsstøtte (operating support)';

CREATE TABLE published_years (
  tenant_id     INT UNSIGNED NOT NULL,
  year          SMALLINT UNSIGNED NOT NULL,
  published_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  published_by  BIGINT UNSIGNED NULL,
  PRIMARY KEY (tenant_id, year),
  KEY published_years_year (year),
  CONSTRAINT published_years_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB;

-- Past grants read from CSV (fcgi/grantimport.c). row_key is a SHA-256 of the row's values and its
-- occurrence in the file, so importing the same file again changes nothing.
CREATE TABLE historical_grants (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id     INT UNSIGNED NOT NULL,
  year          SMALLINT UNSIGNED NOT NULL,
  orgnr         CHAR(9) NULL,
  organisation  VARCHAR(200) NOT NULL,
  title         VARCHAR(300) NOT NULL,
  amount        BIGINT NOT NULL,
  sub_goal      CHAR(1) NULL,
  row_key       BINARY(32) NOT NULL,
  imported_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  imported_by   BIGINT UNSIGNED NULL,
  UNIQUE KEY historical_grants_row (row_key),
  KEY historical_grants_tenant_year (tenant_id, year),
  CONSTRAINT historical_grants_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT historical_grants_amount CHECK (amount >= 0),
  CONSTRAINT historical_grants_sub_goal CHECK (sub_goal IS NULL OR sub_goal IN ('A','B','C','D'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the grants in force per call and year (recipients and statistics)
ALTER TABLE applications ADD KEY applications_published (tenant_id, call_id, accepted_at);

-- the other half of the municipal scheme: operating support to local immigrant organisations
INSERT INTO schemes (code, name, description) VALUES ('driftstilskudd-innvandrerorganisasjoner',
  'Driftstilskudd til lokale innvandrerorganisasjoner',
  'Støtte til drift av lokale innvandrerorganisasjoner, for å styrke deltakelsen i lokalsamfunnet.');
