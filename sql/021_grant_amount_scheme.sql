-- 021_grant_amount_scheme.sql - a past grant whose source gives no amount, and the scheme a past
-- grant belongs to. Some published lists name the recipients and projects but no amounts (IMDi's
-- list of the 2024 grants to municipalities and county councils): such a grant is imported with
-- amount NULL ("beløp ikke oppgitt"), never as 0, so sums can say they count only known amounts.
-- Grants imported before this migration belong to the integration grant to voluntary
-- organisations. Each statement is safe to run again.
ALTER TABLE historical_grants
  MODIFY COLUMN amount BIGINT NULL COMMENT 'whole kroner; NULL: the source gives no amount',
  ADD COLUMN IF NOT EXISTS scheme_id INT UNSIGNED NULL AFTER tenant_id;
UPDATE historical_grants h JOIN schemes s ON s.code = 'frivillig-integrering'
   SET h.scheme_id = s.id WHERE h.scheme_id IS NULL;
ALTER TABLE historical_grants
  MODIFY COLUMN scheme_id INT UNSIGNED NOT NULL,
  ADD CONSTRAINT historical_grants_scheme FOREIGN KEY IF NOT EXISTS (scheme_id) REFERENCES schemes (id);
