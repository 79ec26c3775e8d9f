-- 030_cases.sql - demo casework (demo only, loaded by `make run` after 010_calls.sql and 020_users.sql,
-- never by migrations). Gives IMDi, Oslo, Bergen and Lillestrøm 23 cases each, at least one in every
-- state of fcgi/domain/casestate.h (three submitted; two letter_sent, a grant and a rejection), from the demo
-- organisation 987654325 (which has every state once, spread over the four) and four more demo
-- organisations, with every row a real run through the portal would leave: the signed copy as the submission
-- writes it, the budget attachment, the case log (application_events, named as the code names
-- them), impartiality, assessment, comments, recommendation, decision, the frozen letter, the
-- payment plan, the report, appeals and change requests.
--
-- The timeline of each case ends a little before the moment of loading (and starts after its call
-- opened), so a letter in state letter_sent is always inside its appeal window. Cases in the report
-- phase (report_due .. closed, reclaim) belong to last year's calls, report due 1 February this
-- year, with the reminders the reminder job sends 30 and 7 days before; this file adds last year's
-- (closed) call for Oslo, Bergen and Lillestrøm like 010_calls.sql's for IMDi. Granted amounts stay
-- well inside each call's frame and earmarks. Event names and details, the letter and the payment
-- plan are what fcgi/ (h_cases.c, h_casework.c, h_followup.c, letter.c, outbox.c) writes.
--
-- Reference numbers are taken the way the submission takes them: the next numbers of
-- application_counters for the tenant and the call's year (under a row lock), in order of
-- submission, so real submissions carry on after them. Each demo case is recognised by its
-- Idempotency-Key (submit_key 'demo-<slug>-<nn>'), not by its number: a second load finds them all
-- and changes nothing, and a database that already had real submissions gets no clashing numbers.
--
-- Demo organisations and their signers (password Demo-passord-2026, like the other demo accounts):
--   987654325 Frivillig Fellesskap Demo (leder@frivillig.demo, from 020_users.sql)
--   913580249 Bergen Flerkulturelle Forum Demo   leder@bergenforum.demo
--   916049382 Lillestrøm Frivillige Demo         leder@lillestromfrivillige.demo
--   918518525 Norsk Språkvenn Demo               leder@sprakvenn.demo
--   922222231 Kvinner i Fellesskap Demo          leder@kvinnerifellesskap.demo

SET @y := YEAR(UTC_DATE());
SET @scheme := (SELECT id FROM schemes WHERE code = 'frivillig-integrering');
SET @now := UTC_TIMESTAMP();
SET @hash := (SELECT password_hash FROM users WHERE email_norm = 'leder@frivillig.demo');

-- ---- more organisations, each with a leader who is admin and signer ---------------------------
-- made-up numbers with a valid modulus-11 check digit (weights 3 2 7 6 5 4 3 2, see fcgi/domain/valid.c)
INSERT IGNORE INTO organisations (orgnr, name, municipality, kind, volunteer_register, volunteer_since,
  business_register, business_since) VALUES
  ('913580249', 'Bergen Flerkulturelle Forum Demo', 'Bergen', 'immigrant', 1, '2012-05-01', 1, '2012-04-20'),
  ('916049382', 'Lillestrøm Frivillige Demo', 'Lillestrøm', 'voluntary', 1, '2018-09-01', 1, '2018-08-15'),
  ('918518525', 'Norsk Språkvenn Demo', 'Oslo', 'voluntary', 1, '2009-01-15', 1, '2008-12-01'),
  ('922222231', 'Kvinner i Fellesskap Demo', 'Drammen', 'immigrant', 1, '2016-03-10', 1, '2016-02-01');

INSERT IGNORE INTO users (email, email_norm, name, password_hash, email_verified_at) VALUES
  ('leder@bergenforum.demo', 'leder@bergenforum.demo', 'Hamid Rahimi', @hash, UTC_TIMESTAMP()),
  ('leder@lillestromfrivillige.demo', 'leder@lillestromfrivillige.demo', 'Ingrid Bakke', @hash, UTC_TIMESTAMP()),
  ('leder@sprakvenn.demo', 'leder@sprakvenn.demo', 'Lars Eide', @hash, UTC_TIMESTAMP()),
  ('leder@kvinnerifellesskap.demo', 'leder@kvinnerifellesskap.demo', 'Fatima Ali', @hash, UTC_TIMESTAMP());

INSERT IGNORE INTO org_members (org_id, user_id, role)
SELECT o.id, u.id, r.role FROM organisations o
JOIN users u ON (o.orgnr, u.email_norm) IN (('913580249', 'leder@bergenforum.demo'),
  ('916049382', 'leder@lillestromfrivillige.demo'), ('918518525', 'leder@sprakvenn.demo'),
  ('922222231', 'leder@kvinnerifellesskap.demo'))
JOIN (SELECT 'admin' AS role UNION ALL SELECT 'signer') r;

-- The organisations existed before they applied (the signed copy shows when they were registered).
UPDATE organisations SET created_at = LEAST(created_at, TIMESTAMP(CONCAT(@y - 2, '-01-10 09:00:00'))),
  updated_at = updated_at
WHERE orgnr IN ('987654325', '913580249', '916049382', '918518525', '922222231');

-- ---- last year's calls of the municipalities (closed; IMDi's is in 010_calls.sql) -----------------
INSERT IGNORE INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local, min_amount,
  max_amount, sub_goals, one_project, budget_frame, report_due, criteria, required_attachments, requires_business_register)
SELECT c.tenant_id, c.scheme_id, @y - 1, REPLACE(c.title, CONCAT(' ', @y, ' '), CONCAT(' ', @y - 1, ' ')),
  'Søknadsfristen er ute. Utlysningen for forrige år, beholdt for historikk og rapportering.',
  TIMESTAMP(CONCAT(@y - 1, '-01-10 08:00:00')), TIMESTAMP(CONCAT(@y - 1, '-03-15 12:00:00')), c.min_amount, c.max_amount,
  c.sub_goals, c.one_project, c.budget_frame, CONCAT(@y, '-02-01'), c.criteria, c.required_attachments,
  c.requires_business_register
FROM calls c JOIN tenants t ON t.id = c.tenant_id
WHERE t.slug IN ('oslo', 'bergen', 'lillestrom') AND c.year = @y AND c.scheme_id = @scheme;

