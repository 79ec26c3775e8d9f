-- 020_allocation_statistics.sql - the statistics of years before the portal, per municipality and
-- year, as IMDi's yearly reports printed them (the statistics import, fcgi/svc/statimport.c), and
-- the former names of the municipalities those reports use (Skedsmo, merged into Lillestrøm in
-- 2020), so that a printed table can be imported as it stands. A NULL measure is one the source
-- does not give.
CREATE TABLE IF NOT EXISTS tenant_former_names (
  name       VARCHAR(100) NOT NULL PRIMARY KEY,
  tenant_id  INT UNSIGNED NOT NULL,
  until_year SMALLINT UNSIGNED NULL COMMENT 'the last year the name was in use',
  CONSTRAINT tenant_former_names_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT IGNORE INTO tenant_former_names (name, tenant_id, until_year)
SELECT 'Skedsmo', id, 2019 FROM tenants WHERE slug = 'lillestrom';

CREATE TABLE IF NOT EXISTS historical_statistics (
  tenant_id               INT UNSIGNED NOT NULL,
  year                    SMALLINT UNSIGNED NOT NULL,
  source_name             VARCHAR(100) NOT NULL COMMENT 'the municipality as the source names it',
  allocation              BIGINT NULL,
  applications_received   INT UNSIGNED NULL,
  amount_applied          BIGINT NULL,
  applications_granted    INT UNSIGNED NULL,
  amount_granted          BIGINT NULL,
  operating_orgs          INT UNSIGNED NULL,
  operating_members       INT UNSIGNED NULL,
  operating_amount        BIGINT NULL,
  activity_orgs           INT UNSIGNED NULL,
  activity_amount         BIGINT NULL,
  unused                  BIGINT NULL,
  admin_costs             BIGINT NULL,
  admin_costs_unconsented BIGINT NULL COMMENT 'spent without IMDi''s consent',
  imported_at             DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  imported_by             BIGINT UNSIGNED NULL,
  PRIMARY KEY (tenant_id, year),
  KEY historical_statistics_year (year),
  CONSTRAINT historical_statistics_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
