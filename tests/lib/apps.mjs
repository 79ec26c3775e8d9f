// apps.mjs: helpers for tests of the applicant journey: a complete, valid draft for a call, tiny
// files of each allowed type (and fakes that only start like them), and creating calls with chosen
// rules directly in the database.
import { crc32, deflateRawSync } from 'node:zlib';

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

/** A ZIP as zip tools write it: local headers, the central directory and its end record. Each
 * entry is [name, content, { deflate, crc }] (stored unless deflate; crc overrides the true one). */
function zip(entries, { prefix = Buffer.alloc(0) } = {}) {
  const parts = [prefix], central = [];
  let offset = prefix.length;
  for (const [name, content, opts = {}] of entries) {
    const data = Buffer.from(content), stored = opts.deflate ? deflateRawSync(data) : data;
    const crc = opts.crc ?? crc32(data), method = opts.deflate ? 8 : 0, nameBuf = Buffer.from(name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(method, 8); h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(stored.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(nameBuf.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc, 16); c.writeUInt32LE(stored.length, 20); c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(nameBuf.length, 28); c.writeUInt32LE(offset, 42);
    parts.push(h, nameBuf, stored);
    central.push(c, nameBuf);
    offset += 30 + nameBuf.length + stored.length;
  }
  const cd = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

const CT = (overrides) => '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
  + overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('') + '</Types>';
const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
/** An OOXML package: [Content_Types].xml with overrides, and the parts (deflated, as Office writes them). */
const ooxml = (overrides, parts) => zip([['[Content_Types].xml', CT(overrides), { deflate: true }],
  ['_rels/.rels', '<Relationships/>', { deflate: true }], ...parts.map((p) => [p, '<x/>', { deflate: true }])]);
/** An OpenDocument file: mimetype first and stored, then content.xml. */
const odf = (type) => zip([['mimetype', type], ['content.xml', '<office:document-content/>', { deflate: true }],
  ['META-INF/manifest.xml', '<manifest:manifest/>', { deflate: true }]]);

/** Small files of each allowed type, well-formed by structure (fcgi/domain/filetype.h), and some that are not. */
export const files = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  png: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1f1a1690000000049454e44ae426082', 'hex'),
  /** 1x1 grey baseline JPEG: DQT, SOF0, two DHT, SOS, data, EOI */
  jpeg: Buffer.from('ffd8ffdb004300' + '01'.repeat(64) + 'ffc0000b080001000101011100'
    + 'ffc40014000100000000000000000000000000000000' + 'ffc40014100100000000000000000000000000000000'
    + 'ffda0008010100003f00' + '3f' + 'ffd9', 'hex'),
  exe: Buffer.from('4d5a90000300000004000000ffff0000', 'hex'),
  html: Buffer.from('<html><script>alert(1)</script></html>'),
  zip,
  /** A PDF of exactly n bytes (the trailer at its end). */
  pdfOfSize(n) {
    const head = Buffer.from('%PDF-1.4\n'), tail = Buffer.from('\n%%EOF\n');
    return Buffer.concat([head, Buffer.alloc(n - head.length - tail.length, 0x20), tail]);
  },
};
files.docx = ooxml([['/word/document.xml', DOCX_MAIN]], ['word/document.xml']);
files.xlsx = ooxml([['/xl/workbook.xml', XLSX_MAIN]], ['xl/workbook.xml']);
files.odt = odf('application/vnd.oasis.opendocument.text');
files.ods = odf('application/vnd.oasis.opendocument.spreadsheet');
files.zipOther = zip([['readme.txt', 'hello']]);
/** What only first-bytes sniffing took for these types. */
files.fakes = {
  pdfNoTrailer: Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n'),
  pngNoEnd: files.png.subarray(0, files.png.length - 12),
  jpegNoImage: Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'),
  /** local headers only, no central directory: what tests/lib/apps.mjs once sent as a DOCX */
  docxNoDirectory: zip([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w:document/>']]).subarray(0, 30 + 19 + 8 + 30 + 17 + 13),
  docxNamesOnly: ooxml([], ['word/document.xml']),
  docxMainMissing: ooxml([['/word/document.xml', DOCX_MAIN]], ['word/other.xml']),
  docm: ooxml([['/word/document.xml', 'application/vnd.ms-word.document.macroEnabled.main+xml']], ['word/document.xml']),
  docxBadCrc: zip([['[Content_Types].xml', CT([['/word/document.xml', DOCX_MAIN]]), { deflate: true, crc: 1 }], ['word/document.xml', '<x/>']]),
  odtCompressed: zip([['mimetype', 'application/vnd.oasis.opendocument.text', { deflate: true }], ['content.xml', '<x/>']]),
  odtPrefixed: zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<x/>']], { prefix: Buffer.from('MZ') }),
};

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
