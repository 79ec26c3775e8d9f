-- 001_init.sql - tenants, schemes, sub-goals, calls and their earmarks.
-- Money is whole kroner in BIGINT. Times of day that belong to Oslo (a call's opening and
-- deadline) are stored as Oslo wall-clock DATETIME (*_local) and compared as such; every other
-- timestamp is UTC.

CREATE TABLE tenants (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug        VARCHAR(32)  NOT NULL,
  name        VARCHAR(128) NOT NULL,
  kind        ENUM('directorate','municipality') NOT NULL,
  ref_prefix  CHAR(3)      NOT NULL COMMENT 'prefix of application numbers, e.g. OSL',
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY tenants_slug (slug),
  UNIQUE KEY tenants_ref_prefix (ref_prefix),
  CONSTRAINT tenants_slug_format CHECK (slug REGEXP '^[a-z0-9][a-z0-9-]{0,31}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sub_goals (
  code     CHAR(1)      NOT NULL PRIMARY KEY,
  name_nb  VARCHAR(200) NOT NULL,
  name_en  VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE schemes (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code         VARCHAR(64)  NOT NULL,
  name         VARCHAR(255) NOT NULL,
  description  TEXT         NULL,
  UNIQUE KEY schemes_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE calls (
  id                       INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id                INT UNSIGNED NOT NULL,
  scheme_id                INT UNSIGNED NOT NULL,
  year                     SMALLINT UNSIGNED NOT NULL,
  title                    VARCHAR(255) NOT NULL,
  description              TEXT         NOT NULL,
  opens_local              DATETIME     NOT NULL COMMENT 'Europe/Oslo wall-clock',
  deadline_local           DATETIME     NOT NULL COMMENT 'Europe/Oslo wall-clock',
  min_amount               BIGINT       NOT NULL,
  max_amount               BIGINT       NOT NULL,
  sub_goals                SET('A','B','C','D') NOT NULL,
  one_project              TINYINT(1)   NOT NULL DEFAULT 0 COMMENT 'one project per application',
  budget_frame             BIGINT       NULL,
  report_due               DATE         NULL,
  payment_split_threshold  BIGINT       NOT NULL DEFAULT 30000 COMMENT 'grants above this are paid in two terms',
  audit_threshold          BIGINT       NOT NULL DEFAULT 100000 COMMENT 'grants of this or more need audited accounts',
  appeal_window_days       SMALLINT UNSIGNED NOT NULL DEFAULT 21,
  criteria                 JSON         NULL COMMENT 'array of assessment criteria (strings)',
  created_at               DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY calls_tenant_scheme_year (tenant_id, scheme_id, year),
  KEY calls_deadline (deadline_local),
  KEY calls_year (year),
  CONSTRAINT calls_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT calls_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id),
  CONSTRAINT calls_amounts CHECK (min_amount >= 0 AND max_amount >= min_amount),
  CONSTRAINT calls_dates CHECK (deadline_local > opens_local),
  CONSTRAINT calls_frame CHECK (budget_frame IS NULL OR budget_frame >= 0),
  CONSTRAINT calls_criteria CHECK (criteria IS NULL OR JSON_TYPE(criteria) = 'ARRAY')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE call_earmarks (
  call_id   INT UNSIGNED NOT NULL,
  sub_goal  CHAR(1)      NOT NULL,
  amount    BIGINT       NOT NULL,
  PRIMARY KEY (call_id, sub_goal),
  CONSTRAINT call_earmarks_call FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE CASCADE,
  CONSTRAINT call_earmarks_goal FOREIGN KEY (sub_goal) REFERENCES sub_goals (code),
  CONSTRAINT call_earmarks_amount CHECK (amount >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Reference data every installation has (not demo data): the sub-goals of the scheme,
-- the national scheme, IMDi and the 20 municipalities that run the scheme locally.
INSERT INTO sub_goals (code, name_nb, name_en) VALUES
  ('A', 'Fellesskap, tillit og tilhørighet', 'Community, trust and belonging'),
  ('B', 'Kunnskap om samfunnet og kvalifisering for arbeid', 'Knowledge of society and qualification for work'),
  ('C', 'Forebygge negativ sosial kontroll, tvangsekteskap og kjønnslemlestelse', 'Preventing negative social control, forced marriage and FGM'),
  ('D', 'Mot rasisme og diskriminering, for mangfold', 'Against racism and discrimination, for diversity');

INSERT INTO schemes (code, name, description) VALUES
  ('frivillig-integrering', 'Tilskudd til integreringsarbeid i regi av frivillige organisasjoner',
   'Frivillige organisasjoner kan få støtte til prosjekter, enkelttiltak og aktiviteter som bidrar til å øke arbeids- og samfunnsdeltakelsen blant innvandrere og deres barn. Ordningen forvaltes av IMDi og 20 utvalgte kommuner.');

INSERT INTO tenants (slug, name, kind, ref_prefix) VALUES
  ('imdi', 'IMDi – Integrerings- og mangfoldsdirektoratet', 'directorate', 'IMD'),
  ('arendal', 'Arendal kommune', 'municipality', 'ARE'),
  ('bergen', 'Bergen kommune', 'municipality', 'BGO'),
  ('bodo', 'Bodø kommune', 'municipality', 'BOD'),
  ('baerum', 'Bærum kommune', 'municipality', 'BAE'),
  ('drammen', 'Drammen kommune', 'municipality', 'DRM'),
  ('fredrikstad', 'Fredrikstad kommune', 'municipality', 'FRE'),
  ('gjovik', 'Gjøvik kommune', 'municipality', 'GJO'),
  ('hamar', 'Hamar kommune', 'municipality', 'HAM'),
  ('kristiansand', 'Kristiansand kommune', 'municipality', 'KRS'),
  ('lillestrom', 'Lillestrøm kommune', 'municipality', 'LIL'),
  ('oslo', 'Oslo kommune', 'municipality', 'OSL'),
  ('sandefjord', 'Sandefjord kommune', 'municipality', 'SFJ'),
  ('sandnes', 'Sandnes kommune', 'municipality', 'SNS'),
  ('sarpsborg', 'Sarpsborg kommune', 'municipality', 'SRB'),
  ('skien', 'Skien kommune', 'municipality', 'SKI'),
  ('stavanger', 'Stavanger kommune', 'municipality', 'SVG'),
  ('tromso', 'Tromsø kommune', 'municipality', 'TOS'),
  ('trondheim', 'Trondheim kommune', 'municipality', 'TRD'),
  ('tonsberg', 'Tønsberg kommune', 'municipality', 'TBG'),
  ('alesund', 'Ålesund kommune', 'municipality', 'AES');
