-- 019_call_administration.sql - what a tenant needs to run its own round without SQL: the rules a
-- call holds (eligibility, attachments, periods, payment terms, reports, audit, appeal), its state
-- of publication and its log, contact persons per tenant and per call, the priority areas of the
-- scheme for municipalities and county councils, the three schemes' kinds, and IMDi's yearly
-- allocation (tildeling) to each municipality with the administration costs it consents to.

-- Goal codes: the voluntary scheme's sub-goals (A-D) and the public scheme's priority areas
-- (1, 2, 4, 5). A priority area may be open to county councils only (area 4).
ALTER TABLE sub_goals
  ADD COLUMN IF NOT EXISTS kind ENUM('sub_goal','priority_area') NOT NULL DEFAULT 'sub_goal',
  ADD COLUMN IF NOT EXISTS county_only TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'only county councils may apply under it',
  ADD COLUMN IF NOT EXISTS name_nn VARCHAR(200) NULL;
INSERT IGNORE INTO sub_goals (code, name_nb, name_en, kind, county_only) VALUES
  ('1', 'Innovative løsninger i introduksjonsordningen og opplæring i norsk og samfunnskunnskap',
        'Innovation in the introduction programme and training in Norwegian and social studies', 'priority_area', 0),
  ('2', 'Tiltak som gir psykisk støtte', 'Measures that give psychological support', 'priority_area', 0),
  ('4', 'Kommunale, interkommunale eller regionale velkomsttilbud',
        'Municipal, inter-municipal or regional welcome services', 'priority_area', 1),
  ('5', 'Arbeid for mangfold og mot rasisme og diskriminering',
        'Work for diversity and against racism and discrimination', 'priority_area', 0);
UPDATE sub_goals SET name_nn = CASE code
  WHEN 'A' THEN 'Fellesskap, tillit og tilhøyrsle'
  WHEN 'B' THEN 'Kunnskap om samfunnet og kvalifisering for arbeid'
  WHEN 'C' THEN 'Førebyggje negativ sosial kontroll, tvangsekteskap og kjønnslemlesting'
  WHEN 'D' THEN 'Mot rasisme og diskriminering, for mangfald'
  WHEN '1' THEN 'Innovative løysingar i introduksjonsordninga og opplæring i norsk og samfunnskunnskap'
  WHEN '2' THEN 'Tiltak som gir psykisk støtte'
  WHEN '4' THEN 'Kommunale, interkommunale eller regionale velkomsttilbod'
  WHEN '5' THEN 'Arbeid for mangfald og mot rasisme og diskriminering' END
 WHERE name_nn IS NULL;

ALTER TABLE calls MODIFY COLUMN sub_goals SET('A','B','C','D','1','2','4','5') NOT NULL;
ALTER TABLE applications MODIFY COLUMN sub_goals SET('A','B','C','D','1','2','4','5') NOT NULL DEFAULT ''
  COMMENT 'copied from the draft at submission';
ALTER TABLE historical_grants DROP CONSTRAINT IF EXISTS historical_grants_sub_goal;
ALTER TABLE historical_grants ADD CONSTRAINT historical_grants_sub_goal
  CHECK (sub_goal IS NULL OR sub_goal IN ('A','B','C','D','1','2','4','5'));

-- The three schemes: voluntary organisations' integration work, operating support for local
-- immigrant organisations, and development grants for municipalities and county councils.
ALTER TABLE schemes
  ADD COLUMN IF NOT EXISTS kind ENUM('voluntary','operating','public') NOT NULL DEFAULT 'voluntary';
UPDATE schemes SET kind = 'operating' WHERE code = 'driftstilskudd-innvandrerorganisasjoner';
INSERT IGNORE INTO schemes (code, name, description, kind) VALUES ('kvalifisering-kommuner',
  'Tilskudd til utvikling av kvalifiserings- og integreringstiltak',
  'Kommuner og fylkeskommuner kan søke om tilskudd til å utvikle og prøve ut kvalifiserings-, integrerings- og mangfoldstiltak med overføringsverdi til andre kommuner og fylkeskommuner.',
  'public');

-- A call's rules. published_at NULL: a draft only the tenant's staff see; a published call is
-- visible from opens_local. Each rule that decides eligibility, amounts or money is frozen once
-- an application to the call is submitted (fcgi/domain/callrules.c names them).
ALTER TABLE calls
  ADD COLUMN IF NOT EXISTS published_at DATETIME NULL COMMENT 'UTC; NULL while a draft',
  ADD COLUMN IF NOT EXISTS published_by BIGINT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ADD COLUMN IF NOT EXISTS applicant_kinds SET('voluntary','immigrant','foundation','municipality','county')
    NOT NULL DEFAULT 'voluntary,immigrant,foundation' COMMENT 'kinds of organisation that may apply',
  ADD COLUMN IF NOT EXISTS requires_volunteer_register TINYINT(1) NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS requires_local_activity TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'the activity takes place in the municipality',
  ADD COLUMN IF NOT EXISTS requires_local_members TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'most members live in the municipality',
  ADD COLUMN IF NOT EXISTS requires_national_reach TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'national calls: the organisation works across the country',
  ADD COLUMN IF NOT EXISTS requires_own_contribution TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS min_participants INT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS joint_applications TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'several applicants with one lead that signs and is responsible',
  ADD COLUMN IF NOT EXISTS one_per_org TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'one application per organisation and call (operating support)',
  ADD COLUMN IF NOT EXISTS budget_rule ENUM('file_or_form','file','form','none') NOT NULL DEFAULT 'file_or_form'
    COMMENT 'how the budget is given; none: operating support has no project budget',
  ADD COLUMN IF NOT EXISTS max_years TINYINT UNSIGNED NOT NULL DEFAULT 1 COMMENT '1: one year only',
  ADD COLUMN IF NOT EXISTS payment_rule ENUM('threshold','two_terms','one_term') NOT NULL DEFAULT 'threshold'
    COMMENT 'threshold: two terms above payment_split_threshold',
  ADD COLUMN IF NOT EXISTS spring_due DATE NULL COMMENT 'due date of the spring term in the grant year',
  ADD COLUMN IF NOT EXISTS autumn_due DATE NULL COMMENT 'due date of the autumn term in the grant year',
  ADD COLUMN IF NOT EXISTS status_report_due DATE NULL COMMENT 'optional status report',
  ADD COLUMN IF NOT EXISTS audit_scope ENUM('grant','org_year') NOT NULL DEFAULT 'grant'
    COMMENT 'the audit threshold applies per grant or to the organisation''s grants of the year',
  ADD COLUMN IF NOT EXISTS appeal_rule ENUM('all','dismissal_and_reactions') NOT NULL DEFAULT 'all'
    COMMENT 'dismissal_and_reactions: no appeal against a grant or a rejection',
  ADD COLUMN IF NOT EXISTS reception_criteria JSON NULL COMMENT 'criteria for asylum-reception measures',
  ADD COLUMN IF NOT EXISTS copied_from INT UNSIGNED NULL COMMENT 'the call this one was copied from',
  ADD KEY IF NOT EXISTS calls_published (published_at);
