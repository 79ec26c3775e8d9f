-- 046_imdi-published-lists.sql - demo publication of IMDi's published lists of recipients: the 2024
-- grants to municipalities and county councils (051_imdi-2024-kvalifisering-recipients.csv, the
-- scheme kvalifisering-kommuner; the list gives no amounts, so they are imported as not given) are
-- published as IMDi's 2024. And a correction of the 2021 list (050_imdi-2021-recipients.csv): its
-- row for Modernisering had the project's "2" read into the amount (2 480 000 instead of "Del 2" and
-- 480 000); a database loaded before keeps that row, since the corrected one is keyed differently,
-- so it is removed here, before the .csv files are imported again. Safe to re-run.
INSERT IGNORE INTO published_years (tenant_id, year)
SELECT t.id, 2024 FROM tenants t WHERE t.slug = 'imdi';

DELETE h FROM historical_grants h JOIN tenants t ON t.id = h.tenant_id
 WHERE t.slug = 'imdi' AND h.year = 2021 AND h.organisation = 'Modernisering'
   AND h.title = 'Hjelp til selv-integrering - Del' AND h.amount = 2480000;
