-- 020_users.sql - demo accounts (demo only, loaded by `make run`, never by migrations).
-- Every account has the password Demo-passord-2026 (argon2id hash below, made with build/portal -P).
-- Staff of imdi, oslo, bergen and lillestrom: saksbehandler@ (caseworker), beslutter@ (decision maker),
-- admin@ (tenant admin; at IMDi also national admin). Applicants: leder@frivillig.demo (admin and
-- signer of the demo organisation) and medlem@frivillig.demo (editor of it). Safe to re-run.
SET @hash := '$argon2id$v=19$m=65536,t=2,p=1$74OquLXCGPUcaN0jrZQksA$2h0MogAeJpdUnKK/4n1cWZTDaYmrxe0laJBVh+H8d9A';

INSERT IGNORE INTO users (email, email_norm, name, password_hash, email_verified_at)
SELECT CONCAT(r.who, '@', t.slug, '.demo'), CONCAT(r.who, '@', t.slug, '.demo'),
       CONCAT(r.label, ' – ', t.name), @hash, UTC_TIMESTAMP()
FROM tenants t
JOIN (SELECT 'saksbehandler' AS who, 'Saksbehandler' AS label UNION ALL SELECT 'beslutter', 'Beslutter'
      UNION ALL SELECT 'admin', 'Administrator') r
WHERE t.slug IN ('imdi', 'oslo', 'bergen', 'lillestrom');

INSERT IGNORE INTO tenant_staff (tenant_id, user_id, role)
SELECT t.id, u.id, CASE SUBSTRING_INDEX(u.email_norm, '@', 1)
         WHEN 'saksbehandler' THEN 'caseworker' WHEN 'beslutter' THEN 'decision_maker' ELSE 'tenant_admin' END
FROM tenants t JOIN users u ON u.email_norm IN (CONCAT('saksbehandler@', t.slug, '.demo'),
  CONCAT('beslutter@', t.slug, '.demo'), CONCAT('admin@', t.slug, '.demo'))
WHERE t.slug IN ('imdi', 'oslo', 'bergen', 'lillestrom');

INSERT IGNORE INTO tenant_staff (tenant_id, user_id, role)
SELECT t.id, u.id, 'national_admin' FROM tenants t JOIN users u ON u.email_norm = 'admin@imdi.demo' WHERE t.slug = 'imdi';

INSERT IGNORE INTO users (email, email_norm, name, password_hash, email_verified_at) VALUES
  ('leder@frivillig.demo', 'leder@frivillig.demo', 'Amina Leder', @hash, UTC_TIMESTAMP()),
  ('medlem@frivillig.demo', 'medlem@frivillig.demo', 'Ola Medlem', @hash, UTC_TIMESTAMP());

-- 987654325: a made-up number with a valid modulus-11 check digit
INSERT IGNORE INTO organisations (orgnr, name, municipality, kind, volunteer_register, volunteer_since,
  business_register, business_since)
VALUES ('987654325', 'Frivillig Fellesskap Demo', 'Oslo', 'immigrant', 1, '2015-03-01', 1, '2015-02-10');

INSERT IGNORE INTO org_members (org_id, user_id, role)
SELECT o.id, u.id, r.role FROM organisations o
JOIN users u ON u.email_norm = 'leder@frivillig.demo'
JOIN (SELECT 'admin' AS role UNION ALL SELECT 'signer') r
WHERE o.orgnr = '987654325';

INSERT IGNORE INTO org_members (org_id, user_id, role)
SELECT o.id, u.id, 'editor' FROM organisations o JOIN users u ON u.email_norm = 'medlem@frivillig.demo'
WHERE o.orgnr = '987654325';