-- calls that existed before administration were published when created
-- (migrate.sh runs a migration once, so later drafts are never published by this)
UPDATE calls SET published_at = created_at WHERE published_at IS NULL;
UPDATE calls c JOIN schemes s ON s.id = c.scheme_id
   SET c.budget_rule = 'none', c.one_per_org = 1, c.applicant_kinds = 'immigrant'
 WHERE s.kind = 'operating' AND c.support_kind = 'operating' AND c.budget_rule = 'file_or_form';

-- What happened to a call: created, copied, changed (with the fields), published, extended,
-- closed early, deleted. Append-only.
CREATE TABLE IF NOT EXISTS call_events (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  call_id    INT UNSIGNED NOT NULL COMMENT 'no foreign key: a deleted call keeps its log',
  tenant_id  INT UNSIGNED NOT NULL,
  kind       ENUM('created','copied','changed','published','extended','closed','deleted') NOT NULL,
  detail     JSON NULL,
  by_user    BIGINT UNSIGNED NULL,
  at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY call_events_call (call_id, id),
  KEY call_events_tenant (tenant_id, id),
  CONSTRAINT call_events_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Contact persons of a tenant (shown on all its call pages) and of one call.
CREATE TABLE IF NOT EXISTS tenant_contacts (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id  INT UNSIGNED NOT NULL,
  sort       SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  name       VARCHAR(200) NOT NULL,
  role       VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'e.g. the sub-goal or area the person answers for',
  email      VARCHAR(254) NOT NULL DEFAULT '',
  phone      VARCHAR(32)  NOT NULL DEFAULT '',
  KEY tenant_contacts_tenant (tenant_id, sort),
  CONSTRAINT tenant_contacts_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS call_contacts (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  call_id    INT UNSIGNED NOT NULL,
  sort       SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  name       VARCHAR(200) NOT NULL,
  role       VARCHAR(200) NOT NULL DEFAULT '',
  email      VARCHAR(254) NOT NULL DEFAULT '',
  phone      VARCHAR(32)  NOT NULL DEFAULT '',
  KEY call_contacts_call (call_id, sort),
  CONSTRAINT call_contacts_call FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- IMDi's yearly allocation to a municipality per scheme: the municipality's call frames of that
-- scheme and year must fit in it.
CREATE TABLE IF NOT EXISTS allocations (
  tenant_id  INT UNSIGNED NOT NULL,
  scheme_id  INT UNSIGNED NOT NULL,
  year       SMALLINT UNSIGNED NOT NULL,
  amount     BIGINT NOT NULL,
  set_by     BIGINT UNSIGNED NULL,
  set_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, scheme_id, year),
  KEY allocations_year (year),
  CONSTRAINT allocations_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT allocations_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id),
  CONSTRAINT allocations_amount CHECK (amount >= 0)
) ENGINE=InnoDB;

-- Administration costs a municipality records against a year's allocation. They need IMDi's
-- consent; an amount spent without it stays recorded and is shown flagged.
CREATE TABLE IF NOT EXISTS admin_costs (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id     INT UNSIGNED NOT NULL,
  scheme_id     INT UNSIGNED NOT NULL,
  year          SMALLINT UNSIGNED NOT NULL,
  amount        BIGINT NOT NULL,
  note          VARCHAR(1000) NOT NULL DEFAULT '',
  recorded_by   BIGINT UNSIGNED NULL,
  recorded_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  consent       ENUM('pending','given','refused') NOT NULL DEFAULT 'pending',
  consent_by    BIGINT UNSIGNED NULL,
  consent_at    DATETIME NULL,
  KEY admin_costs_tenant (tenant_id, year),
  KEY admin_costs_year (year),
  CONSTRAINT admin_costs_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT admin_costs_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id),
  CONSTRAINT admin_costs_amount CHECK (amount >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the schemes' own forms add, copied from the draft at submission so that statistics and
-- rules read columns: members living in the municipality (operating support), the applicant's
-- own contribution and the expected participants (the scheme for municipalities and counties).
ALTER TABLE applications
  ADD COLUMN IF NOT EXISTS members_local INT UNSIGNED NULL COMMENT 'operating support: members in the municipality',
  ADD COLUMN IF NOT EXISTS own_contribution BIGINT NULL COMMENT 'egenandel, whole kroner',
  ADD COLUMN IF NOT EXISTS participants INT UNSIGNED NULL COMMENT 'expected participants';