-- ---- what the cases are made of ----------------------------------------------------------------
-- Projects (one per case of a tenant; each tenant takes them in another order).
CREATE TEMPORARY TABLE demo_project (
  p TINYINT PRIMARY KEY, title VARCHAR(200), summary VARCHAR(500), goals VARCHAR(500), adaptation VARCHAR(500),
  volunteers VARCHAR(500), place VARCHAR(100), groups_json VARCHAR(200), sub_goals VARCHAR(8), children TINYINT,
  participants INT, partner VARCHAR(100), partner_kind VARCHAR(20), result_text VARCHAR(300),
  result_measure VARCHAR(200), reception TINYINT
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO demo_project VALUES
(1, 'Språkkafé for nye innbyggere', 'Ukentlige møteplasser der innvandrere og frivillige øver norsk sammen over en kopp kaffe.',
 'Flere deltar i lokalsamfunnet og snakker norsk i hverdagen.', 'Tilpasset voksne kvinner og menn med ulik bakgrunn; barnepass på stedet.',
 'Tjue frivillige leder samtalegruppene.', 'Biblioteket', '["refugees","family_immigrants","local_population"]', 'A,B', 0, 40,
 'Biblioteket', 'public_body', '40 deltakere gjennomfører minst åtte samlinger', 'Oppmøtelister', 0),
(2, 'Leksehjelp og foreldrekvelder', 'Leksehjelp to ettermiddager i uken og månedlige foreldrekvelder om skolen og samarbeidet med den.',
 'Barna får bedre skoleresultater, og foreldrene kjenner skolen og forventningene bedre.', 'Tilpasset elever på 5.–10. trinn; tolk på foreldrekveldene.',
 'Pensjonerte lærere og studenter er leksehjelpere.', 'Nærmiljøhuset', '["norwegian_born_children","family_immigrants"]', 'B', 1, 60,
 'Nærskolen', 'public_body', '60 elever får leksehjelp gjennom skoleåret', 'Oppmøtelister og tilbakemeldinger fra skolen', 0),
(3, 'Jobbklar – mentorordning for kvinner', 'Kvinner som står utenfor arbeidslivet, får en mentor fra lokalt næringsliv i seks måneder.',
 'Flere kvinner kommer i arbeid, praksis eller utdanning.', 'Tilpasset kvinner med liten arbeidserfaring; samlinger på dagtid.',
 'Femten mentorer fra lokale bedrifter deltar frivillig.', 'Frivilligsentralen', '["refugees","family_immigrants"]', 'B', 0, 25,
 'NAV', 'public_body', '10 av 25 deltakere er i jobb, praksis eller utdanning etter ett år', 'Oppfølgingssamtaler', 0),
(4, 'Fotball for alle – åpne treninger', 'Gratis åpne fotballtreninger for barn og unge to kvelder i uken, med frivillige trenere.',
 'Barn og unge med innvandrerbakgrunn blir med i idrettslag og får venner på tvers av bakgrunn.', 'Tilpasset gutter og jenter 8–16 år; egne jentetreninger.',
 'Foreldre og unge ledere er trenere.', 'Kunstgressbanen', '["norwegian_born_children","refugees","local_population"]', 'A', 1, 80,
 'Idrettslaget', 'organisation', '30 deltakere blir medlemmer i et idrettslag', 'Medlemslister', 0),
(5, 'Samtalegrupper om negativ sosial kontroll', 'Samtalegrupper for ungdom og foreldre om frihet, grenser og rettigheter, ledet av erfarne veiledere.',
 'Ungdom vet hvor de kan få hjelp, og foreldre reflekterer over egen praksis.', 'Egne grupper for jenter, gutter og foreldre; samtaler på morsmål ved behov.',
 'Frivillige samtaleledere med egen erfaring.', 'Ungdomshuset', '["norwegian_born_children","family_immigrants"]', 'C', 1, 45,
 'Barnevernet', 'public_body', '45 deltakere fullfører et kurs på seks samlinger', 'Evalueringsskjema', 0),
(6, 'Sykkelkurs og turgrupper for kvinner', 'Sykkelopplæring om våren og turgrupper resten av året for kvinner som vil bli mer aktive.',
 'Flere kvinner sykler og deltar i fritidsaktiviteter i nærmiljøet.', 'Kun kvinnelige instruktører; sykler og hjelm til utlån.',
 'Frivillige turledere fra turlaget.', 'Parken ved kulturhuset', '["refugees","family_immigrants","labour_immigrants"]', 'A', 0, 30,
 'Turlaget', 'organisation', '30 kvinner lærer å sykle trygt i trafikken', 'Kursbevis', 0),
(7, 'Digital hverdag – kurs i offentlige tjenester', 'Kurs i BankID, Helsenorge, NAV og Skatteetaten på nett, med hjelp på flere språk.',
 'Deltakerne klarer digitale tjenester selv og forstår rettighetene og pliktene sine.', 'Små grupper og tolk; tilpasset eldre og nyankomne.',
 'Frivillige med IT-kunnskap hjelper på kursene.', 'Biblioteket', '["refugees","labour_immigrants","family_immigrants"]', 'B', 0, 50,
 'Biblioteket', 'public_body', '50 deltakere logger seg på og bruker tre offentlige tjenester', 'Sjekkliste etter kurset', 0),
(8, 'Flerkulturell kvinnegruppe', 'En ukentlig kvinnegruppe med samtaler, matlaging og temakvelder om helse, rettigheter og familieliv.',
 'Kvinnene får et nettverk, mer kunnskap om samfunnet og vet hvor de kan få hjelp.', 'Tilpasset kvinner i alle aldre; barnepass under samlingene.',
 'Frivillige kvinner fra nærmiljøet leder gruppen.', 'Menighetshuset', '["family_immigrants","refugees","local_population"]', 'A,C', 0, 35,
 'Helsestasjonen', 'public_body', '35 kvinner deltar jevnlig gjennom året', 'Oppmøtelister', 0),
(9, 'Ungdomsråd og debattkvelder mot rasisme', 'Et ungdomsråd planlegger debattkvelder, skolebesøk og en markering mot rasisme og diskriminering.',
 'Unge sier fra om rasisme og diskriminering og får erfaring med demokratisk deltakelse.', 'Rettet mot ungdom 15–25 år; ungdommene styrer selv.',
 'Ungdommene og frivillige voksne i ungdomsrådet.', 'Kulturhuset', '["norwegian_born_children","local_population"]', 'A,D', 1, 120,
 'Ungdomsrådet i kommunen', 'public_body', 'Fire debattkvelder med til sammen 120 deltakere', 'Deltakerlister og evaluering', 0),
(10, 'Sommerleir for familier', 'En ukes sommerleir for familier som er nye i kommunen, med friluftsliv, norsk og bli-kjent-aktiviteter.',
 'Familiene blir kjent med hverandre, lokalsamfunnet og norsk friluftsliv.', 'For hele familien; halal og vegetarisk mat.',
 'Frivillige ledere fra speideren og menigheten.', 'Leirstedet ved sjøen', '["refugees","family_immigrants","norwegian_born_children"]', 'A', 1, 70,
 'Speidergruppa', 'organisation', '20 familier deltar på leiren', 'Påmeldingslister', 0),
(11, 'Norsktrening gjennom teater', 'Deltakerne lager en forestilling sammen og øver norsk gjennom improvisasjon, tekst og scenespill.',
 'Deltakerne snakker mer norsk og får et nettverk i kulturlivet.', 'Tilpasset ulike norsknivåer; kveldstid slik at de som jobber, kan delta.',
 'Frivillige fra amatørteateret instruerer.', 'Kulturhuset', '["refugees","labour_immigrants","local_population"]', 'A,B', 0, 25,
 'Amatørteateret', 'organisation', 'En forestilling med 25 deltakere og minst 200 publikummere', 'Billettsalg og deltakerlister', 0),
(12, 'Matfellesskap – fellesmiddag hver fredag', 'Fellesmiddag hver fredag der nye og gamle innbyggere lager og spiser mat sammen.',
 'Flere får venner på tvers av bakgrunn, og færre er ensomme.', 'Åpent for alle; maten lages sammen etter oppskrifter fra deltakerne.',
 'Frivillige kokker og verter hver uke.', 'Frivilligsentralen', '["refugees","family_immigrants","local_population"]', 'A', 0, 60,
 'Frivilligsentralen', 'organisation', '60 faste deltakere, halvparten nye i kommunen', 'Oppmøtelister', 0),
(13, 'Veien til førerkort – teorikurs med norskstøtte', 'Teorikurs til førerkort med norskstøtte og ordforklaringer, som et steg mot jobb.',
 'Flere består teoriprøven og kan ta jobber som krever førerkort.', 'Tilpasset deltakere med norsk på nivå A2–B1.',
 'Frivillige med lærerbakgrunn holder kursene.', 'Voksenopplæringen', '["refugees","labour_immigrants"]', 'B', 0, 30,
 'Voksenopplæringen', 'public_body', '20 av 30 deltakere består teoriprøven', 'Resultat fra Statens vegvesen', 0),
(14, 'Trygge familier – foreldreveiledning', 'Foreldreveiledningskurs om oppdragelse i Norge, barns rettigheter og konflikter mellom generasjoner.',
 'Foreldre står tryggere i foreldrerollen, og barn opplever mindre press og kontroll.', 'Grupper på arabisk, somali og tigrinja med norsk oppsummering.',
 'Frivillige veiledere med egen innvandrerbakgrunn.', 'Familiens hus', '["family_immigrants","refugees"]', 'C', 1, 40,
 'Familievernkontoret', 'public_body', '40 foreldre fullfører kurset', 'Evaluering før og etter', 0),
(15, 'Møteplass i mottak', 'Ukentlige aktiviteter for beboere i asylmottaket: norskgrupper, fotball og turer i nærmiljøet.',
 'Beboerne blir kjent med lokalsamfunnet og kommer raskere i gang med norsk.', 'Tilpasset enslige voksne og familier; aktiviteter på dagtid og kveld.',
 'Frivillige fra nabolaget og idrettslaget.', 'Asylmottaket', '["reception_centre_residents"]', 'A', 0, 50,
 'Asylmottaket', 'other', '50 beboere deltar i minst én aktivitet i måneden', 'Oppmøtelister', 1),
(16, 'Svømmeopplæring for voksne', 'Svømmekurs for voksne som aldri har lært å svømme, med kvinnetider i bassenget.',
 'Deltakerne blir svømmedyktige og kan delta i aktiviteter ved vann.', 'Egne kvinnegrupper med kvinnelige instruktører.',
 'Frivillige instruktører fra svømmeklubben.', 'Svømmehallen', '["refugees","family_immigrants"]', 'A', 0, 40,
 'Svømmeklubben', 'organisation', '30 av 40 deltakere svømmer 200 meter', 'Svømmeprøve', 0),
(17, 'Jentegruppe – egne valg, egen fremtid', 'En jentegruppe med samtaler om utdanning, kjærlighet, rettigheter og egne valg, og besøk på arbeidsplasser.',
 'Jentene kjenner rettighetene sine og tar egne valg om utdanning og framtid.', 'For jenter 13–19 år; trygge rammer og kvinnelige ledere.',
 'Unge kvinnelige frivillige som rollemodeller.', 'Ungdomshuset', '["norwegian_born_children","family_immigrants"]', 'C', 1, 30,
 'Helsesykepleier', 'public_body', '30 jenter deltar i minst ti samlinger', 'Oppmøtelister og evaluering', 0),
(18, 'Kompisordning – ny i byen', 'Frivillige kompiser møter nyankomne en gang i uken i et år: tur, kaffe, kino og hjelp med hverdagen.',
 'De nyankomne får et nettverk og blir trygge i lokalsamfunnet.', 'Kompisparene settes sammen etter interesser og alder.',
 'Førti frivillige kompiser.', 'Frivilligsentralen', '["refugees","local_population"]', 'A', 0, 40,
 'Flyktningtjenesten', 'public_body', '40 kompispar møtes jevnlig i et år', 'Logg fra kompisparene', 0),
(19, 'Arbeidstrening i bruktbutikk', 'Arbeidstrening i organisasjonens bruktbutikk med norskopplæring på arbeidsplassen og attest etterpå.',
 'Deltakerne får arbeidserfaring, referanse og bedre norsk for arbeidslivet.', 'Individuelle planer; tilpasset deltakere uten arbeidserfaring fra Norge.',
 'Frivillige butikkmedarbeidere er fadder for deltakerne.', 'Bruktbutikken', '["refugees","family_immigrants"]', 'B', 0, 20,
 'NAV', 'public_body', '12 av 20 deltakere er i jobb eller utdanning etter et halvt år', 'Oppfølging etter seks måneder', 0),
(20, 'Dialogmøter mellom tros- og livssynssamfunn', 'Dialogmøter og felles arrangementer for tros- og livssynssamfunn i kommunen, for mangfold og mot diskriminering.',
 'Mer kunnskap og tillit mellom gruppene, og felles innsats mot diskriminering.', 'Åpne møter; tilpasset ungdom og voksne.',
 'Frivillige fra menigheter, moskeer og humanetisk forbund.', 'Rådhuset', '["local_population","refugees","labour_immigrants"]', 'A,D', 0, 150,
 'Samarbeidsrådet for tros- og livssyn', 'organisation', 'Seks dialogmøter med til sammen 150 deltakere', 'Deltakerlister', 0),
(21, 'Seniortreff med norsk og helse', 'Ukentlig treff for eldre innvandrere med norsk, trim og temamøter om helse og eldreomsorg.',
 'Eldre innvandrere blir mindre isolert og kjenner helsetilbudet i kommunen.', 'Tilpasset eldre; transport til og fra for dem som trenger det.',
 'Frivillige fra seniorsenteret.', 'Seniorsenteret', '["family_immigrants","refugees"]', 'A,B', 0, 35,
 'Seniorsenteret', 'public_body', '35 eldre deltar jevnlig gjennom året', 'Oppmøtelister', 0),
(22, 'Kodeklubb for barn og unge', 'Gratis kodeklubb hver lørdag der barn lærer programmering, og foreldrene får en kaffe og norsktrening.',
 'Barna får interesse for teknologi og realfag, og familiene blir kjent i nærmiljøet.', 'For barn 9–15 år; utstyr til utlån.',
 'Studenter og IT-folk er frivillige veiledere.', 'Biblioteket', '["norwegian_born_children","local_population"]', 'B', 1, 60,
 'Lær Kidsa Koding', 'organisation', '60 barn deltar i minst ett semester', 'Påmeldingslister', 0),
(23, 'Kulturkveld og lokalhistorie', 'Kulturkvelder der nye og gamle innbyggere deler musikk, mat og historier, og byvandringer om lokalhistorie.',
 'Nye innbyggere føler tilhørighet og blir kjent med stedets historie.', 'Åpne arrangementer for alle aldre; tolk ved behov.',
 'Historielaget og frivillige fra kulturlivet.', 'Kulturhuset', '["refugees","labour_immigrants","local_population"]', 'A', 0, 200,
 'Historielaget', 'organisation', 'Åtte arrangementer med til sammen 200 deltakere', 'Deltakerlister', 0),
(24, 'Rettigheter i arbeidslivet – informasjonsmøter', 'Informasjonsmøter på flere språk om lønn, kontrakter, skatt og rettigheter i arbeidslivet.',
 'Arbeidsinnvandrere kjenner rettighetene sine og vet hvor de kan få hjelp.', 'Møter på kveldstid og i helger, på polsk, litauisk og engelsk.',
 'Frivillige tillitsvalgte og jurister.', 'Fagforeningenes hus', '["labour_immigrants","family_immigrants"]', 'B,C', 0, 90,
 'Arbeidstilsynet', 'public_body', 'Seks møter med til sammen 90 deltakere', 'Deltakerlister og spørreskjema', 0);

-- The cases of a tenant: n, the state, the decision and how far the case has come. amount is the
-- applied amount before the tenant's factor; share is a partial grant's per cent of it; ly: on last
-- year's call.
CREATE TEMPORARY TABLE demo_step (
  n TINYINT PRIMARY KEY, state VARCHAR(24), outcome VARCHAR(16), amount INT, share INT,
  assigned TINYINT, reviewed TINYINT, recommended TINYINT, decided TINYINT, letter TINYINT, reply VARCHAR(8),
  paid VARCHAR(8), reminded TINYINT, reported TINYINT, review VARCHAR(16), closed TINYINT, reclaimed TINYINT,
  appeal VARCHAR(10), withdrawn TINYINT, cr_kind VARCHAR(12), cr_status VARCHAR(10), last_year TINYINT
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO demo_step VALUES
-- n  state               outcome         amount  share asg rev rec dec let reply      paid    rem rep review           clo rcl appeal       wd  cr                       ly
( 1, 'submitted',         NULL,            45000, NULL, 0,  0,  0,  0,  0,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
( 2, 'submitted',         NULL,           120000, NULL, 0,  0,  0,  0,  0,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
( 3, 'submitted',         NULL,            28000, NULL, 1,  0,  0,  0,  0,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
( 4, 'in_review',         NULL,            80000, NULL, 1,  1,  0,  0,  0,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
( 5, 'recommended',       'grant',        150000, NULL, 1,  1,  1,  0,  0,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
( 6, 'granted',           'grant',         60000, NULL, 1,  1,  1,  1,  0,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
( 7, 'partly_granted',    'grant_partly', 200000, 60,   1,  1,  1,  1,  0,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
( 8, 'rejected',          'reject',        90000, NULL, 1,  1,  1,  1,  0,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
( 9, 'letter_sent',       'grant',         40000, NULL, 1,  1,  1,  1,  1,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
(10, 'letter_sent',       'reject',        70000, NULL, 1,  1,  1,  1,  1,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
(11, 'accepted',          'grant',         25000, NULL, 1,  1,  1,  1,  1,  'accept',  'none', 0,  0,  NULL,            0,  0,  NULL,        0,  'activities', 'pending',  0),
(12, 'partly_paid',       'grant_partly', 300000, 67,   1,  1,  1,  1,  1,  'accept',  'first',0,  0,  NULL,            0,  0,  NULL,        0,  'budget', 'approved',     0),
(13, 'paid',              'grant',        110000, NULL, 1,  1,  1,  1,  1,  'accept',  'all',  0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
(14, 'report_due',        'grant',         50000, NULL, 1,  1,  1,  1,  1,  'accept',  'all',  1,  0,  NULL,            0,  0,  NULL,        0,  'purpose', 'refused',     1),
(15, 'report_received',   'grant',        160000, NULL, 1,  1,  1,  1,  1,  'accept',  'all',  1,  1,  'pending',       0,  0,  NULL,        0,  NULL, NULL,              1),
(16, 'changes_asked',     'grant_partly',  90000, 70,   1,  1,  1,  1,  1,  'accept',  'all',  1,  1,  'changes_asked', 0,  0,  NULL,        0,  NULL, NULL,              1),
(17, 'report_approved',   'grant',         35000, NULL, 1,  1,  1,  1,  1,  'accept',  'all',  1,  1,  'approved',      0,  0,  NULL,        0,  NULL, NULL,              1),
(18, 'closed',            'grant',         75000, NULL, 1,  1,  1,  1,  1,  'accept',  'all',  1,  1,  'approved',      1,  0,  NULL,        0,  NULL, NULL,              1),
(19, 'reclaim',           'grant',        100000, NULL, 1,  1,  1,  1,  1,  'accept',  'all',  1,  1,  'pending',       0,  1,  NULL,        0,  NULL, NULL,              1),
(20, 'appealed',          'reject',       130000, 60,   1,  1,  1,  1,  1,  NULL,      'none', 0,  0,  NULL,            0,  0,  'filed',     0,  NULL, NULL,              0),
(21, 'appeal_forwarded',  'reject',        65000, NULL, 1,  1,  1,  1,  1,  NULL,      'none', 0,  0,  NULL,            0,  0,  'forwarded', 0,  NULL, NULL,              0),
(22, 'declined',          'grant',         30000, NULL, 1,  1,  1,  1,  1,  'decline', 'none', 0,  0,  NULL,            0,  0,  NULL,        0,  NULL, NULL,              0),
(23, 'withdrawn',         NULL,            55000, NULL, 0,  0,  0,  0,  0,  NULL,      'none', 0,  0,  NULL,            0,  0,  NULL,        1,  NULL, NULL,              0);

-- The tenants: their order (which project each case gets), the size of their grants, and the
-- organisations applying there besides the demo organisation (see demo_org): one at home there, and
-- one that also applies elsewhere. The demo organisation has each state once (case n at tenant
-- n mod 4), so its applications at several tenants in one year are flagged as possible duplicates without
-- every case listing dozens of them.
CREATE TEMPORARY TABLE demo_tenant (slug VARCHAR(32) PRIMARY KEY, ti TINYINT, factor DECIMAL(4,2), home TINYINT, other TINYINT)
  DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO demo_tenant VALUES ('imdi', 0, 1.50, 3, 1), ('oslo', 1, 1.00, 4, 3), ('bergen', 2, 0.80, 1, 3),
  ('lillestrom', 3, 0.60, 2, 4);

CREATE TEMPORARY TABLE demo_org (oi TINYINT PRIMARY KEY, orgnr CHAR(9));
INSERT INTO demo_org VALUES (0, '987654325'), (1, '913580249'), (2, '916049382'), (3, '918518525'), (4, '922222231');

-- Summer time in Oslo (UTC): from 01:00 on the last Sunday of March to 01:00 on the last Sunday of October.
CREATE TEMPORARY TABLE demo_dst (y SMALLINT PRIMARY KEY, starts DATETIME, ends DATETIME);
INSERT INTO demo_dst (y, starts, ends)
SELECT s.y,
  TIMESTAMP(DATE(CONCAT(s.y, '-03-31')) - INTERVAL (DAYOFWEEK(CONCAT(s.y, '-03-31')) - 1) DAY, '01:00:00'),
  TIMESTAMP(DATE(CONCAT(s.y, '-10-31')) - INTERVAL (DAYOFWEEK(CONCAT(s.y, '-10-31')) - 1) DAY, '01:00:00')
FROM (SELECT @y - 2 AS y UNION ALL SELECT @y - 1 UNION ALL SELECT @y UNION ALL SELECT @y + 1) s;

-- ---- the cases ---------------------------------------------------------------------------------
CREATE TEMPORARY TABLE demo_case (
  k VARCHAR(40) PRIMARY KEY COMMENT 'the submit_key that marks the demo case',
  n TINYINT, ti TINYINT, slug VARCHAR(32), state VARCHAR(24), outcome VARCHAR(16),
  tenant_id INT UNSIGNED, tenant_name VARCHAR(128), municipal TINYINT, ref_prefix CHAR(3),
  call_id INT UNSIGNED, call_title VARCHAR(255), year SMALLINT, opens DATETIME, deadline DATETIME,
  split_threshold BIGINT, audit_threshold BIGINT, appeal_days INT, report_due DATE,
  org_id BIGINT UNSIGNED, signer BIGINT UNSIGNED, cw BIGINT UNSIGNED, dm BIGINT UNSIGNED, adm BIGINT UNSIGNED,
  p TINYINT, title VARCHAR(200), sub_goals VARCHAR(8), amount BIGINT, granted BIGINT, recommended_amount BIGINT,
  terms TINYINT, term1 BIGINT, term2 BIGINT, reclaim_amount BIGINT,
  assigned TINYINT, reviewed TINYINT, recommended TINYINT, decided TINYINT, letter TINYINT, reply VARCHAR(8),
  paid VARCHAR(8), reminded TINYINT, reported TINYINT, review VARCHAR(16), closed TINYINT, reclaimed TINYINT,
  appeal VARCHAR(10), withdrawn TINYINT, cr_kind VARCHAR(12), cr_status VARCHAR(10), last_year TINYINT,
  d_end DOUBLE, jit INT, t_sub DATETIME, scale DOUBLE,
  reference VARCHAR(20), app_id BIGINT UNSIGNED, data JSON, ip VARCHAR(45),
  t_decide DATETIME, t_letter DATETIME, t_accept DATETIME, t_report DATETIME,
  letter_date DATE, appeal_deadline DATETIME, appeal_deadline_date DATE, accept_date DATE
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO demo_case (k, n, ti, slug, state, outcome, tenant_id, tenant_name, municipal, ref_prefix, call_id, call_title,
  year, opens, deadline, split_threshold, audit_threshold, appeal_days, report_due, org_id, signer, cw, dm, adm, p, title,
  sub_goals, amount, assigned, reviewed, recommended, decided, letter, reply, paid, reminded, reported, review, closed,
  reclaimed, appeal, withdrawn, cr_kind, cr_status, last_year, jit, ip)
SELECT CONCAT('demo-', t.slug, '-', LPAD(s.n, 2, '0')), s.n, dt.ti, t.slug, s.state,
  -- an appeal against a partial grant at Oslo and Lillestrøm, against a rejection elsewhere
  IF(s.n = 20 AND dt.ti IN (1, 3), 'grant_partly', s.outcome),
  t.id, t.name, t.kind = 'municipality', t.ref_prefix, c.id, c.title, c.year,
  c.opens_local - INTERVAL 1 HOUR, c.deadline_local - INTERVAL 1 HOUR,
  c.payment_split_threshold, c.audit_threshold, c.appeal_window_days, COALESCE(c.report_due, MAKEDATE(c.year + 1, 32)),
  o.id, (SELECT MIN(m.user_id) FROM org_members m WHERE m.org_id = o.id AND m.role = 'signer'),
  cw.id, dm.id, adm.id, pr.p, pr.title,
  IF(t.slug = 'oslo', pr.sub_goals, REPLACE(pr.sub_goals, ',D', '')),
  LEAST(c.max_amount, GREATEST(c.min_amount, ROUND(s.amount * dt.factor / 1000) * 1000)),
  s.assigned, s.reviewed, s.recommended, s.decided, s.letter, s.reply, s.paid, s.reminded, s.reported, s.review,
  s.closed, s.reclaimed, s.appeal, s.withdrawn, s.cr_kind, s.cr_status, s.last_year,
  1 + (s.n * 37 + dt.ti * 13) % 60, CONCAT('192.0.2.', 10 + s.n + 23 * dt.ti)
FROM demo_step s
JOIN demo_tenant dt
JOIN tenants t ON t.slug = dt.slug
JOIN calls c ON c.tenant_id = t.id AND c.scheme_id = @scheme AND c.year = IF(s.last_year, @y - 1, @y)
JOIN demo_org dor ON dor.oi = CASE s.n % 4 WHEN dt.ti THEN 0 WHEN (dt.ti + 2) % 4 THEN dt.other ELSE dt.home END
JOIN organisations o ON o.orgnr = dor.orgnr
JOIN users cw ON cw.email_norm = CONCAT('saksbehandler@', t.slug, '.demo')
JOIN users dm ON dm.email_norm = CONCAT('beslutter@', t.slug, '.demo')
JOIN users adm ON adm.email_norm = CONCAT('admin@', t.slug, '.demo')
JOIN demo_project pr ON pr.p = 1 + (s.n - 1 + dt.ti * 6) % 24;

-- Cases loaded before are left as they are: a second load changes nothing.
DELETE d FROM demo_case d WHERE EXISTS (SELECT 1 FROM applications a WHERE a.tenant_id = d.tenant_id AND a.submit_key = d.k);

UPDATE demo_case d JOIN demo_step s ON s.n = d.n SET
  d.granted = CASE d.outcome WHEN 'grant' THEN d.amount
                             WHEN 'grant_partly' THEN ROUND(d.amount * COALESCE(s.share, 60) / 100 / 1000) * 1000 END,
  d.recommended_amount = CASE d.outcome WHEN 'grant' THEN d.amount
                             WHEN 'grant_partly' THEN ROUND(d.amount * COALESCE(s.share, 60) / 100 / 1000) * 1000 ELSE 0 END
WHERE d.recommended;
UPDATE demo_case SET granted = NULL WHERE NOT decided;
UPDATE demo_case SET terms = IF(granted > split_threshold, 2, 1), term1 = IF(granted > split_threshold, granted - granted DIV 2, granted),
  term2 = IF(granted > split_threshold, granted DIV 2, NULL)
WHERE granted IS NOT NULL;
UPDATE demo_case SET reclaim_amount = ROUND(granted * 0.2 / 1000) * 1000 WHERE reclaimed;

-- ---- the timeline: every step of a case, in days after its submission -----------------------
-- logged = 1: a line of the case log (application_events), named and detailed as fcgi/ does;
-- logged = 0: a moment only other rows use.
CREATE TEMPORARY TABLE demo_ev (
  k VARCHAR(40), off DOUBLE, event VARCHAR(40), who VARCHAR(8), detail VARCHAR(255), logged TINYINT, at DATETIME,
  KEY (k, event)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO demo_ev (k, off, event, who, detail, logged)
          SELECT k, -6, 'created', 'signer', NULL, 1 FROM demo_case
UNION ALL SELECT k, -5.5, 'attachment_added', 'signer', 'budsjett.pdf', 1 FROM demo_case
UNION ALL SELECT k, 0, 'submitted', 'signer', NULL, 1 FROM demo_case
UNION ALL SELECT k, 4, 'withdrawn', 'signer', NULL, 1 FROM demo_case WHERE withdrawn
UNION ALL SELECT k, 1, 'assigned', 'cw', CONCAT('to user ', cw), 1 FROM demo_case WHERE assigned
UNION ALL SELECT k, 1.1, 'declared_impartial', 'cw', NULL, 1 FROM demo_case WHERE reviewed
UNION ALL SELECT k, 2, 'start_review', 'cw', NULL, 1 FROM demo_case WHERE reviewed
UNION ALL SELECT k, 9, 'assessed', 'cw', NULL, 1 FROM demo_case WHERE reviewed
UNION ALL SELECT k, 9.5, 'comment', 'cw', NULL, 1 FROM demo_case WHERE reviewed AND n % 3 <> 0
UNION ALL SELECT k, 14, 'recommend', 'cw', CONCAT('recommended, ', recommended_amount, ' kr'), 1 FROM demo_case WHERE recommended
UNION ALL SELECT k, 15, 'recused', 'adm', 'Jeg sitter i styret i en samarbeidspartner i prosjektet.', 1 FROM demo_case WHERE n = 7
UNION ALL SELECT k, 16, 'declared_impartial', 'dm', NULL, 1 FROM demo_case WHERE decided
UNION ALL SELECT k, 18, CASE outcome WHEN 'grant' THEN 'grant' WHEN 'grant_partly' THEN 'grant_partly' ELSE 'reject' END, 'dm',
  CONCAT(CASE outcome WHEN 'grant' THEN 'granted' WHEN 'grant_partly' THEN 'partly_granted' ELSE 'rejected' END, ', ',
         COALESCE(granted, 0), ' kr'), 1 FROM demo_case WHERE decided
UNION ALL SELECT k, 18.2, 'comment', 'dm', NULL, 1 FROM demo_case WHERE decided AND n % 4 = 1
UNION ALL SELECT k, 20, 'send_letter', 'cw', IF(granted IS NULL, 'avslagsbrev', 'tilskuddsbrev'), 1 FROM demo_case WHERE letter
UNION ALL SELECT k, 26, reply, 'signer', IF(reply = 'accept', IF(terms = 2, '2 terminer', '1 termin'), NULL), 1 FROM demo_case
  WHERE reply IS NOT NULL
UNION ALL SELECT k, 27, 'appeal', 'signer', NULL, 1 FROM demo_case WHERE appeal IS NOT NULL
UNION ALL SELECT k, 35, 'appeal_forward', 'dm', IF(municipal, 'oversendt IMDi', 'oversendt departementet'), 1 FROM demo_case
  WHERE appeal = 'forwarded'
UNION ALL SELECT k, 28, 'pay_term', 'cw', 'termin 1', 1 FROM demo_case WHERE paid IN ('first', 'all')
UNION ALL SELECT k, 45, 'change_requested', 'signer', cr_kind, 1 FROM demo_case WHERE cr_kind IS NOT NULL
UNION ALL SELECT k, 50, IF(cr_status = 'approved', 'change_approved', 'change_refused'), 'cw', NULL, 1 FROM demo_case
  WHERE cr_kind IS NOT NULL AND cr_status <> 'pending'
UNION ALL SELECT k, 150, 'pay_term', 'cw', 'termin 2', 1 FROM demo_case WHERE paid = 'all' AND terms = 2
-- the reminder job (no user): 30 days before the report is due (a paid case becomes report_due),
-- and 7 days before while no report is in, or after the report was sent back
UNION ALL SELECT k, 270, 'report_reminder', NULL, '30 dager', 1 FROM demo_case WHERE reminded
UNION ALL SELECT k, 271, 'report_reminder', NULL, '7 dager', 1 FROM demo_case WHERE reminded AND NOT reported
UNION ALL SELECT k, 289.9, 'attachment_added', 'signer', 'revisorbekreftet-regnskap.pdf', 1 FROM demo_case
  WHERE reported AND granted >= audit_threshold
UNION ALL SELECT k, 290, 'receive_report', 'signer', NULL, 1 FROM demo_case WHERE reported
UNION ALL SELECT k, 305, IF(review = 'approved', 'approve_report', 'ask_changes'), 'cw', NULL, 1 FROM demo_case
  WHERE review IN ('approved', 'changes_asked')
UNION ALL SELECT k, 306, 'report_reminder', NULL, '7 dager', 1 FROM demo_case WHERE review = 'changes_asked'
UNION ALL SELECT k, 320, 'close', 'cw', NULL, 1 FROM demo_case WHERE closed
UNION ALL SELECT k, 319.9, 'comment', 'dm', NULL, 1 FROM demo_case WHERE reclaimed
UNION ALL SELECT k, 320, 'reclaim', 'dm', CONCAT(reclaim_amount, ' kr'), 1 FROM demo_case WHERE reclaimed;

-- Each case ends jit hours before now and starts a week or more after its call opened (compressed
-- when there was not time for all of it) and before its deadline.
UPDATE demo_case d SET d.d_end = (SELECT MAX(e.off) FROM demo_ev e WHERE e.k = d.k);
UPDATE demo_case SET t_sub = LEAST(
    GREATEST(@now - INTERVAL jit HOUR - INTERVAL ROUND(d_end * 86400) SECOND, opens + INTERVAL 7 DAY),
    deadline - INTERVAL (1 + n) DAY, @now - INTERVAL jit HOUR);
UPDATE demo_case SET scale = IF(d_end <= 0, 1,
    GREATEST(0, LEAST(1, TIMESTAMPDIFF(SECOND, t_sub, @now - INTERVAL jit HOUR) / (d_end * 86400))));
UPDATE demo_ev e JOIN demo_case d ON d.k = e.k
SET e.at = IF(e.off < 0, d.t_sub - INTERVAL ROUND(-e.off * 86400) SECOND, d.t_sub + INTERVAL ROUND(e.off * d.scale * 86400) SECOND);

-- The report phase of last year's cases happens on the real dates around the report deadline (kept in
-- order, and before now, should the file be loaded early in the year).
UPDATE demo_ev e JOIN demo_case d ON d.k = e.k
SET e.at = LEAST(@now - INTERVAL d.jit HOUR - INTERVAL ROUND(400 - e.off) MINUTE, CASE
    WHEN e.event = 'report_reminder' AND e.off = 270 THEN TIMESTAMP(d.report_due - INTERVAL 30 DAY, '04:00:00')
    WHEN e.event = 'report_reminder' AND e.off = 271 THEN TIMESTAMP(d.report_due - INTERVAL 7 DAY, '04:00:00')
    WHEN e.event = 'attachment_added' THEN TIMESTAMP(d.report_due - INTERVAL (8 + d.n % 5) DAY, '09:00:00')
    WHEN e.event = 'receive_report' THEN TIMESTAMP(d.report_due - INTERVAL (8 + d.n % 5) DAY, '10:00:00')
    WHEN e.off = 305 THEN TIMESTAMP(d.report_due + INTERVAL (10 + d.n % 7) DAY, '09:00:00')
    WHEN e.off = 306 THEN TIMESTAMP(d.report_due + INTERVAL (10 + d.n % 7) DAY, '09:05:00')
    WHEN e.off = 319.9 THEN TIMESTAMP(d.report_due + INTERVAL (25 + d.n % 5) DAY, '12:55:00')
    ELSE TIMESTAMP(d.report_due + INTERVAL (25 + d.n % 5) DAY, '13:00:00') END)
WHERE d.last_year AND e.off >= 270;

UPDATE demo_case d SET
  d.t_decide = (SELECT e.at FROM demo_ev e WHERE e.k = d.k AND e.event IN ('grant', 'grant_partly', 'reject')),
  d.t_letter = (SELECT e.at FROM demo_ev e WHERE e.k = d.k AND e.event = 'send_letter'),
  d.t_accept = (SELECT e.at FROM demo_ev e WHERE e.k = d.k AND e.event = 'accept'),
  d.t_report = (SELECT e.at FROM demo_ev e WHERE e.k = d.k AND e.event = 'receive_report');
-- Oslo dates: the letter's date, the appeal deadline (the end of the day appeal_days later, in
-- Oslo, as UTC) and the day of acceptance (the first payment term falls due then).
UPDATE demo_case d SET d.letter_date = DATE(d.t_letter + INTERVAL
  IF(EXISTS (SELECT 1 FROM demo_dst s WHERE d.t_letter >= s.starts AND d.t_letter < s.ends), 2, 1) HOUR)
WHERE d.t_letter IS NOT NULL;
UPDATE demo_case d SET d.appeal_deadline_date = d.letter_date + INTERVAL d.appeal_days DAY,
  d.appeal_deadline = TIMESTAMP(d.letter_date + INTERVAL d.appeal_days DAY, '23:59:59') - INTERVAL
  IF(EXISTS (SELECT 1 FROM demo_dst s WHERE TIMESTAMP(d.letter_date + INTERVAL d.appeal_days DAY, '21:59:59') >= s.starts
             AND TIMESTAMP(d.letter_date + INTERVAL d.appeal_days DAY, '21:59:59') < s.ends), 2, 1) HOUR
WHERE d.letter_date IS NOT NULL;
UPDATE demo_case d SET d.accept_date = DATE(d.t_accept + INTERVAL
  IF(EXISTS (SELECT 1 FROM demo_dst s WHERE d.t_accept >= s.starts AND d.t_accept < s.ends), 2, 1) HOUR)
WHERE d.t_accept IS NOT NULL;

-- The second term may not be paid before it falls due (1 September, or 30 days after acceptance):
-- its payment moves to the due date when the rest of the timeline leaves room for it.
UPDATE demo_ev e JOIN demo_case d ON d.k = e.k
SET e.at = GREATEST(e.at, LEAST(TIMESTAMP(GREATEST(MAKEDATE(d.year, 1) + INTERVAL 8 MONTH, d.accept_date + INTERVAL 30 DAY), '08:00:00'),
  COALESCE((SELECT MIN(x.at) FROM demo_ev x WHERE x.k = e.k AND x.off > e.off), @now - INTERVAL d.jit HOUR) - INTERVAL 1 HOUR))
WHERE e.event = 'pay_term' AND e.detail = 'termin 2';

-- The draft as the form holds it (the shape of tests/lib/apps.mjs validDraft and fcgi/domain/application.c):
-- costs minus own contribution and other funding is the applied amount.
UPDATE demo_case d JOIN demo_project pr ON pr.p = d.p JOIN organisations o ON o.id = d.org_id
SET d.data = JSON_COMPACT(JSON_OBJECT(
  'title', pr.title, 'summary', pr.summary, 'goals', pr.goals, 'adaptation', pr.adaptation, 'volunteers', pr.volunteers,
  'sub_goals', JSON_EXTRACT(CONCAT('["', REPLACE(d.sub_goals, ',', '","'), '"]'), '$'),
  'target_groups', JSON_EXTRACT(pr.groups_json, '$'),
  'project_count', 1,
  'result_goals', JSON_ARRAY(JSON_OBJECT('text', pr.result_text, 'measure', pr.result_measure)),
  'milestones', JSON_ARRAY(JSON_OBJECT('date', CONCAT(d.year, '-03-01'), 'text', 'Oppstart og rekruttering av deltakere'),
                           JSON_OBJECT('date', CONCAT(d.year, '-06-15'), 'text', 'Midtveisevaluering med deltakerne'),
                           JSON_OBJECT('date', CONCAT(d.year, '-11-30'), 'text', 'Avslutning og rapport')),
  'budget', JSON_OBJECT(
     'costs', JSON_ARRAY(JSON_OBJECT('text', 'Lokaler og leie', 'amount', d.amount - d.amount DIV 2 + 6000),
                         JSON_OBJECT('text', 'Aktiviteter, materiell og bevertning', 'amount', d.amount DIV 2 + 4000)),
     'own_contribution', 6000,
     'other_funding', JSON_ARRAY(JSON_OBJECT('source', 'Lokal sparebankstiftelse', 'amount', 4000))),
  'applied_amount', d.amount,
  'period', JSON_OBJECT('start_year', d.year, 'years', 1),
  'partners', JSON_ARRAY(JSON_OBJECT('name', pr.partner, 'kind', pr.partner_kind)),
  'reception_centre', IF(pr.reception,
     JSON_OBJECT('applies', JSON_EXTRACT('true', '$'), 'management_agreement', JSON_EXTRACT('true', '$'),
                 'contact_person', 'Nina Berg, leder av mottaket', 'residents_council', JSON_EXTRACT('true', '$')),
     JSON_OBJECT('applies', JSON_EXTRACT('false', '$'))),
  'children_youth', JSON_EXTRACT(IF(pr.children, 'true', 'false'), '$'),
  'expected_participants', pr.participants,
  'location', JSON_OBJECT('municipality', IF(d.municipal, REPLACE(d.tenant_name, ' kommune', ''), o.municipality),
                          'place', pr.place),
  'other_funding_declaration', JSON_OBJECT('has_other', JSON_EXTRACT('false', '$'))));

START TRANSACTION;

-- ---- reference numbers: the next ones of the tenant's counter for the call's year ------------
INSERT IGNORE INTO application_counters (tenant_id, year, last_no) SELECT DISTINCT tenant_id, year, 0 FROM demo_case;
UPDATE application_counters c JOIN (SELECT DISTINCT tenant_id, year FROM demo_case) d
  ON d.tenant_id = c.tenant_id AND d.year = c.year SET c.last_no = c.last_no;   -- row locks, as the submission takes them
UPDATE demo_case d
JOIN (SELECT k, ROW_NUMBER() OVER (PARTITION BY tenant_id, year ORDER BY t_sub, n) AS r FROM demo_case) z ON z.k = d.k
JOIN application_counters c ON c.tenant_id = d.tenant_id AND c.year = d.year
SET d.reference = CONCAT(d.ref_prefix, '-', LPAD(d.year, 4, '0'), '-', LPAD(c.last_no + z.r, 4, '0'));
UPDATE application_counters c JOIN (SELECT tenant_id, year, COUNT(*) AS k FROM demo_case GROUP BY tenant_id, year) d
  ON d.tenant_id = c.tenant_id AND d.year = c.year SET c.last_no = c.last_no + d.k;
UPDATE demo_ev e JOIN demo_case d ON d.k = e.k SET e.detail = d.reference WHERE e.event = 'submitted';

-- ---- the applications, in order of submission ---------------------------------------------
INSERT INTO applications (org_id, call_id, tenant_id, status, version, title, applied_amount, data, created_by, updated_by,
  created_at, updated_at, reference, submitted_at, submitted_by, submitted_ip, submit_key, withdrawn_at, sub_goals,
  assigned_to, recommended_by, recommended_amount, recommendation, decided_by, granted_amount, decision_reasons, decided_at,
  letter_sent_at, accepted_at, report_due, report_reminders, reclaim_amount)
SELECT d.org_id, d.call_id, d.tenant_id, d.state, 3 + d.n % 5, d.title, d.amount, d.data, d.signer, d.signer,
  (SELECT e.at FROM demo_ev e WHERE e.k = d.k AND e.event = 'created'), d.t_sub, d.reference, d.t_sub, d.signer, d.ip, d.k,
  (SELECT e.at FROM demo_ev e WHERE e.k = d.k AND e.event = 'withdrawn'), d.sub_goals,
  IF(d.assigned, d.cw, NULL),
  IF(d.recommended, d.cw, NULL), IF(d.recommended, d.recommended_amount, NULL),
  IF(d.recommended, CASE d.outcome
    WHEN 'grant' THEN 'Søknaden oppfyller kriteriene godt: tydelige og målbare mål, realistisk budsjett og god forankring i nærmiljøet. Anbefales innvilget fullt ut.'
    WHEN 'grant_partly' THEN CONCAT('Et godt tiltak, men budsjettet har poster som ordningen ikke dekker (innkjøp av utstyr og ordinær drift). Anbefales innvilget med ',
      REPLACE(FORMAT(d.recommended_amount, 0), ',', ' '), ' kroner til aktivitetene.')
    ELSE 'Søknaden scorer lavt på målbare resultatmål og realistisk budsjett, og den prioriteres ikke innenfor rammen. Anbefales avslått.' END, NULL),
  IF(d.decided, d.dm, NULL), d.granted,
  IF(d.decided, CASE d.outcome
    WHEN 'grant' THEN 'Innvilget i samsvar med innstillingen. Tiltaket treffer målgruppen godt og bidrar til delmålene i ordningen.'
    WHEN 'grant_partly' THEN 'Delvis innvilget: kostnader til innkjøp av utstyr og ordinær drift dekkes ikke av ordningen. Det innvilgede beløpet dekker aktivitetene i søknaden.'
    ELSE 'Avslag: søknaden er vurdert mot de andre søknadene og er ikke prioritert innenfor budsjettrammen. Resultatmålene er lite konkrete, og budsjettet er ikke realistisk for antallet deltakere.' END, NULL),
  d.t_decide, d.t_letter, d.t_accept, IF(d.reply = 'accept', d.report_due, NULL),
  (SELECT COALESCE(MAX(e.detail = '30 dager'), 0) | 2 * COALESCE(MAX(e.detail = '7 dager'), 0) FROM demo_ev e
   WHERE e.k = d.k AND e.event = 'report_reminder'), d.reclaim_amount
FROM demo_case d ORDER BY d.t_sub, d.k;

UPDATE demo_case d JOIN applications a ON a.tenant_id = d.tenant_id AND a.submit_key = d.k SET d.app_id = a.id;

-- the budget attachment, uploaded to the draft before it was signed
INSERT INTO attachments (application_id, kind, filename, content_type, size, sha256, content, created_by, created_at)
SELECT x.app_id, 'budget', 'budsjett.pdf', 'application/pdf', LENGTH(x.body), UNHEX(SHA2(x.body, 256)), x.body, x.signer, x.at
FROM (SELECT d.app_id, d.signer, e.at,
        CONCAT('%PDF-1.4\n% Budsjett: ', d.title, '\n% Kostnader ', d.amount + 10000, ' kr, egenandel 6000 kr, annen finansiering 4000 kr, søknadsbeløp ',
               d.amount, ' kr\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') AS body
      FROM demo_case d JOIN demo_ev e ON e.k = d.k AND e.event = 'attachment_added' AND e.detail = 'budsjett.pdf') x
ORDER BY x.app_id;

-- the frozen copy of what was signed, shaped as h_apps.c's submission writes it
UPDATE applications a JOIN demo_case d ON d.app_id = a.id JOIN organisations o ON o.id = d.org_id
JOIN users su ON su.id = d.signer
SET a.signed = JSON_COMPACT(JSON_OBJECT(
  'reference', d.reference, 'signed_at', DATE_FORMAT(d.t_sub, '%Y-%m-%dT%H:%i:%sZ'),
  'signed_by', JSON_OBJECT('id', su.id, 'name', su.name, 'email', su.email),
  'ip', d.ip,
  'organisation', JSON_OBJECT('id', o.id, 'orgnr', o.orgnr, 'name', o.name, 'municipality', o.municipality, 'kind', o.kind,
     'volunteer_register', JSON_EXTRACT(IF(o.volunteer_register, 'true', 'false'), '$'),
     'volunteer_since', DATE_FORMAT(o.volunteer_since, '%Y-%m-%d'),
     'business_register', JSON_EXTRACT(IF(o.business_register, 'true', 'false'), '$'),
     'business_since', DATE_FORMAT(o.business_since, '%Y-%m-%d'),
     'created_at', DATE_FORMAT(o.created_at, '%Y-%m-%dT%H:%i:%sZ')),
  'call', JSON_OBJECT('id', d.call_id, 'title', d.call_title, 'tenant', d.tenant_name, 'year', d.year),
  'application', JSON_EXTRACT(d.data, '$'),
  'budget', JSON_OBJECT('costs', d.amount + 10000, 'own_contribution', 6000, 'other_funding', 4000, 'deficit', d.amount),
  'attachments', JSON_EXTRACT((SELECT JSON_ARRAYAGG(JSON_OBJECT('id', t.id, 'kind', t.kind, 'filename', t.filename,
       'content_type', t.content_type, 'size', t.size, 'created_at', DATE_FORMAT(t.created_at, '%Y-%m-%dT%H:%i:%sZ')) ORDER BY t.id)
     FROM attachments t WHERE t.application_id = a.id), '$')));

-- the audited accounts of a report on a grant at or above the audit threshold
INSERT INTO attachments (application_id, kind, filename, content_type, size, sha256, content, created_by, created_at)
SELECT x.app_id, 'audited_accounts', 'revisorbekreftet-regnskap.pdf', 'application/pdf', LENGTH(x.body), UNHEX(SHA2(x.body, 256)),
  x.body, x.signer, x.at
FROM (SELECT d.app_id, d.signer, e.at,
        CONCAT('%PDF-1.4\n% Revisorbekreftet regnskap: ', d.reference, ' ', d.title, '\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') AS body
      FROM demo_case d JOIN demo_ev e ON e.k = d.k AND e.event = 'attachment_added' AND e.detail = 'revisorbekreftet-regnskap.pdf') x
ORDER BY x.app_id;

-- ---- the case log, in order ----------------------------------------------------------------
INSERT INTO application_events (application_id, at, user_id, event, detail)
SELECT d.app_id, e.at, CASE e.who WHEN 'signer' THEN d.signer WHEN 'cw' THEN d.cw WHEN 'dm' THEN d.dm WHEN 'adm' THEN d.adm END,
  e.event, e.detail
FROM demo_ev e JOIN demo_case d ON d.k = e.k WHERE e.logged ORDER BY d.app_id, e.at, e.off;

-- ---- impartiality: the caseworker before the review, the decision maker before the decision --
INSERT INTO case_impartiality (application_id, user_id, impartial, reason, declared_at)
SELECT d.app_id, CASE e.who WHEN 'cw' THEN d.cw WHEN 'dm' THEN d.dm ELSE d.adm END, e.event = 'declared_impartial', e.detail, e.at
FROM demo_ev e JOIN demo_case d ON d.k = e.k WHERE e.event IN ('declared_impartial', 'recused');

-- ---- the assessment: a score per criterion of the call, and the eligibility checks ----------
INSERT INTO case_assessments (application_id, scores, eligibility, assessed_by, assessed_at)
SELECT d.app_id,
  JSON_COMPACT((SELECT JSON_ARRAYAGG(JSON_OBJECT('criterion', j.c,
      'score', IF(j.i = 11 AND NOT pr.children, NULL,
                  IF(d.outcome = 'reject', 1 + (d.n + j.i) % 3, 3 + (d.n * 7 + j.i) % 3))) ORDER BY j.i)
    FROM calls c, JSON_TABLE(c.criteria, '$[*]' COLUMNS (i FOR ORDINALITY, c VARCHAR(300) PATH '$')) j WHERE c.id = d.call_id)),
  '{"volunteer_register":true,"location":true,"not_excluded":true}', d.cw, e.at
FROM demo_case d JOIN demo_ev e ON e.k = d.k AND e.event = 'assessed' JOIN demo_project pr ON pr.p = d.p
JOIN calls cc ON cc.id = d.call_id WHERE cc.criteria IS NOT NULL;

-- ---- internal comments ----------------------------------------------------------------------
INSERT INTO case_comments (application_id, user_id, body, created_at)
SELECT d.app_id, IF(e.who = 'cw', d.cw, d.dm),
  CASE WHEN e.event = 'comment' AND e.off = 319.9 THEN
      'Rapporten viser at deler av tilskuddet gikk til innkjøp av utstyr, som ordningen ikke dekker. Beløpet kreves tilbake.'
    WHEN e.who = 'cw' THEN ELT(1 + d.n % 4,
      'Sjekket Frivillighetsregisteret og Brønnøysundregistrene: organisasjonen er registrert.',
      'Ringte kontaktpersonen: samarbeidsavtalen med partneren er på plass, og lokalene er bestilt.',
      'Budsjettet er realistisk, men lokaleleien er høy. Bør sammenlignes med tilsvarende tiltak.',
      'Organisasjonen fikk tilskudd i fjor, og rapporten da var god. Ingen merknader.')
    ELSE ELT(1 + d.n % 3,
      'Enig i innstillingen. Tiltaket passer godt med prioriteringene i år.',
      'Vi bør følge opp deltakertallene i rapporten; målet er ambisiøst.',
      'Drøftet i ledermøtet: saken kan avgjøres uten videre utredning.') END,
  e.at
FROM demo_case d JOIN demo_ev e ON e.k = d.k AND e.event = 'comment'
ORDER BY e.at, d.app_id;

-- ---- the letters, frozen as sent: the shape and wording of fcgi/domain/letter.c --------------------
INSERT INTO letters (application_id, kind, content, sent_by, sent_at)
SELECT d.app_id, IF(d.granted IS NULL, 'rejection', 'grant'),
  JSON_COMPACT(JSON_OBJECT(
    'kind', IF(d.granted IS NULL, 'rejection', 'grant'),
    'reference', d.reference, 'date', DATE_FORMAT(d.letter_date, '%Y-%m-%d'), 'tenant', d.tenant_name,
    'organisation', o.name, 'orgnr', o.orgnr, 'title', d.title, 'applied_amount', d.amount,
    'appeal_deadline', DATE_FORMAT(d.appeal_deadline_date, '%Y-%m-%d'),
    'appeal_to', CONCAT(IF(d.municipal, 'Integrerings- og mangfoldsdirektoratet (IMDi)', 'Arbeids- og inkluderingsdepartementet'),
                        '. Klagen sendes til ', d.tenant_name, ', som vurderer den først.'),
    'signed_by', dm.name, 'appeal_days', d.appeal_days, 'reasons', a.decision_reasons,
    'amount', COALESCE(d.granted, 0),
    'purpose', IF(d.granted IS NULL, NULL, CONCAT(d.title, ': ', pr.summary)),
    'conditions', IF(d.granted IS NULL, JSON_ARRAY(), JSON_EXTRACT(CONCAT('[',
       JSON_QUOTE('Tilskuddet skal bare brukes til formålet som er beskrevet i søknaden og i dette brevet.'), ',',
       JSON_QUOTE(CONCAT('Endringer i formål, aktiviteter eller budsjett krever skriftlig samtykke fra ', d.tenant_name,
                         ' på forhånd. Send en endringsmelding i portalen.')), ',',
       JSON_QUOTE(CONCAT('Midler som ikke er brukt til formålet innen utgangen av ', d.year, ', skal betales tilbake.')), ',',
       JSON_QUOTE(CONCAT('Rapport om måloppnåelse og regnskap satt opp mot budsjettet sendes i portalen innen ',
                         DATE_FORMAT(d.report_due, '%Y-%m-%d'), '.')), ',',
       IF(d.granted >= d.audit_threshold, CONCAT(JSON_QUOTE(CONCAT('Fordi tilskuddet er ',
         REPLACE(FORMAT(d.audit_threshold, 0), ',', _utf8mb4 X'C2A0'),
         ' kroner eller mer, skal regnskapet være attestert av statsautorisert eller registrert revisor.')), ','), ''),
       JSON_QUOTE(CONCAT(d.tenant_name, ' kan holde tilbake eller kreve tilbake tilskudd som er brukt i strid med vilkårene.')), ',',
       JSON_QUOTE('Tilskuddet utbetales når organisasjonen har akseptert vilkårene i portalen.'), ']'), '$')),
    'payment_plan', IF(d.granted IS NULL, JSON_ARRAY(), JSON_EXTRACT(IF(d.terms = 2,
       JSON_ARRAY(JSON_OBJECT('term', 1, 'amount', d.term1, 'when', 'Vår: når vilkårene er akseptert'),
                  JSON_OBJECT('term', 2, 'amount', d.term2, 'when', 'Høst: 1. september')),
       JSON_ARRAY(JSON_OBJECT('term', 1, 'amount', d.term1, 'when', 'Når vilkårene er akseptert'))), '$')),
    'report_due', IF(d.granted IS NULL, NULL, DATE_FORMAT(d.report_due, '%Y-%m-%d')),
    'audit_required', JSON_EXTRACT(IF(d.granted >= d.audit_threshold, 'true', 'false'), '$'))),
  d.cw, d.t_letter
FROM demo_case d JOIN applications a ON a.id = d.app_id JOIN organisations o ON o.id = d.org_id
JOIN demo_project pr ON pr.p = d.p JOIN users dm ON dm.id = d.dm
WHERE d.letter ORDER BY d.app_id;

-- ---- the payment plan, made on acceptance: half each in two terms over the split threshold (the
-- first rounded up, due on acceptance; the second 1 September or 30 days after acceptance) -------
INSERT INTO payments (application_id, term, amount, due_date, paid_at, paid_by)
SELECT d.app_id, 1, d.term1, d.accept_date, e.at, IF(e.at IS NULL, NULL, d.cw)
FROM demo_case d LEFT JOIN demo_ev e ON e.k = d.k AND e.event = 'pay_term' AND e.detail = 'termin 1'
WHERE d.reply = 'accept'
UNION ALL
SELECT d.app_id, 2, d.term2, GREATEST(MAKEDATE(d.year, 1) + INTERVAL 8 MONTH, d.accept_date + INTERVAL 30 DAY), e.at,
  IF(e.at IS NULL, NULL, d.cw)
FROM demo_case d LEFT JOIN demo_ev e ON e.k = d.k AND e.event = 'pay_term' AND e.detail = 'termin 2'
WHERE d.reply = 'accept' AND d.terms = 2;

-- ---- reports -------------------------------------------------------------------------------
INSERT INTO reports (application_id, data, submitted_by, submitted_at, late, review, reviewed_by, reviewed_at, review_comment,
  payback_amount)
SELECT d.app_id,
  JSON_COMPACT(JSON_OBJECT(
    'goals_reached', CONCAT('Målene er i hovedsak nådd. ', pr.result_text, ': ', IF(d.n % 2 = 0, 'nådd', 'nesten nådd'),
                            ' (', pr.result_measure, ').'),
    'participants', pr.participants - d.n % 5,
    'activities', 'Aktivitetene gikk som planlagt fra mars til november, med midtveisevaluering i juni og en avslutning for deltakere og frivillige.',
    'accounts', JSON_ARRAY(
       JSON_OBJECT('item', 'Lokaler og leie', 'budget', d.amount - d.amount DIV 2 + 6000, 'actual', d.amount - d.amount DIV 2 + 6000),
       JSON_OBJECT('item', 'Aktiviteter, materiell og bevertning', 'budget', d.amount DIV 2 + 4000,
                   'actual', d.amount DIV 2 + 4000 - (d.amount - d.granted))),
    'unused', 0)),
  d.signer, d.t_report, d.t_report > TIMESTAMP(d.report_due, '23:00:00'), COALESCE(d.review, 'pending'),
  IF(e.at IS NULL, NULL, d.cw), e.at,
  CASE d.review WHEN 'approved' THEN 'Rapport og regnskap er godkjent. Takk for godt arbeid.'
    WHEN 'changes_asked' THEN 'Regnskapet viser ikke hvordan tilskuddet er fordelt på aktivitetene. Send en oppdatert rapport med regnskap per budsjettpost.' END,
  IF(d.review = 'approved', 0, NULL)
FROM demo_case d JOIN demo_project pr ON pr.p = d.p
LEFT JOIN demo_ev e ON e.k = d.k AND e.event IN ('approve_report', 'ask_changes')
WHERE d.reported;

-- ---- appeals: filed within the window; forwarded ones go to IMDi (a municipality's decision) or
-- to the ministry (IMDi's own) ---------------------------------------------------------------
INSERT INTO appeals (application_id, tenant_id, filed_by, filed_at, reasons, late, status, appeal_body, handled_by, handled_at,
  handled_reasons)
SELECT d.app_id, d.tenant_id, d.signer, f.at,
  IF(d.granted IS NULL,
    'Vi klager på avslaget. Tiltaket er prøvd ut med gode resultater, resultatmålene er konkrete (oppmøtelister og evaluering), og budsjettet er kontrollert av styret. Vi ber om at søknaden vurderes på nytt.',
    'Vi klager på at tilskuddet ble redusert. Utstyret i budsjettet er leie for tiltaksperioden, ikke innkjøp, og er nødvendig for aktivitetene. Vi ber om at hele søknadsbeløpet innvilges.'),
  f.at > d.appeal_deadline, IF(d.appeal = 'forwarded', 'forwarded', 'filed'),
  IF(d.appeal = 'forwarded', IF(d.municipal, 'imdi', 'ministry'), NULL),
  IF(d.appeal = 'forwarded', d.dm, NULL), h.at,
  IF(d.appeal = 'forwarded', CONCAT('Klagen har ikke fått fram nye opplysninger som endrer vurderingen. Vedtaket opprettholdes, og klagen sendes ',
     IF(d.municipal, 'til IMDi', 'til Arbeids- og inkluderingsdepartementet'), ' som klageinstans.'), NULL)
FROM demo_case d JOIN demo_ev f ON f.k = d.k AND f.event = 'appeal'
LEFT JOIN demo_ev h ON h.k = d.k AND h.event = 'appeal_forward'
ORDER BY f.at;

-- ---- change requests ------------------------------------------------------------------------
INSERT INTO change_requests (application_id, kind, description, requested_by, requested_at, status, decided_by, decided_at, response)
SELECT d.app_id, d.cr_kind,
  CASE d.cr_kind
    WHEN 'activities' THEN 'Vi ønsker å flytte fire av samlingene fra biblioteket til nærmiljøhuset, fordi biblioteket pusses opp i høst.'
    WHEN 'budget' THEN 'Vi ber om å flytte 15 000 kroner fra materiell til leie av lokaler, fordi husleien har økt.'
    ELSE 'Vi ønsker å bruke deler av tilskuddet til en studietur til Sverige for de frivillige.' END,
  d.signer, r.at, d.cr_status, IF(c.at IS NULL, NULL, d.cw), c.at,
  CASE d.cr_status
    WHEN 'approved' THEN 'Endringen godkjennes. Formålet og aktivitetene er de samme, og beløpet er uendret.'
    WHEN 'refused' THEN 'Endringen kan ikke godkjennes: tiltak som bare gjennomføres utenfor Norge, dekkes ikke av ordningen.' END
FROM demo_case d JOIN demo_ev r ON r.k = d.k AND r.event = 'change_requested'
LEFT JOIN demo_ev c ON c.k = d.k AND c.event IN ('change_approved', 'change_refused')
ORDER BY r.at;

COMMIT;

DROP TEMPORARY TABLE demo_project, demo_step, demo_tenant, demo_org, demo_dst, demo_case, demo_ev;
