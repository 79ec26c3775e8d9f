-- 012_contacts.sql - demo contact persons: IMDi's contact table of the voluntary scheme (IMDi's
-- own address and phone, and the contact person in each of the 20 municipalities), and Oslo's
-- own contacts from Oslo's call page. A tenant's contacts are shown on each of its calls that
-- names none of its own; IMDi's calls of this year name IMDi's. Loaded by `make run` after the
-- calls; safe to re-run: a tenant that has contacts keeps them.
CREATE TEMPORARY TABLE demo_contacts (
  slug VARCHAR(32) NOT NULL, sort SMALLINT UNSIGNED NOT NULL, name VARCHAR(200) NOT NULL,
  role VARCHAR(200) NOT NULL, email VARCHAR(254) NOT NULL, phone VARCHAR(32) NOT NULL
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO demo_contacts VALUES
  ('imdi', 0, 'IMDi, tilskudd til frivillige organisasjoner',
   'Tekniske og faglige spørsmål om tilskuddsordningene for frivillige organisasjoner', 'Fri-tilskudd@imdi.no', '40 02 10 05'),
  ('arendal', 0, 'Nishi Asdal', 'Kontaktperson for tilskuddet i Arendal kommune', 'nishi.asdal@arendal.kommune.no', '99 02 11 22'),
  ('bergen', 0, 'Sølve Sætre', 'Kontaktperson for tilskuddet i Bergen kommune', 'solve.saetre@bergen.kommune.no', '95 76 31 65'),
  ('bodo', 0, 'Merethe Wie Sandbakk', 'Kontaktperson for tilskuddet i Bodø kommune', 'mws@bodo.kommune.no', '41 68 04 46'),
  ('baerum', 0, 'Nina Kolbjørnsen', 'Kontaktperson for tilskuddet i Bærum kommune', 'nina.kolbjornsen@baerum.kommune.no', '97 10 57 39'),
  ('drammen', 0, 'Safia Hussein Ali Grand', 'Kontaktperson for tilskuddet i Drammen kommune', 'safia.hussein.ali.grand@drammen.kommune.no', '91 66 21 85'),
  ('fredrikstad', 0, 'Anders Tangen', 'Kontaktperson for tilskuddet i Fredrikstad kommune', 'taan@fredrikstad.kommune.no', '97 09 07 03'),
  ('gjovik', 0, 'Solveig Rønningen', 'Kontaktperson for tilskuddet i Gjøvik kommune', 'solveig.ronningen@gjovik.kommune.no', '95 05 63 78'),
  ('hamar', 0, 'Wenche Haslie', 'Kontaktperson for tilskuddet i Hamar kommune', 'wenche.haslie@hamar.kommune.no', '98 69 61 17'),
  ('kristiansand', 0, 'Jørgen Skauge', 'Kontaktperson for tilskuddet i Kristiansand kommune', 'jorgen.skauge@kristiansand.kommune.no', '45 28 66 04'),
  ('lillestrom', 0, 'Nina Langfeldt', 'Kontaktperson for tilskuddet i Lillestrøm kommune', 'nina.langfeldt@lillestrom.kommune.no', '93 21 07 50'),
  ('sandefjord', 0, 'Øyvind Rivrud', 'Kontaktperson for tilskuddet i Sandefjord kommune', 'oyvind.rivrud@sandefjord.kommune.no', '92 26 01 70'),
  ('sandnes', 0, 'Liv M. R. Pedersen', 'Kontaktperson for tilskuddet i Sandnes kommune', 'liv.pedersen@sandnes.kommune.no', '92 63 30 09'),
  ('sarpsborg', 0, 'Marit Pedersen', 'Kontaktperson for tilskuddet i Sarpsborg kommune', 'marit.pedersen@sarpsborg.com', '48 17 98 01'),
  ('skien', 0, 'Caroline Wahlstrøm', 'Kontaktperson for tilskuddet i Skien kommune', 'caroline.wahlstrom@skien.kommune.no', '95 93 74 26'),
  ('stavanger', 0, 'Jurgita Kristiansen', 'Kontaktperson for tilskuddet i Stavanger kommune', 'jurgita.kristiansen@stavanger.kommune.no', '90 56 42 07'),
  ('tromso', 0, 'Evariste Nshimiyimana', 'Kontaktperson for tilskuddet i Tromsø kommune', 'evariste.nshimiyimana@tromso.kommune.no', '95 03 54 18'),
  ('trondheim', 0, 'Stine Kvam', 'Kontaktperson for tilskuddet i Trondheim kommune', 'stine.kvam@trondheim.kommune.no', '95 26 32 70'),
  ('tonsberg', 0, 'Caroline Mydland', 'Kontaktperson for tilskuddet i Tønsberg kommune', 'caroline.mydland@tonsberg.kommune.no', '46 41 51 47'),
  ('alesund', 0, 'Hilde Rødal', 'Kontaktperson for tilskuddet i Ålesund kommune', 'hilde.rodal@alesund.kommune.no', '70 16 25 28'),
  -- Oslo: the contacts on Oslo's own call page (information and guidance, the shared address, technical questions)
  ('oslo', 0, 'Bodil Fremstad', 'Spørsmål om tilskuddet og veiledning', 'bodil.fremstad@vel.oslo.kommune.no', '415 87 122'),
  ('oslo', 1, 'Ingerd Semb', 'Spørsmål om tilskuddet og veiledning', 'ingerd.semb@vel.oslo.kommune.no', '913 27 074'),
  ('oslo', 2, 'Margrethe Siem', 'Spørsmål om tilskuddet og veiledning', 'margrethe.siem@vel.oslo.kommune.no', '917 29 637'),
  ('oslo', 3, 'Velferdsetaten, seksjon tilskudd til frivillige og ideelle organisasjoner', 'Felles adresse for tilskuddet',
   'tilskudd@vel.oslo.kommune.no', '952 66 650'),
  ('oslo', 4, 'Lars Mannsåker', 'Tekniske spørsmål', 'lars.mannsaker@vel.oslo.kommune.no', '934 53 580');

INSERT INTO tenant_contacts (tenant_id, sort, name, role, email, phone)
SELECT t.id, d.sort, d.name, d.role, d.email, d.phone FROM demo_contacts d JOIN tenants t ON t.slug = d.slug
WHERE NOT EXISTS (SELECT 1 FROM tenant_contacts x WHERE x.tenant_id = t.id)
ORDER BY t.id, d.sort;

-- IMDi's calls of this year name IMDi's contact themselves
INSERT INTO call_contacts (call_id, sort, name, role, email, phone)
SELECT c.id, d.sort, d.name, d.role, d.email, d.phone FROM calls c JOIN tenants t ON t.id = c.tenant_id
JOIN demo_contacts d ON d.slug = t.slug
WHERE t.slug = 'imdi' AND c.year = YEAR(CURDATE())
  AND NOT EXISTS (SELECT 1 FROM call_contacts x WHERE x.call_id = c.id);

DROP TEMPORARY TABLE demo_contacts;
