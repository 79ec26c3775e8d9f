-- 040_published.sql - demo publication: IMDi's 2021 recipients (IMDi's published list, brought in through the
-- historical importer from 050_imdi-2021-recipients.csv, loaded after the .sql files) and this year for every demo tenant, so the
-- recipients and statistics pages show real content on first start. (In production a tenant
-- publishes a year when its decisions are final.) Safe to re-run.
INSERT IGNORE INTO published_years (tenant_id, year)
SELECT t.id, 2021 FROM tenants t WHERE t.slug = 'imdi';

INSERT IGNORE INTO published_years (tenant_id, year)
SELECT t.id, YEAR(CURDATE()) FROM tenants t WHERE t.slug IN ('imdi', 'oslo', 'bergen', 'lillestrom');
