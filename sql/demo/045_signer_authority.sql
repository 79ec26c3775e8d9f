-- 045_signer_authority.sql - how the demo organisations' signers got their signing rights (demo only):
-- each was checked by Oslo's demo caseworker against the roles in Enhetsregisteret, so the demo
-- signers can sign at once. Signers the portal made itself (after a link or a check) keep what was
-- recorded for them. Safe to re-run.
INSERT IGNORE INTO signer_authority (org_id, user_id, method, checked_against, note, by_user, tenant_id)
SELECT m.org_id, m.user_id, 'caseworker', 'register_roles', 'Demodata: styreleder i Enhetsregisteret.', cw.id, t.id
FROM org_members m
JOIN organisations o ON o.id = m.org_id
JOIN tenants t ON t.slug = 'oslo'
JOIN users cw ON cw.email_norm = 'saksbehandler@oslo.demo'
WHERE m.role = 'signer' AND o.orgnr IN ('987654325', '913580249', '916049382', '918518525', '922222231');
