import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateLinkedinExport } from './fixtures/linkedin-generate.js';
import { linkedinKindByHeader, parseLinkedin, unzipEntries } from './linkedin.js';
import {
  type ExchangeRecord,
  type ImportRecord,
  type InteractionRecord,
  NotThisFormat,
  type PersonRecord,
} from './records.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'linkedin');
const OWNER_URL = 'https://www.linkedin.com/in/camille-rousseau-7a1b2c';
const JOSE_URL = 'https://www.linkedin.com/in/jose-alvarez-4b2a91';

/** The files of a fixture folder (not its subfolders), as the app reads an unpacked export. */
const folder = (dir = FIXTURES) =>
  readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));

const people = (rs: ImportRecord[]) => rs.filter((r): r is PersonRecord => r.kind === 'person');
const interactions = (rs: ImportRecord[]) => rs.filter((r): r is InteractionRecord => r.kind === 'interaction');
const exchanges = (rs: ImportRecord[]) => rs.filter((r): r is ExchangeRecord => r.kind === 'exchange');
const count = <T>(xs: T[], key: (x: T) => string) => {
  const counts: Record<string, number> = {};
  for (const x of xs) counts[key(x)] = (counts[key(x)] ?? 0) + 1;
  return counts;
};
const csv = (text: string) => new TextEncoder().encode(text);
const messageAt = (rs: ImportRecord[], line: number) =>
  interactions(rs).find((r) => r.where.entry === 'messages.csv' && r.where.line === line) as InteractionRecord;

