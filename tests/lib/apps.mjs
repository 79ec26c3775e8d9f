// apps.mjs: helpers for tests of the applicant journey: a complete, valid draft for a call, tiny
// files of each allowed type, and creating calls with chosen rules directly in the database.
import { deflateRawSync } from 'node:zlib';

/** A draft that passes every submission rule of a call in municipality (applied = deficit = amount). */
export function validDraft({ municipality = 'Oslo', amount = 50000, subGoals = ['A'], title = 'Språkkafé for nye innbyggere', startYear = new Date().getFullYear() } = {}) {
  return {
    title,
    summary: 'Ukentlige møteplasser der innvandrere og frivillige øver norsk sammen.',
    goals: 'Flere deltar i lokalsamfunnet og snakker norsk i hverdagen.',
    adaptation: 'Tilpasset voksne kvinner og menn med ulik bakgrunn; barnepass på stedet.',
    volunteers: 'Tjue frivillige leder samtalegruppene.',
    sub_goals: subGoals,
    target_groups: ['refugees', 'local_population'],
    project_count: 1,
    result_goals: [{ text: '40 deltakere gjennomfører minst åtte samlinger', measure: 'Oppmøtelister' }],
    milestones: [{ date: '2027-03-01', text: 'Oppstart' }, { date: '2027-11-30', text: 'Avslutning og rapport' }],
    budget: {
      costs: [{ text: 'Lokaler', amount: amount / 2 + 10000 }, { text: 'Materiell', amount: amount / 2 }],
      own_contribution: 6000,
      other_funding: [{ source: 'Lokal sparebank', amount: 4000 }],
    },
    applied_amount: amount,
    period: { start_year: startYear, years: 1 },
    partners: [{ name: 'Bydel Grünerløkka', kind: 'municipality' }],
    reception_centre: { applies: false },
    children_youth: false,
    expected_participants: 40,
    location: { municipality, place: 'Biblioteket' },
    other_funding_declaration: { has_other: false },
  };
}

export const files = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  png: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1f1a1690000000049454e44ae426082', 'hex'),
  jpeg: Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'),
  exe: Buffer.from('4d5a90000300000004000000ffff0000', 'hex'),
  html: Buffer.from('<html><script>alert(1)</script></html>'),
  /** A minimal ZIP with the given entries (stored), like DOCX/XLSX/ODT/ODS. */
  zip(entries) {
    const parts = [];
    for (const [name, content] of entries) {
      const data = Buffer.from(content);
      const h = Buffer.alloc(30);
      h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt32LE(data.length, 18);
      h.writeUInt32LE(data.length, 22); h.writeUInt16LE(name.length, 26);
      parts.push(h, Buffer.from(name), data);
    }
    void deflateRawSync;
    return Buffer.concat(parts);
  },
};
files.docx = files.zip([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w:document/>']]);
files.xlsx = files.zip([['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<workbook/>']]);
files.odt = files.zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<x/>']]);
files.ods = files.zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'], ['content.xml', '<x/>']]);
files.zipOther = files.zip([['readme.txt', 'hello']]);

/** Inserts a call for tenant slug (Oslo wall-clock times 'YYYY-MM-DD HH:MM:SS'); returns its id. */
let nextYear = 2040;
export async function insertCall(stack, slug, { year = nextYear++, opens = '2020-01-01 00:00:00', deadline = '2099-12-31 23:59:00', min = 10000, max = 1000000, subGoals = 'A,B,C', oneProject = 0, required = '', business = 0 } = {}) {
  const title = `Testutlysning ${slug} ${year} ${Math.random().toString(36).slice(2, 8)}`;
  await stack.sql(`INSERT INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local, min_amount, max_amount, sub_goals, one_project, required_attachments, requires_business_register)
    SELECT t.id, s.id, ${year}, '${title}', 'Test', '${opens}', '${deadline}', ${min}, ${max}, '${subGoals}', ${oneProject}, '${required}', ${business}
    FROM tenants t, schemes s WHERE t.slug = '${slug}' AND s.code = 'frivillig-integrering'`);
  const [[id]] = await stack.sql(`SELECT id FROM calls WHERE title = '${title}'`);
  return { id: Number(id), year };
}
