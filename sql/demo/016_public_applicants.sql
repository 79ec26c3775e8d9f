-- 016_public_applicants.sql - demo applicants of the scheme for municipalities and county councils
-- (demo only, loaded by `make run`, never by migrations; safe to re-run): Bergen kommune and
-- Trøndelag fylkeskommune (their numbers in Enhetsregisteret), each with a signer whose authority
-- to sign is recorded as checked by IMDi's demo caseworker against a written delegation from the
-- municipal or county director (docs/domain.md, "Who may sign"). Every account has the password
-- Demo-passord-2026, as in 020_users.sql.
SET @hash := '$argon2id$v=19$m=65536,t=2,p=1$74OquLXCGPUcaN0jrZQksA$2h0MogAeJpdUnKK/4n1cWZTDaYmrxe0laJBVh+H8d9A';

INSERT IGNORE INTO organisations (orgnr, name, municipality, kind, volunteer_register, business_register, business_since)
VALUES ('964338531', 'Bergen kommune', 'Bergen', 'municipality', 0, 1, '1995-02-20'),
       ('817920632', 'Trøndelag fylkeskommune', 'Trondheim', 'county', 0, 1, '2016-09-29');

INSERT IGNORE INTO users (email, email_norm, name, password_hash, email_verified_at) VALUES
  ('kommunedirektor@bergen-kommune.demo', 'kommunedirektor@bergen-kommune.demo', 'Kari Kommunedirektør', @hash, UTC_TIMESTAMP()),
  ('prosjektleder@trondelag-fylke.demo', 'prosjektleder@trondelag-fylke.demo', 'Per Prosjektleder', @hash, UTC_TIMESTAMP());

-- IMDi's demo caseworker, as 020_users.sql makes it (which then leaves it as it is), so that the
-- signers' check can name who made it
INSERT IGNORE INTO users (email, email_norm, name, password_hash, email_verified_at)
SELECT 'saksbehandler@imdi.demo', 'saksbehandler@imdi.demo', CONCAT('Saksbehandler – ', t.name), @hash, UTC_TIMESTAMP()
FROM tenants t WHERE t.slug = 'imdi';

INSERT IGNORE INTO org_members (org_id, user_id, role)
SELECT o.id, u.id, r.role FROM organisations o
JOIN users u ON (o.orgnr = '964338531' AND u.email_norm = 'kommunedirektor@bergen-kommune.demo')
             OR (o.orgnr = '817920632' AND u.email_norm = 'prosjektleder@trondelag-fylke.demo')
JOIN (SELECT 'admin' AS role UNION ALL SELECT 'signer') r;

INSERT IGNORE INTO signer_authority (org_id, user_id, method, checked_against, note, by_user, tenant_id)
SELECT m.org_id, m.user_id, 'caseworker', 'authorisation_document',
       IF(o.kind = 'county', 'Demodata: fullmakt fra fylkeskommunedirektøren.', 'Demodata: kommunedirektøren selv.'),
       cw.id, t.id
FROM org_members m
JOIN organisations o ON o.id = m.org_id
JOIN tenants t ON t.slug = 'imdi'
JOIN users cw ON cw.email_norm = 'saksbehandler@imdi.demo'
WHERE m.role = 'signer' AND o.orgnr IN ('964338531', '817920632');