describe('parseLinkedin on a Connections.csv saved again by Excel', () => {
  const rows = [
    ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'],
    [
      'José',
      'Álvarez',
      'https://www.linkedin.com/in/jose-alvarez-4b2a91',
      '',
      'Acme; Inc.',
      'Head of Sales',
      '13/01/2024',
    ],
    ['Ana', 'Lima', 'https://www.linkedin.com/in/ana-lima', '', '', '', '02/03/2024'],
  ];
  const connectedOn = (bytes: Uint8Array) =>
    people(parseLinkedin([{ name: 'Connections.csv', bytes }]).records).map((p) => [
      p.name,
      p.org,
      new Date(p.connectedAt ?? 0).toISOString().slice(0, 10),
    ]);
  const expected = [
    ['José Álvarez', 'Acme; Inc.', '2024-01-13'],
    ['Ana Lima', undefined, '2024-03-02'],
  ];

  it('reads semicolons (Excel where the decimal mark is a comma), its dates day first, with or without sep=', () => {
    const text = rows.map((r) => r.map((c) => (c.includes(';') ? `"${c}"` : c)).join(';')).join('\r\n');
    expect(connectedOn(csv(text))).toEqual(expected);
    expect(connectedOn(csv(`sep=;\r\n${text}`))).toEqual(expected);
  });

  it('reads "Unicode text": UTF-16 with tabs', () => {
    const text = `\uFEFF${rows.map((r) => r.join('\t')).join('\r\n')}`;
    const utf16 = new Uint8Array(Buffer.from(text, 'utf16le'));
    expect(connectedOn(utf16)).toEqual(expected);
  });

  it('reads dates written with dots day first, and slashes month first when a date says so', () => {
    const dotted = rows.map((r, i) => (i === 0 ? r : [...r.slice(0, 6), r[6]?.replace(/\//g, '.')]));
    expect(connectedOn(csv(dotted.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n')))).toEqual(expected);
    const monthFirst = [rows[0], [...(rows[2] as string[]).slice(0, 6), '12/25/2023']] as string[][];
    expect(connectedOn(csv(monthFirst.map((r) => r.join(',')).join('\n')))).toEqual([
      ['Ana Lima', undefined, '2023-12-25'],
    ]);
  });
});

describe('parseLinkedin on the fixture export', () => {
  const result = parseLinkedin(folder(), {});

  it('reads 7 people, 12 interactions (6 out, 6 in), 8 exchanges (3 given, 5 received) and 4 issues', () => {
    expect(people(result.records)).toHaveLength(7);
    expect(count(interactions(result.records), (r) => `${r.where.entry} ${r.direction}`)).toEqual({
      'Invitations.csv out': 2,
      'Invitations.csv in': 1,
      'messages.csv out': 4,
      'messages.csv in': 5,
    });
    expect(count(exchanges(result.records), (r) => `${r.where.entry} ${r.direction}`)).toEqual({
      'Recommendations_Given.csv given': 1,
      'Recommendations_Received.csv received': 2,
      'Endorsement_Given_Info.csv given': 2,
      'Endorsement_Received_Info.csv received': 3,
    });
    expect(result.issues.map((i) => [i.entry, i.line, i.code])).toEqual([
      ['Connections.csv', 9, 'no_identity'], // the closed account: no name, no URL
      ['Invitations.csv', 5, 'bad_date'], // "someday soon"
      ['messages.csv', null, 'skipped_spam'],
      ['messages.csv', 7, 'no_identity'], // from "LinkedIn Member", no URL
    ]);
  });

  it('finds the owner as the profile in every conversation', () => {
    expect(result.ownerProfileUrl).toBe(OWNER_URL);
    expect(result.ownerName).toBe('Camille Rousseau');
  });

  it('maps a connection below the preamble, with quoted commas and accents, connected at UTC midnight', () => {
    const [jose, , francois, siobhan] = people(result.records);
    expect(jose).toEqual({
      kind: 'person',
      where: { line: 5, entry: 'Connections.csv' },
      name: 'José Álvarez',
      emails: [],
      phones: [],
      profileUrl: JOSE_URL,
      org: 'Acme, Inc.',
      title: 'Head of Sales',
      tags: [],
      connectedAt: Date.UTC(2024, 2, 12),
      // the export is as of its latest date: a recommendation received 04/02/24, 6:45 PM
      asOf: Date.UTC(2024, 3, 2, 18, 45),
    });
    expect(francois).toMatchObject({ org: 'Smith, Jones & Partners, LLP', title: 'Partner, M&A' });
    expect(francois?.connectedAt).toBe(Date.UTC(2021, 0, 5));
    expect(siobhan).toMatchObject({ name: "Siobhán O'Connor", title: 'Coach, "Leadership that lasts"' });
    expect(people(result.records).find((p) => p.name === 'Zoë Ångström')?.emails).toEqual(['zoe@nordlicht.example']);
  });

  it("threads a two-person conversation by date: each message answers the last one, a follow-up its sender's own", () => {
    // the file lists it newest first: line 3 José, 8 and 9 Camille, 10 José (the first)
    const first = messageAt(result.records, 10);
    const reply = messageAt(result.records, 9);
    const followUp = messageAt(result.records, 8);
    const answer = messageAt(result.records, 3);
    expect(first).toMatchObject({
      direction: 'in',
      channel: 'message',
      depth: 'substantive',
      at: Date.UTC(2024, 2, 13, 9, 2, 11),
    });
    expect(first.replyTo).toBeUndefined();
    expect(first.from).toEqual({ name: 'José Álvarez', profileUrl: JOSE_URL });
    expect(reply).toMatchObject({ direction: 'out', replyTo: first.externalId });
    expect(reply.from).toBeUndefined();
    expect(reply.counterparts).toEqual([{ name: 'José Álvarez', profileUrl: JOSE_URL }]);
    // Camille's second message continues her own: no second answer to José
    expect(followUp.replyTo).toBe(reply.externalId);
    expect(answer).toMatchObject({ direction: 'in', replyTo: followUp.externalId });
  });

  it('keeps quotes and line breaks of a multi-line message, and notes its first 120 characters', () => {
    const answer = messageAt(result.records, 3);
    expect(answer.note).toHaveLength(120);
    expect(answer.note).toMatch(/^Deck received, thank you! Two questions: 1\) how did you price the "pilot" tier/);
  });

  it('gives a group message every other participant, and the sender as `from`', () => {
    const zoe = { name: 'Zoë Ångström', profileUrl: 'https://www.linkedin.com/in/zoe-angstrom' };
    const francois = {
      name: 'François Müller-Lüdenscheidt',
      profileUrl: 'https://www.linkedin.com/in/francois-muller',
    };
    const opening = messageAt(result.records, 16);
    const second = messageAt(result.records, 15);
    const mine = messageAt(result.records, 14);
    expect(opening).toMatchObject({
      direction: 'in',
      counterparts: [zoe, francois],
      from: zoe,
      note: 'Offsite planning',
    });
    expect(second).toMatchObject({
      direction: 'in',
      counterparts: [francois, zoe],
      from: francois,
      replyTo: opening.externalId,
    });
    expect(mine).toMatchObject({ direction: 'out', counterparts: [zoe, francois], replyTo: second.externalId });
  });

  it('skips drafts and spam, keeps archived conversations, and uses the subject as the note', () => {
    const lines = interactions(result.records)
      .filter((r) => r.where.entry === 'messages.csv')
      .map((r) => r.where.line);
    expect(lines).not.toContain(11); // the SPAM message
    expect(lines).not.toContain(12); // the draft
    expect(messageAt(result.records, 2)).toMatchObject({ direction: 'in', note: 'Coffee in Shenzhen?' });
  });

  it('reads invitations as social touches that say who reached out', () => {
    const invitations = interactions(result.records).filter((r) => r.where.entry === 'Invitations.csv');
    expect(invitations.map((r) => [r.where.line, r.direction, r.counterparts[0]?.name, r.channel])).toEqual([
      [2, 'out', 'Tomás Herrera', 'social'],
      [3, 'in', 'Mei Chen', 'social'],
      [4, 'out', 'Priya Natarajan', 'social'],
    ]);
    expect(invitations[0]?.at).toBe(Date.UTC(2024, 2, 12, 10, 15));
    expect(invitations[1]?.from).toEqual({ name: 'Mei Chen', profileUrl: 'https://www.linkedin.com/in/mei-chen-88' });
    expect(invitations[2]?.note).toBe("Invitation: Hi Priya, great talk at PyCon, let's stay in touch!");
  });

  it('reads recommendations and endorsements as talent given and received', () => {
    const [given, receivedJose, , endorsedPriya, , endorsedByJose] = exchanges(result.records);
    expect(given).toMatchObject({ direction: 'given', category: 'talent', person: { name: 'Zoë Ångström' } });
    expect(given?.note).toMatch(/^Recommendation: Zoë is the rare CTO/);
    expect(given?.note).toHaveLength('Recommendation: '.length + 120);
    expect(given?.at).toBe(Date.UTC(2024, 1, 20, 11, 3));
    expect(receivedJose).toMatchObject({ direction: 'received', at: Date.UTC(2024, 3, 2, 18, 45) });
    expect(endorsedPriya).toMatchObject({
      direction: 'given',
      note: 'Endorsed Python',
      person: { name: 'Priya Natarajan', profileUrl: 'www.linkedin.com/in/priya-natarajan' },
    });
    expect(endorsedByJose).toMatchObject({
      direction: 'received',
      note: 'Endorsed Negotiation',
      person: { name: 'José Álvarez' },
    });
  });

  it('gives the same external ids on a re-parse, all distinct', () => {
    const again = parseLinkedin(folder(), {});
    const ids = (rs: ImportRecord[]) => rs.flatMap((r) => (r.kind === 'person' ? [] : [r.externalId]));
    expect(ids(again.records)).toEqual(ids(result.records));
    expect(new Set(ids(result.records)).size).toBe(ids(result.records).length);
  });

  it('turns the directions around when told the owner is someone else', () => {
    const asJose = parseLinkedin(folder(), { ownerProfileUrl: JOSE_URL });
    expect(asJose.ownerProfileUrl).toBe(JOSE_URL);
    expect(asJose.ownerName).toBe('José Álvarez');
    expect(messageAt(asJose.records, 10).direction).toBe('out');
    expect(messageAt(asJose.records, 9)).toMatchObject({
      direction: 'in',
      counterparts: [{ name: 'Camille Rousseau', profileUrl: OWNER_URL }],
    });
  });
});

describe('parseLinkedin on a zip', () => {
  const files = Object.fromEntries(
    folder().map((f) => [`Basic_LinkedInDataExport_03-18-2024/${f.name}`, f.bytes] as const),
  );
  const zip = zipSync({
    ...files,
    'Basic_LinkedInDataExport_03-18-2024/Profile Summary.txt': csv('not a csv'),
    '__MACOSX/Basic_LinkedInDataExport_03-18-2024/._Connections.csv': new Uint8Array([0, 5, 22, 7, 0, 2]),
  });

  it('unzips only the CSV entries, macOS resource forks left out', () => {
    expect(
      unzipEntries(zip)
        .map((e) => e.name)
        .sort(),
    ).toEqual(Object.keys(files).sort());
  });

  it('reads the same records as the folder, with the entry path as where', () => {
    const fromZip = parseLinkedin(unzipEntries(zip), {});
    const fromFolder = parseLinkedin(folder(), {});
    const strip = (rs: ImportRecord[]) =>
      rs.map((r) => ({ ...r, where: { ...r.where, entry: r.where.entry?.replace(/^.*\//, '') } }));
    expect(strip(fromZip.records)).toEqual(strip(fromFolder.records));
    expect(fromZip.records[0]?.where.entry).toBe('Basic_LinkedInDataExport_03-18-2024/Connections.csv');
    expect(fromZip.issues).toHaveLength(4);
  });

  it('refuses what is not a zip, or a broken one', () => {
    expect(() => unzipEntries(csv('First Name,Last Name\n'))).toThrow(NotThisFormat);
    expect(() => unzipEntries(zip.subarray(0, 40))).toThrow(NotThisFormat);
  });
});

describe('parseLinkedin on odd inputs', () => {
  it('reads an older Connections.csv without URL and without preamble', () => {
    const older = parseLinkedin(folder(join(FIXTURES, 'older-export')), {});
    expect(people(older.records).map((p) => [p.where.line, p.name, p.profileUrl, p.org])).toEqual([
      [2, 'Hélène Dubois', undefined, 'Dubois, Fils et Cie'],
      [3, 'Ravi Shankar', undefined, 'Wipro'],
      [5, 'Jörg Schäfer', undefined, 'Siemens AG'],
    ]);
    expect(people(older.records)[0]?.emails).toEqual(['helene.dubois@example.fr']);
    expect(older.issues.map((i) => [i.line, i.code])).toEqual([[4, 'no_identity']]);
    expect(older.ownerProfileUrl).toBeUndefined();
  });

  it('reports a file with an unexpected header and still reads the others', () => {
    const files = [
      ...folder().filter((f) => f.name !== 'messages.csv'),
      { name: 'messages.csv', bytes: csv('Conversation,Who,When\nx,y,z\n') },
    ];
    const r = parseLinkedin(files, {});
    expect(r.issues.filter((i) => i.code === 'unexpected_header')).toEqual([
      expect.objectContaining({ entry: 'messages.csv', line: null }),
    ]);
    expect(people(r.records)).toHaveLength(7);
    expect(interactions(r.records).every((i) => i.where.entry === 'Invitations.csv')).toBe(true);
    // invitations still say who the owner is
    expect(r.ownerProfileUrl).toBe(OWNER_URL);
  });

  it('says an empty file is empty (not that its header is wrong), and still reads the others', () => {
    for (const text of ['', '\r\n\r\n', '\uFEFF']) {
      const files = [...folder().filter((f) => f.name !== 'messages.csv'), { name: 'messages.csv', bytes: csv(text) }];
      const r = parseLinkedin(files, {});
      expect(r.issues).toEqual([
        { line: null, entry: 'messages.csv', code: 'empty', message: 'the file is empty; it was skipped' },
        expect.objectContaining({ entry: 'Connections.csv', code: 'no_identity' }),
        expect.objectContaining({ entry: 'Invitations.csv', code: 'bad_date' }),
      ]);
      expect(people(r.records)).toHaveLength(7);
    }
  });

  it('reports a binary file in place of a CSV beside a readable one', () => {
    const r = parseLinkedin(
      [
        { name: 'Connections.csv', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) },
        { name: 'Invitations.csv', bytes: csv('From,To,Sent At,Message,Direction\n') },
      ],
      {},
    );
    expect(r.issues).toEqual([expect.objectContaining({ code: 'bad_encoding', entry: 'Connections.csv' })]);
  });

  it('refuses an export none of whose files LinkedIn could have written, naming each', () => {
    const png = { name: 'Connections.csv', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) };
    const vcard = { name: 'messages.csv', bytes: csv('BEGIN:VCARD\nFN:Ann\nEND:VCARD\n') };
    expect(() => parseLinkedin([png, vcard], {})).toThrow(NotThisFormat);
    expect(() => parseLinkedin([png, vcard], {})).toThrow(
      /Connections\.csv is not text; messages\.csv has no header with the columns CONVERSATION ID, FROM, DATE, CONTENT/,
    );
  });

  it('takes a message after three weeks of silence in a conversation as starting an exchange, not answering', () => {
    const me = 'https://www.linkedin.com/in/nora-lind';
    const pat = 'https://www.linkedin.com/in/pat-lee';
    const row = (from: string, url: string, to: string, toUrl: string, at: string, text: string) =>
      `p1,,${from},${url},${to},${toUrl},${at} UTC,,${text},INBOX`;
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
      row('Nora Lind', me, 'Pat Lee', pat, '2024-01-10 09:00:00', 'Hi Pat'),
      row('Pat Lee', pat, 'Nora Lind', me, '2024-01-10 10:00:00', 'Hi!'),
      row('Pat Lee', pat, 'Nora Lind', me, '2024-03-20 09:00:00', 'Long time! Coffee?'),
      row('Nora Lind', me, 'Pat Lee', pat, '2024-03-20 11:00:00', 'Sure'),
      row('Nora Lind', me, 'Pat Lee', pat, '2024-04-30 09:00:00', 'How was the trip?'),
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerProfileUrl: me });
    const [hi, answer, later, sure, after] = interactions(r.records);
    expect(answer?.replyTo).toBe(hi?.externalId);
    // 70 days after: Pat starts anew; the user's answer to it answers it; 41 days after: anew
    expect(later?.replyTo).toBeUndefined();
    expect(sure?.replyTo).toBe(later?.externalId);
    expect(after?.replyTo).toBeUndefined();
  });

  it('reads group recipients whose profile URLs are separated by semicolons, with or without a space', () => {
    const me = 'https://www.linkedin.com/in/me-myself';
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
      `a2,,Me Myself,${me},"Kay Lo,Max Mu",https://www.linkedin.com/in/kaylo; https://www.linkedin.com/in/maxmu,2024-01-02 10:00:00 UTC,,group,INBOX`,
      `a2,,Kay Lo,https://www.linkedin.com/in/kaylo,"Me Myself,Max Mu",${me};https://www.linkedin.com/in/maxmu,2024-01-02 11:00:00 UTC,,re,INBOX`,
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerProfileUrl: me });
    expect(interactions(r.records).map((m) => m.counterparts)).toEqual([
      [
        { name: 'Kay Lo', profileUrl: 'https://www.linkedin.com/in/kaylo' },
        { name: 'Max Mu', profileUrl: 'https://www.linkedin.com/in/maxmu' },
      ],
      [
        { name: 'Kay Lo', profileUrl: 'https://www.linkedin.com/in/kaylo' },
        { name: 'Max Mu', profileUrl: 'https://www.linkedin.com/in/maxmu' },
      ],
    ]);
  });

  it('leaves out company pages’ sponsored messages, and says a closed account is the other party unknown', () => {
    const me = 'https://www.linkedin.com/in/sam-roe';
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
      `c1,,Acme Ads,https://www.linkedin.com/company/acme-ads,Sam Roe,${me},2024-04-01 10:00:00 UTC,Sponsored: try Acme,Buy,INBOX`,
      `c2,,LinkedIn Member,,Sam Roe,${me},2024-04-02 10:00:00 UTC,,Hello,INBOX`,
      `c3,,Kim Lee,https://www.linkedin.com/in/kim-lee,Sam Roe,${me},2024-04-03 10:00:00 UTC,,Hi,INBOX`,
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerProfileUrl: me });
    expect(interactions(r.records).map((m) => m.counterparts)).toEqual([
      [{ name: 'Kim Lee', profileUrl: 'https://www.linkedin.com/in/kim-lee' }],
    ]);
    expect(r.issues.map((i) => [i.line, i.code, i.message])).toEqual([
      [null, 'skipped_sponsored', '1 message from or to company pages (sponsored) was not imported'],
      [3, 'no_identity', 'a message whose other party is unknown (a closed account, "LinkedIn Member"); skipped'],
    ]);
  });

  it('in a group: credits nobody with a closed account’s message, and each answer to the user’s question', () => {
    const me = 'https://www.linkedin.com/in/ann-owner';
    const bob = 'https://www.linkedin.com/in/bob-baker';
    const carla = 'https://www.linkedin.com/in/carla-diaz';
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
      `g1,,Ann Owner,${me},"Bob Baker,Carla Díaz","${bob},${carla}",2024-05-01 09:00:00 UTC,,Which date?,INBOX`,
      `g1,,Carla Díaz,${carla},"Ann Owner,Bob Baker","${me},${bob}",2024-05-01 10:00:00 UTC,,Tuesday,INBOX`,
      `g1,,LinkedIn Member,,"Ann Owner,Bob Baker,Carla Díaz","${me},${bob},${carla}",2024-05-01 11:00:00 UTC,,Me too,INBOX`,
      `g1,,Bob Baker,${bob},"Ann Owner,Carla Díaz","${me},${carla}",2024-05-01 12:00:00 UTC,,Tuesday too,INBOX`,
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerProfileUrl: me });
    const [question, fromCarla, fromBob] = interactions(r.records);
    expect(interactions(r.records)).toHaveLength(3);
    expect(fromCarla?.replyTo).toBe(question?.externalId);
    // Bob answers the user's question, not Carla's answer to it
    expect(fromBob).toMatchObject({ direction: 'in', from: { profileUrl: bob }, replyTo: question?.externalId });
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([[4, 'no_identity']]);
  });

  it('takes a message following its sender’s own for a continuation of it, not a second answer to the user', () => {
    const me = 'https://www.linkedin.com/in/ann-owner';
    const alice = 'https://www.linkedin.com/in/alice-anders';
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
      `a,,Alice Anders,${alice},Ann Owner,${me},2023-05-04 10:00:00 UTC,,one more thing,INBOX`,
      `a,,Alice Anders,${alice},Ann Owner,${me},2023-05-01 11:00:00 UTC,,sure,INBOX`,
      `a,,Ann Owner,${me},Alice Anders,${alice},2023-05-01 10:00:00 UTC,,question?,INBOX`,
      `a,,Ann Owner,${me},Alice Anders,${alice},2023-05-06 10:00:00 UTC,,thanks,INBOX`,
      `a,,Ann Owner,${me},Alice Anders,${alice},2023-05-06 10:05:00 UTC,,and see you,INBOX`,
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerProfileUrl: me });
    const byNote = new Map(interactions(r.records).map((m) => [m.note, m]));
    const id = (note: string) => byNote.get(note)?.externalId;
    expect(byNote.get('question?')?.replyTo).toBeUndefined();
    expect(byNote.get('sure')?.replyTo).toBe(id('question?'));
    // three days later, unprompted: it continues Alice's own answer
    expect(byNote.get('one more thing')?.replyTo).toBe(id('sure'));
    expect(byNote.get('thanks')?.replyTo).toBe(id('one more thing'));
    expect(byNote.get('and see you')?.replyTo).toBe(id('thanks'));
  });

  it('reads TO names beside a closed account’s empty URL place, and names with a suffix after a comma', () => {
    const me = 'https://www.linkedin.com/in/ann-owner';
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
      `g1,,Ann Owner,${me},"Zoe Zed,LinkedIn Member","https://www.linkedin.com/in/zoe-zed,",2024-05-01 09:00:00 UTC,,Hi both,INBOX`,
      `g2,,Ann Owner,${me},"LinkedIn Member,Zoe Zed",https://www.linkedin.com/in/zoe-zed,2024-05-02 09:00:00 UTC,,Hi again,INBOX`,
      `g3,,Ann Owner,${me},"Martin Luther King, Jr.,Carla Díaz","https://www.linkedin.com/in/mlk,https://www.linkedin.com/in/carla-diaz",2024-05-03 09:00:00 UTC,,Hello,INBOX`,
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerProfileUrl: me });
    expect(interactions(r.records).map((m) => m.counterparts.map((c) => c.name))).toEqual([
      ['Zoe Zed'],
      ['Zoe Zed'],
      ['Martin Luther King, Jr.', 'Carla Díaz'],
    ]);
  });

  it('leaves out the user’s answer to a company page, and drafts that only their folder marks', () => {
    const me = 'https://www.linkedin.com/in/ann-owner';
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
      `s1,Sponsored,Acme Cloud,https://www.linkedin.com/company/acme-cloud,Ann Owner,${me},2024-05-01 09:00:00 UTC,Try Acme,Free,INBOX`,
      `s1,Sponsored,Ann Owner,${me},Acme Cloud,https://www.linkedin.com/company/acme-cloud,2024-05-01 10:00:00 UTC,,No thanks,INBOX`,
      `c1,,Ann Owner,${me},Bob Baker,https://www.linkedin.com/in/bob-baker,2024-05-01 10:00:00 UTC,,Hi Bob,INBOX`,
      `c1,,Ann Owner,${me},Bob Baker,https://www.linkedin.com/in/bob-baker,2024-05-10 10:00:00 UTC,,Following up,DRAFT`,
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerProfileUrl: me });
    expect(interactions(r.records).map((m) => m.note)).toEqual(['Hi Bob']);
    expect(r.issues.map((i) => i.message)).toEqual([
      '2 messages from or to company pages (sponsored) were not imported',
    ]);
  });

  it('finds the owner by name in an export without profile URLs, and pairs names when URLs are missing', () => {
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,TO,DATE,SUBJECT,CONTENT,FOLDER',
      'c1,,Kim Lee,Sam Roe,2019-02-01 10:00:00 UTC,,Hi Sam,INBOX',
      'c1,,Sam Roe,Kim Lee,2019-02-01 11:00:00 UTC,,Hi Kim,INBOX',
      'c2,,Ola Nordmann,Sam Roe,2019-03-01 09:00:00 UTC,,Hei,INBOX',
    ].join('\n');
    // a profile remembered from a newer export cannot be found in one without URLs: guessed by name
    const remembered = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], {
      ownerProfileUrl: 'https://www.linkedin.com/in/sam-roe',
    });
    expect(interactions(remembered.records)).toHaveLength(3);
    expect(remembered.ownerName).toBe('Sam Roe');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], {});
    expect(r.ownerName).toBe('Sam Roe');
    expect(interactions(r.records).map((m) => [m.direction, m.counterparts])).toEqual([
      ['in', [{ name: 'Kim Lee' }]],
      ['out', [{ name: 'Kim Lee' }]],
      ['in', [{ name: 'Ola Nordmann' }]],
    ]);
  });

  it('finds the owner in an export that gives senders’ profiles but names recipients only', () => {
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER',
      'c1,,Sam Roe,https://www.linkedin.com/in/sam-roe,Kim Lee,2019-02-01 10:00:00 UTC,,Hi Kim,INBOX',
      'c1,,Kim Lee,https://www.linkedin.com/in/kim-lee,Sam Roe,2019-02-01 11:00:00 UTC,,Hi Sam,INBOX',
      'c2,,Sam Roe,https://www.linkedin.com/in/sam-roe,Ola Nordmann,2019-03-01 09:00:00 UTC,,Hei,INBOX',
      'c2,,Ola Nordmann,https://www.linkedin.com/in/ola-n,Sam Roe,2019-03-01 12:00:00 UTC,,Hei hei,INBOX',
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], {});
    expect(r.ownerProfileUrl).toBe('https://www.linkedin.com/in/sam-roe');
    expect(r.ownerGuess).toEqual({ certain: true });
    expect(interactions(r.records).map((m) => [m.direction, m.counterparts.map((c) => c.name)])).toEqual([
      ['out', ['Kim Lee']],
      ['in', ['Kim Lee']],
      ['out', ['Ola Nordmann']],
      ['in', ['Ola Nordmann']],
    ]);
  });

  it('imports no message when others fit the owner as well, says so, and imports them once the owner is given', () => {
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
      'c1,,Alice Wong,https://www.linkedin.com/in/alice,Me Myself,https://www.linkedin.com/in/me-myself,2024-02-01 10:00:00 UTC,,Hi,INBOX',
      'c1,,Alice Wong,https://www.linkedin.com/in/alice,Me Myself,https://www.linkedin.com/in/me-myself,2024-02-01 10:05:00 UTC,,Still there?,INBOX',
      'c1,,Me Myself,https://www.linkedin.com/in/me-myself,Alice Wong,https://www.linkedin.com/in/alice,2024-02-01 12:00:00 UTC,,Yes,INBOX',
    ].join('\n');
    const unsure = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], {});
    expect(interactions(unsure.records)).toEqual([]);
    expect(unsure.ownerProfileUrl).toBeUndefined();
    expect(unsure.issues).toEqual([
      expect.objectContaining({
        code: 'owner_unknown',
        entry: 'messages.csv',
        message: expect.stringContaining('--me'),
      }),
    ]);
    const given = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], {
      ownerProfileUrl: 'https://www.linkedin.com/in/me-myself',
    });
    expect(interactions(given.records).map((m) => m.direction)).toEqual(['in', 'in', 'out']);
    expect(given.ownerGuess).toBeUndefined();
  });

  it('takes the owner by the name given in an export without profile URLs, and by its profile in one with them', () => {
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,TO,DATE,SUBJECT,CONTENT,FOLDER',
      'a,,Me Myself,Alice Anders,2020-01-01 10:00:00 UTC,,hi alice,SENT',
    ].join('\n');
    const unsure = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], {});
    expect(unsure.issues.map((i) => i.message)).toEqual([
      '1 message was not imported: the export does not show which participant is you; import again with --me "YOUR NAME", as the export writes it (it names people without profile URLs)',
    ]);
    const named = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerName: 'me  myself' });
    expect(interactions(named.records).map((m) => [m.direction, m.counterparts])).toEqual([
      ['out', [{ name: 'Alice Anders' }]],
    ]);
    expect([named.ownerName, named.ownerGuess, named.issues]).toEqual(['me  myself', undefined, []]);
    // a name that is in no conversation
    const absent = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerName: 'Someone Else' });
    expect(absent.issues.map((i) => i.message)).toEqual([
      '1 message was not imported: your name (Someone Else) takes part in none of the conversations; import again with --me "YOUR NAME", as the export writes it (it names people without profile URLs)',
    ]);
    // with URLs: the profile the name sends from
    const withUrls = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
      'c1,,Alice Wong,https://www.linkedin.com/in/alice,Me Myself,https://www.linkedin.com/in/me-myself,2024-02-01 10:00:00 UTC,,Hi,INBOX',
      'c1,,Me Myself,https://www.linkedin.com/in/me-myself,Alice Wong,https://www.linkedin.com/in/alice,2024-02-01 12:00:00 UTC,,Yes,INBOX',
    ].join('\n');
    const byName = parseLinkedin([{ name: 'messages.csv', bytes: csv(withUrls) }], { ownerName: 'Me Myself' });
    expect([byName.ownerProfileUrl, byName.ownerGuess]).toEqual(['https://www.linkedin.com/in/me-myself', undefined]);
    expect(interactions(byName.records).map((m) => m.direction)).toEqual(['in', 'out']);
  });

  it('imports no message when the profile given takes part in none of the conversations', () => {
    const text = [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
      'c1,,Camille R,https://www.linkedin.com/in/camille,José P,https://www.linkedin.com/in/jose,2024-02-01 10:00:00 UTC,,Hola,INBOX',
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], {
      ownerProfileUrl: 'https://www.linkedin.com/in/someone-else',
    });
    expect(interactions(r.records)).toEqual([]);
    expect(r.ownerProfileUrl).toBeUndefined();
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'owner_unknown', message: expect.stringContaining('takes part in none') }),
    ]);
  });

  it('knows a renamed export file by its header, unless two files share it', () => {
    const connections = csv(
      'Notes:\n"When exporting your connection data, some email addresses may be missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,L,u1,,,,12 Mar 2024\n',
    );
    expect(linkedinKindByHeader(connections)).toBe('connections');
    expect(linkedinKindByHeader(csv('CONVERSATION ID,FROM,TO,DATE,CONTENT\n'))).toBe('messages');
    // Recommendations_Given.csv and Recommendations_Received.csv have the same columns
    expect(linkedinKindByHeader(csv('First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n'))).toBe(
      undefined,
    );
    expect(linkedinKindByHeader(csv('name,phone\nfoo,1\n'))).toBe(undefined);
    expect(linkedinKindByHeader(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toBe(undefined);
  });

  it('reads a company or position typed over several lines as one line', () => {
    const text =
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nAda,L,u1,,"Acme\r\nLabs","Head of\r\n  Research ",12 Mar 2024\r\n';
    const r = parseLinkedin([{ name: 'Connections.csv', bytes: csv(text) }], {});
    expect(people(r.records)).toEqual([expect.objectContaining({ org: 'Acme Labs', title: 'Head of Research' })]);
  });

  it('reads a UTF-8 Connections.csv with a stray byte at its end as UTF-8, names intact, and says so', () => {
    const one = readFileSync(join(FIXTURES, 'Connections.csv'));
    const r = parseLinkedin([{ name: 'Connections.csv', bytes: Buffer.concat([one, Buffer.from([0xff, 0x0a])]) }], {});
    expect(people(r.records).map((p) => p.name)).toEqual(
      people(parseLinkedin([{ name: 'Connections.csv', bytes: one }], {}).records).map((p) => p.name),
    );
    expect(r.issues.filter((i) => i.code !== 'no_identity').map((i) => [i.code, i.message])).toEqual([
      ['bad_encoding', '1 byte is not UTF-8 text (damaged, or something glued on); read as \uFFFD, the rest as UTF-8'],
      ['binary_data', 'the row holds binary data (control characters, bytes that are not text); skipped'],
    ]);
  });

  it('makes nobody of a Connections.csv joined to itself: its notes and header again are skipped and said', () => {
    const one = readFileSync(join(FIXTURES, 'Connections.csv'), 'utf8');
    const r = parseLinkedin([{ name: 'Connections.csv', bytes: csv(one + one) }], {});
    const names = people(r.records).map((p) => p.name);
    expect(new Set(names)).toEqual(
      new Set(people(parseLinkedin([{ name: 'Connections.csv', bytes: csv(one) }], {}).records).map((p) => p.name)),
    );
    expect(names.some((n) => /Notes|First Name|exporting/.test(n ?? ''))).toBe(false);
    const lines = one.split('\n').length - 1;
    expect(r.issues.filter((i) => i.code === 'repeated_header').map((i) => i.line)).toEqual([
      lines + 1,
      lines + 2,
      lines + 4,
    ]);
  });

  it('skips and says a row with more values than the header (a comma outside quotes), a draft or spam folder shifted out of place', () => {
    const header = readFileSync(join(FIXTURES, 'messages.csv'), 'utf8').split('\n')[0] as string;
    const a = 'https://www.linkedin.com/in/alice-a';
    const text = [
      header,
      `c1,,Alice A,${a},Camille Rousseau,${OWNER_URL},2024-01-01 10:00:00 UTC,,Hello,INBOX,,No,No`,
      `c2,,Camille Rousseau,${OWNER_URL},Alice A,${a},2024-01-02 11:00:00 UTC,,draft, unfinished,DRAFT,,Yes,No`,
      '',
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerProfileUrl: OWNER_URL });
    expect(interactions(r.records).map((i) => i.note)).toEqual(['Hello']);
    expect(r.issues.map((i) => [i.line, i.code, i.dropped])).toEqual([[3, 'extra_fields', true]]);
    expect(r.issues[0]?.message).toBe(
      'the row has 14 values where the header has 13 columns (a comma outside quotes?), so its values cannot be told apart; skipped',
    );
  });

  it('skips only the connection a stray quote breaks and imports the valid ones after it, with or without the notes above the header, in a short file or a long one', () => {
    const url = 'https://www.linkedin.com/in';
    const notes = 'Notes:\n"When exporting your connection data, some email addresses may be missing."\n\n';
    const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
    const rows = [
      `Al,One,${url}/al-one,,"Foo,CEO,01 Jan 2023`,
      `Bea,Two,${url}/bea-two,,Bar,CTO,01 Jan 2023`,
      `Cy,Three,${url}/cy-three,,"Baz, Ltd",CEO,01 Jan 2023`,
      `Di,Four,${url}/di-four,,Qux,CEO,01 Jan 2023`,
    ];
    for (const preamble of ['', notes])
      for (const extra of [0, 80]) {
        const more = Array.from({ length: extra }, (_, i) => `E${i},Extra,${url}/e${i},,"Co, ${i}",CEO,01 Jan 2023`);
        const text = `${preamble}${header}\n${[...rows, ...more].join('\n')}\n`;
        const r = parseLinkedin([{ name: 'Connections.csv', bytes: csv(text) }], {});
        const first = preamble ? 5 : 2;
        expect(r.issues.map((i) => [i.line, i.code, i.message])).toEqual([
          [first, 'bad_csv_record', 'malformed CSV record (a stray quote at the start of a value); it was skipped'],
        ]);
        const made = people(r.records);
        expect(made.slice(0, 3).map((p) => [p.name, p.org, p.where.line])).toEqual([
          ['Bea Two', 'Bar', first + 1],
          ['Cy Three', 'Baz, Ltd', first + 2],
          ['Di Four', 'Qux', first + 3],
        ]);
        expect(made).toHaveLength(3 + extra);
      }
  });

  it('skips only the message a stray quote breaks, its neighbours’ text over several lines read whole', () => {
    const header =
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER';
    const a = 'https://www.linkedin.com/in/alice-a';
    const row = (i: number, content: string) =>
      `c${i},,Alice A,${a},Camille Rousseau,${OWNER_URL},2024-01-0${i} 10:00:00 UTC,,${content},INBOX`;
    for (const extra of [0, 80]) {
      const more = Array.from({ length: extra }, (_, i) => row(6, `"more ${i}\nover two lines"`));
      const text = [
        header,
        row(1, '"first\nover two lines"'),
        row(2, '"broken, never closed'),
        row(3, '"third, ""quoted""\n\nafter a blank line"'),
        row(4, 'plain'),
        ...more,
        '',
      ].join('\n');
      const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerProfileUrl: OWNER_URL });
      expect(r.issues.map((i) => [i.line, i.message])).toEqual([
        [4, 'malformed CSV record (a stray quote at the start of a value); it was skipped'],
      ]);
      const got = interactions(r.records);
      expect(got.slice(0, 3).map((i) => [i.where.line, i.note])).toEqual([
        [2, 'first over two lines'],
        [5, 'third, "quoted" after a blank line'],
        [8, 'plain'],
      ]);
      expect(got).toHaveLength(3 + extra);
    }
  });

  it('keeps a connection whose date cannot be read, without the date, and says so with the line', () => {
    const text =
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,L,u1,,,,12 Foo 2024\nBo,M,u2,,,,2024-02-30\nCy,N,u3,,,,\n';
    const r = parseLinkedin([{ name: 'Connections.csv', bytes: csv(text) }], {});
    expect(r.issues.map((i) => [i.line, i.code, i.message])).toEqual([
      [2, 'bad_date', 'Connected On "12 Foo 2024" is not a date; kept without it'],
      [3, 'bad_date', 'Connected On "2024-02-30" is not a date; kept without it'],
    ]);
    expect(people(r.records)).toEqual([
      expect.objectContaining({ name: 'Ada L', connectedAt: undefined }),
      expect.objectContaining({ name: 'Bo M', connectedAt: undefined }),
      expect.objectContaining({ name: 'Cy N', connectedAt: undefined }),
    ]);
  });

  it('gives a recommendation the same id when a newer export gives its author another name', () => {
    const rec = (last: string) =>
      parseLinkedin(
        [
          {
            name: 'Recommendations_Received.csv',
            bytes: csv(
              [
                'First Name,Last Name,Company,Job Title,Text,Creation Date,Status',
                `Ana,${last},Acme,Partner,"Nora closed the Lisbon deal.","05/02/24, 6:45 PM",VISIBLE`,
              ].join('\n'),
            ),
          },
        ],
        {},
      ).records[0] as ExchangeRecord;
    expect(rec('Souza Lima').externalId).toBe(rec('Souza').externalId);
    expect(rec('Souza Lima').formerIds).not.toEqual(rec('Souza').formerIds);
  });

  it('takes the skills one person endorsed on one day as one exchange, whichever release stored them', () => {
    const endorsed = [
      'Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status',
      '2024-01-01 10:00:07 UTC,SQL,Cy,N,www.linkedin.com/in/cy,ACCEPTED',
      '2024-01-01 10:00:01 UTC,Python,Cy,N,www.linkedin.com/in/cy,ACCEPTED',
      '2024-01-01 10:00:12 UTC,SQL,Cy,N,www.linkedin.com/in/cy,ACCEPTED',
      '2024-01-01 10:00:15 UTC,Go,Cy,N,www.linkedin.com/in/cy,ACCEPTED',
      '2024-01-01 11:00:00 UTC,SQL,Di,M,www.linkedin.com/in/di,ACCEPTED',
      '2024-03-05 09:00:00 UTC,Leadership,Cy,N,www.linkedin.com/in/cy,ACCEPTED',
    ].join('\n');
    const r = parseLinkedin([{ name: 'Endorsement_Received_Info.csv', bytes: csv(endorsed) }], {});
    const [cy, di, later] = exchanges(r.records);
    expect(exchanges(r.records)).toHaveLength(3);
    expect(cy).toMatchObject({
      where: { line: 2 },
      direction: 'received',
      category: 'talent',
      at: Date.UTC(2024, 0, 1, 10, 0, 1),
      note: 'Endorsed SQL, Python and Go',
      person: { name: 'Cy N' },
    });
    // an earlier release stored each row on its own: any of them stored means this day is
    expect(cy?.formerIds).toHaveLength(4);
    expect([di?.note, later?.note]).toEqual(['Endorsed SQL', 'Endorsed Leadership']);
  });

  it('reports odd rows of invitations, recommendations and endorsements, and keeps ids of exact duplicates apart', () => {
    const invitations = [
      'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl',
      'Me,Ann,"1/2/24, 9:00 AM",,SIDEWAYS,u0,u1',
      'Me,,"1/2/24, 9:00 AM",,OUTGOING,u0,',
    ].join('\n');
    const recommendations = [
      'First Name,Last Name,Company,Job Title,Text,Creation Date,Status',
      ',,X,Y,Great,2024-01-01,VISIBLE',
      'Bo,M,X,Y,Great,not a date,VISIBLE',
      'Bo,M,X,Y,Great,2024-01-01,VISIBLE',
      'Bo,M,X,Y,Great,2024-01-01,VISIBLE',
    ].join('\n');
    const endorsed = [
      'Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status',
      '2024-01-01 10:00:00 UTC,SQL,,,,ACCEPTED',
      'last week,SQL,Cy,N,,ACCEPTED',
      '2024-01-01 10:00:00 UTC,SQL,Cy,N,,ACCEPTED',
    ].join('\n');
    const r = parseLinkedin(
      [
        { name: 'Invitations.csv', bytes: csv(invitations) },
        { name: 'Recommendations_Received.csv', bytes: csv(recommendations) },
        { name: 'Endorsement_Received_Info.csv', bytes: csv(endorsed) },
      ],
      {},
    );
    expect(r.issues.map((i) => [i.entry, i.line, i.code])).toEqual([
      ['Invitations.csv', 2, 'bad_direction'],
      ['Invitations.csv', 3, 'no_identity'],
      ['Recommendations_Received.csv', 2, 'no_identity'],
      ['Recommendations_Received.csv', 3, 'bad_date'],
      ['Endorsement_Received_Info.csv', 2, 'no_identity'],
      ['Endorsement_Received_Info.csv', 3, 'bad_date'],
    ]);
    const [first, second] = exchanges(r.records);
    expect(second?.externalId).toBe(`${first?.externalId}~2`);
  });

  it('pairs recipient names with URLs by position only when the counts agree', () => {
    const text = [
      'CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT',
      // one URL and a name holding a comma: the whole TO is that person's name
      'c1,Me,https://li/in/me,"Smith, Jane",https://li/in/jane,2024-01-01 10:00:00 UTC,hi',
      // three names for two URLs: the URLs alone
      'c2,Me,https://li/in/me,"A,B,C","https://li/in/a,https://li/in/b",2024-01-02 10:00:00 UTC,hi all',
      'c3,Me,https://li/in/me,Dee,https://li/in/dee,2024-01-03 10:00:00 UTC,yo',
    ].join('\n');
    const r = parseLinkedin([{ name: 'messages.csv', bytes: csv(text) }], { ownerProfileUrl: 'https://li/in/me' });
    expect(interactions(r.records).map((m) => [m.direction, m.counterparts])).toEqual([
      ['out', [{ name: 'Smith, Jane', profileUrl: 'https://li/in/jane' }]],
      ['out', [{ profileUrl: 'https://li/in/a' }, { profileUrl: 'https://li/in/b' }]],
      ['out', [{ name: 'Dee', profileUrl: 'https://li/in/dee' }]],
    ]);
    expect(r.ownerName).toBe('Me');
  });

  it('refuses a set of files with no LinkedIn file among them', () => {
    expect(() => parseLinkedin([{ name: 'contacts.csv', bytes: csv('a,b\n') }], {})).toThrow(NotThisFormat);
    expect(() => parseLinkedin([], {})).toThrow(/not a LinkedIn export/);
  });

  it('never throws on random bytes or CSV-ish text in its files', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        '"',
        ',',
        '\n',
        '\r\n',
        'First Name,Last Name,URL,Connected On\n',
        'CONVERSATION ID,FROM,DATE,CONTENT\n',
        '12 Mar 2024',
        'UTC',
      ),
    );
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.array(piece, { maxLength: 40 }).map((p) => csv(p.join(''))),
    );
    const name = fc.constantFrom(
      'Connections.csv',
      'messages.csv',
      'Invitations.csv',
      'Endorsement_Received_Info.csv',
      'x/Recommendations_Given.csv',
    );
    fc.assert(
      fc.property(fc.array(fc.record({ name, bytes: content }), { minLength: 1, maxLength: 4 }), (files) => {
        try {
          expect(Array.isArray(parseLinkedin(files, {}).records)).toBe(true);
        } catch (err) {
          // none of the files has its header: the export is refused, with a sentence
          expect(err).toBeInstanceOf(NotThisFormat);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses random bytes as a zip only with NotThisFormat', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, pk) => {
        const input = pk ? new Uint8Array([0x50, 0x4b, 3, 4, ...bytes]) : bytes;
        try {
          expect(Array.isArray(unzipEntries(input))).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(NotThisFormat);
        }
      }),
    );
  });
});

describe('generateLinkedinExport', () => {
  it('makes an export that parses without issues, with one person per row', () => {
    const files = generateLinkedinExport(200, 7);
    const r = parseLinkedin(files, {});
    expect(r.issues).toEqual([]);
    expect(people(r.records)).toHaveLength(200);
    expect(r.ownerProfileUrl).toBe('https://www.linkedin.com/in/alex-morgan-0a1b2c');
    const messageLines = new TextDecoder().decode(files.find((f) => f.name === 'messages.csv')?.bytes);
    expect(interactions(r.records).filter((i) => i.channel === 'message').length).toBeGreaterThan(100);
    expect(messageLines.startsWith('CONVERSATION ID,')).toBe(true);
    expect(exchanges(r.records).length).toBeGreaterThan(0);
  });

  it('is the same for the same seed, different for another', () => {
    expect(generateLinkedinExport(50, 1)).toEqual(generateLinkedinExport(50, 1));
    expect(generateLinkedinExport(50, 2)).not.toEqual(generateLinkedinExport(50, 1));
  });
});
