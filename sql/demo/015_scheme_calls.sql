-- 015_scheme_calls.sql - the demo calls of the three schemes, with their rules (demo only, loaded by
-- `make run`, never by migrations; safe to re-run):
-- * the voluntary-organisation scheme: IMDi's national call is for organisations that work across
--   the country; Oslo's is for one year only, with the budget as a file or in the form;
--   Lillestrøm's asks that most members live in the municipality, and its audit threshold applies
--   to all of an organisation's grants in the year;
-- * operating support from Bergen to local immigrant organisations: registered, active in Bergen,
--   once a year, with members, the year's activities and the last annual accounts, no project
--   budget, paid in one term;
-- * IMDi's call for municipalities and county councils: priority areas 1, 2, 4 (county councils
--   only) and 5, alone or jointly, own contribution, at least ten participants, the budget in the
--   form, always two terms, a status report by 1 September and the annual report with accounts by
--   1 February; no appeal against a grant or a rejection.
SET @y := YEAR(CURDATE());
SET @deadline := GREATEST(TIMESTAMP(CONCAT(@y, '-12-15 12:00:00')), TIMESTAMP(CURDATE() + INTERVAL 30 DAY, '12:00:00'));
SET @voluntary := (SELECT id FROM schemes WHERE code = 'frivillig-integrering');
SET @operating := (SELECT id FROM schemes WHERE code = 'driftstilskudd-innvandrerorganisasjoner');
SET @public := (SELECT id FROM schemes WHERE code = 'kvalifisering-kommuner');

UPDATE calls c JOIN tenants t ON t.id = c.tenant_id
   SET c.requires_national_reach = (t.slug = 'imdi'),
       c.max_years = IF(t.slug = 'oslo', 1, c.max_years),
       c.required_attachments = IF(t.slug = 'oslo', 'tax_certificate', c.required_attachments),
       c.budget_rule = 'file_or_form',
       c.requires_local_members = (t.slug = 'lillestrom'),
       c.audit_scope = IF(t.slug = 'lillestrom', 'org_year', 'grant')
 WHERE c.scheme_id = @voluntary AND c.year = @y AND t.slug IN ('imdi', 'oslo', 'lillestrom');

INSERT IGNORE INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local,
  min_amount, max_amount, sub_goals, one_project, budget_frame, report_due, criteria, support_kind,
  applicant_kinds, requires_volunteer_register, requires_local_activity, one_per_org, budget_rule,
  payment_rule, max_years)
SELECT t.id, @operating, @y, CONCAT('Driftstilskudd til innvandrerorganisasjoner ', @y, ' – Bergen kommune'),
  'Bergen kommune gir driftstilskudd til lokale innvandrerorganisasjoner som er registrert i Frivillighetsregisteret og har sin virksomhet i Bergen. En organisasjon kan søke én gang per år. Søknaden oppgir medlemmene i Bergen og årets aktiviteter, med siste årsregnskap som vedlegg.',
  TIMESTAMP(CONCAT(@y, '-01-15 08:00:00')), @deadline, 5000, 100000, '', 0, 1500000, CONCAT(@y + 1, '-02-01'),
  JSON_ARRAY('Aktivitet og medlemstall i Bergen', 'Organisasjonens bidrag til deltakelse og fellesskap'),
  'operating', 'immigrant', 1, 1, 1, 'none', 'one_term', 1
FROM tenants t WHERE t.slug = 'bergen';

INSERT IGNORE INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local,
  min_amount, max_amount, sub_goals, one_project, budget_frame, report_due, criteria,
  applicant_kinds, requires_volunteer_register, requires_own_contribution, min_participants, joint_applications,
  budget_rule, payment_rule, spring_due, autumn_due, status_report_due, appeal_rule, max_years)
SELECT t.id, @public, @y, CONCAT('Tilskudd til utvikling av kvalifiserings- og integreringstiltak ', @y),
  'Kommuner og fylkeskommuner kan søke om tilskudd til å utvikle og prøve ut kvalifiserings-, integrerings- og mangfoldstiltak med overføringsverdi til andre kommuner og fylkeskommuner. Alle kommuner kan søke innenfor satsingsområde 1, 2 og 5, alene eller sammen med andre; bare fylkeskommuner kan søke innenfor satsingsområde 4. Søkeren må bidra med egenandel, og prosjektet må ha minst ti deltakere. Går flere sammen, signerer og leverer den kommunen eller fylkeskommunen som har prosjektansvaret. Søknaden godkjennes av kommune- eller fylkeskommunedirektøren eller en ansatt med fullmakt.',
  TIMESTAMP(CONCAT(@y, '-01-01 00:00:00')), @deadline, 100000, 2000000, '1,2,4,5', 1, 30000000, CONCAT(@y + 1, '-02-01'),
  JSON_ARRAY('Formål: prosjektet er i tråd med ordningens formål og satsingsområder',
    'Gjennomføringsevne: aktivitetene kan gjennomføres og bidrar til målene',
    'Overføringsverdi: kunnskap, metoder og produkter kan brukes i andre kommuner'),
  'municipality,county', 0, 1, 10, 1, 'form', 'two_terms', CONCAT(@y, '-03-01'), CONCAT(@y, '-09-01'),
  CONCAT(@y, '-09-01'), 'dismissal_and_reactions', 1
FROM tenants t WHERE t.slug = 'imdi';
