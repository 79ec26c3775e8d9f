-- 010_calls.sql - demo calls: an open call for this year at IMDi, Oslo, Lillestrøm and Bergen,
-- and IMDi's closed call from last year. Loaded by `make run` (never by migrations); safe to re-run:
-- existing calls are left as they are.
SET @y := YEAR(CURDATE());
SET @scheme := (SELECT id FROM schemes WHERE code = 'frivillig-integrering');
-- open until mid-December, and always at least 30 days from the day the demo is loaded
SET @deadline := GREATEST(TIMESTAMP(CONCAT(@y, '-12-15 12:00:00')), TIMESTAMP(CURDATE() + INTERVAL 30 DAY, '12:00:00'));
SET @criteria := JSON_ARRAY(
  'Tydelig beskrivelse av mål og målgrupper',
  'Konkrete og målbare mål for prosjektet/tiltakene',
  'Realistisk framdriftsplan',
  'Realistisk og hensiktsmessig budsjett med samsvar mellom søknadssum og resultatmål',
  'Kompetanse og erfaring på området, og evne til å bruke egnede metoder og aktiviteter',
  'Tiltakene er tilpasset målgruppenes alder, kjønn og nasjonale bakgrunn',
  'Nettverk, forankring og gjennomslag i aktuelle miljøer og lokalsamfunn',
  'Frivillig arbeid brukes i gjennomføringen',
  'Samarbeid med kommuner, fylkeskommuner, offentlige etater og andre frivillige organisasjoner',
  'Overføringsverdi: erfaringer og resultater deles',
  'Rettet mot barn og unge, og samarbeid med barne- og ungdomsorganisasjoner');

INSERT IGNORE INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local,
  min_amount, max_amount, sub_goals, one_project, budget_frame, report_due, criteria)
SELECT t.id, @scheme, @y, CONCAT('Nasjonale prosjekter ', @y, ' – integreringsarbeid i regi av frivillige organisasjoner'),
  'IMDi gir tilskudd til nasjonale prosjekter. Frivillige organisasjoner registrert i Frivillighetsregisteret kan søke om støtte til prosjekter med årlig budsjett på inntil 1 000 000 kroner og enkelttiltak på minimum 10 000 kroner under delmål A–C.\nAv rammen er 15 mill. kroner satt av til norsktrening og kvalifisering (delmål B).',
  TIMESTAMP(CONCAT(@y, '-01-01 00:00:00')), @deadline, 10000, 1000000, 'A,B,C', 0, 41480000,
  CONCAT(@y + 1, '-02-01'), @criteria
FROM tenants t WHERE t.slug = 'imdi';

INSERT IGNORE INTO call_earmarks (call_id, sub_goal, amount)
SELECT c.id, 'B', 15000000 FROM calls c JOIN tenants t ON t.id = c.tenant_id
WHERE t.slug = 'imdi' AND c.year = @y AND c.scheme_id = @scheme;

INSERT IGNORE INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local,
  min_amount, max_amount, sub_goals, one_project, budget_frame, report_due, criteria)
SELECT t.id, @scheme, @y, CONCAT('Integreringstilskudd ', @y, ' – Oslo kommune'),
  'Oslo kommune forvalter den lokale delen av ordningen på vegne av IMDi. Prosjekter, tiltak og aktiviteter må rette seg mot ett eller flere av de fire delmålene, ha innvandrere som hovedmålgruppe og gjennomføres i Oslo. Søknadsbeløp minimum 10 000 og maksimum 1 000 000 kroner.\nEtaten innstiller, og byråden fatter vedtak.',
  TIMESTAMP(CONCAT(@y, '-01-05 08:00:00')), @deadline, 10000, 1000000, 'A,B,C,D', 0, 12000000,
  CONCAT(@y + 1, '-02-01'), @criteria
FROM tenants t WHERE t.slug = 'oslo';

INSERT IGNORE INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local,
  min_amount, max_amount, sub_goals, one_project, budget_frame, report_due, criteria)
SELECT t.id, @scheme, @y, CONCAT('Tilskudd til integreringstiltak ', @y, ' – Lillestrøm kommune'),
  'Lillestrøm kommune forvalter tilskuddet til lokale aktiviteter på vegne av IMDi. Organisasjonen må være registrert i Brønnøysundregistrene og Frivillighetsregisteret og ha hovedandelen av medlemmene i Lillestrøm kommune. Ett prosjekt per søknad; en organisasjon kan sende flere søknader. Inntil 400 000 kroner per prosjekt.',
  TIMESTAMP(CONCAT(@y, '-01-10 08:00:00')), @deadline, 10000, 400000, 'A,B,C', 1, 2500000,
  CONCAT(@y + 1, '-02-01'), @criteria
FROM tenants t WHERE t.slug = 'lillestrom';

INSERT IGNORE INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local,
  min_amount, max_amount, sub_goals, one_project, budget_frame, report_due, criteria)
SELECT t.id, @scheme, @y, CONCAT('Integreringstilskudd ', @y, ' – Bergen kommune'),
  'Bergen kommune gir tilskudd til lokale prosjekter, enkelttiltak og aktiviteter i regi av frivillige organisasjoner, og driftstilskudd til lokale innvandrerorganisasjoner.',
  TIMESTAMP(CONCAT(@y, '-01-15 08:00:00')), @deadline, 10000, 1000000, 'A,B,C', 0, 6000000,
  CONCAT(@y + 1, '-02-01'), @criteria
FROM tenants t WHERE t.slug = 'bergen';

INSERT IGNORE INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local,
  min_amount, max_amount, sub_goals, one_project, budget_frame, report_due, criteria)
SELECT t.id, @scheme, @y - 1, CONCAT('Nasjonale prosjekter ', @y - 1, ' – integreringsarbeid i regi av frivillige organisasjoner'),
  'Søknadsfristen er ute. Utlysningen for forrige år, beholdt for historikk og rapportering.',
  TIMESTAMP(CONCAT(@y - 1, '-01-01 00:00:00')), TIMESTAMP(CONCAT(@y - 1, '-03-01 12:00:00')), 10000, 1000000, 'A,B,C', 0,
  41480000, CONCAT(@y, '-02-01'), @criteria
FROM tenants t WHERE t.slug = 'imdi';

INSERT IGNORE INTO call_earmarks (call_id, sub_goal, amount)
SELECT c.id, 'B', 15000000 FROM calls c JOIN tenants t ON t.id = c.tenant_id
WHERE t.slug = 'imdi' AND c.year = @y - 1 AND c.scheme_id = @scheme;

-- What this year's calls require (columns from migration 004): a budget attached everywhere, a tax
-- certificate from organisations with employees at IMDi and Oslo, and Lillestrøm's extra rule
-- that the organisation is in the business register (Enhetsregisteret).
UPDATE calls c JOIN tenants t ON t.id = c.tenant_id
SET c.required_attachments = CASE WHEN t.slug IN ('imdi', 'oslo') THEN 'budget,tax_certificate' ELSE 'budget' END,
    c.requires_business_register = (t.slug = 'lillestrom')
WHERE c.year = @y AND c.scheme_id = @scheme;
