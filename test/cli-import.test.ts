import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLinkedin } from '../src/importers/linkedin.js';
import { cliSession } from './cli.js';
import { PROJECT_ROOT, sharedPath, skipWithoutSharedData } from './shared-data.js';

let cli: ReturnType<typeof cliSession>;
beforeEach(() => {
  cli = cliSession('2026-11-30T12:00:00Z');
});
afterEach(() => cli.close());

interface Report {
  format: string;
  files: string[];
  records: number;
  people: { created: number; matched: number; removed?: number };
  interactions: { created: number; duplicates: number; removed?: number };
  exchanges: { created: number; duplicates: number };
  issues: { file: string; line: number | null; code: string; message: string }[];
  skipped: Record<string, number>;
  events?: number;
  meetings?: number;
  answers?: number;
  me?: { addresses: string[]; guessed: boolean };
  candidates?: { personId: number; otherId: number; name: string; reasons: string[] }[];
}

const BIN = join(PROJECT_ROOT, 'bin', 'rapport');
const LINKEDIN = join(PROJECT_ROOT, 'src/importers/fixtures/linkedin');
const GOOGLE = join(PROJECT_ROOT, 'src/importers/fixtures/google');
const ENRON = sharedPath('enron-raw-messages/messages');
const VCARDS = sharedPath('vcard-samples');
const ICS = sharedPath('ics-samples');

const peopleCount = () => cli.run(['people', '--json']).json<unknown[]>().length;

describe('rapport import: refusing what is not the format', () => {
  it('exits 3 with one sentence naming the file, and writes nothing', () => {
    const garbage = join(cli.dir, 'garbage.bin');
    writeFileSync(garbage, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe, 0, 1, 2, 3]));
    const text = join(cli.dir, 'notes.txt');
    writeFileSync(text, 'just some notes\nnothing to see\n');
    for (const format of ['vcard', 'google', 'ics', 'mbox', 'eml', 'linkedin']) {
      for (const file of [garbage, text]) {
        const r = cli.run(['import', format, file]);
        expect(r.code, `${format} ${file}`).toBe(3);
        expect(r.stderr).toContain(file);
        expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^error: /);
        expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      }
    }
    const missing = cli.run(['import', 'vcard', join(cli.dir, 'nope.vcf')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nope\.vcf cannot be read: no such file/);
    // the refused imports made no database: none is left behind, and none was announced
    expect(existsSync(cli.db)).toBe(false);
    expect(missing.stderr).not.toMatch(/Created a new Rapport database/);
    expect(peopleCount()).toBe(0);
  });

  it('refuses a file too large to read whole, naming it and the limit, before reading it', () => {
    // sparse files: their size is what is checked, nothing is read
    const cases: [string, string, string, number, string][] = [
      ['ics', 'big.ics', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n', 65 * 2 ** 20, '64.0 MiB'],
      [
        'linkedin',
        'Connections.csv',
        'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n',
        129 * 2 ** 20,
        '128.0 MiB',
      ],
      ['json', 'big.json', '{"format":"rapport","version":1,"people":[', 2 ** 29, '512.0 MiB'],
    ];
    for (const [format, name, start, size, limit] of cases) {
      const file = join(cli.dir, name);
      writeFileSync(file, start);
      truncateSync(file, size);
      const r = cli.run(['import', format, file]);
      expect(r.code, format).toBe(3);
      expect(r.stderr).toContain(`${file} is `);
      expect(r.stderr).toContain(`files of this kind over ${limit} are not read whole`);
    }
    expect(existsSync(cli.db)).toBe(false);
  });

  it('says in words why a path cannot be read: a symbolic link loop, a pipe, a folder it may not list', () => {
    const loop = join(cli.dir, 'loop');
    symlinkSync(join(cli.dir, 'loop2'), loop);
    symlinkSync(loop, join(cli.dir, 'loop2'));
    const fifo = join(cli.dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const format of ['vcard', 'google', 'ics', 'mbox', 'eml', 'linkedin']) {
      const looped = cli.run(['import', format, loop]);
      expect([looped.code, looped.stderr.trim()], format).toEqual([
        3,
        `error: ${loop} cannot be read: a symbolic link loop`,
      ]);
      const piped = cli.run(['import', format, fifo]);
      expect(piped.code, format).toBe(3);
      expect(piped.stderr, format).toMatch(/pipe.* is not a file \(a pipe or a device/);
    }
  });

  it('keeps a new database that a failing command wrote to, and says it made it', () => {
    const export_ = join(cli.dir, 'export');
    mkdirSync(export_);
    writeFileSync(join(export_, 'Connections.csv'), readFileSync(join(LINKEDIN, 'Connections.csv')));
    const other = join(cli.dir, 'other.zip');
    writeFileSync(other, zipSync({ 'notes.csv': new TextEncoder().encode('a,b\n1,2\n') }));
    // the first export imports, the second is found wrong once read: exit 3, the first is kept
    const r = cli.run(['import', 'linkedin', export_, other]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`Created a new Rapport database at ${cli.db}`);
    expect(existsSync(cli.db)).toBe(true);
    expect(peopleCount()).toBeGreaterThan(0);
  });

  it('refuses a compressed file or a zip archive saying to extract it first', () => {
    const gz = join(cli.dir, 'mail.mbox.gz');
    writeFileSync(gz, gzipSync('From a@x Mon Jan  1 00:00:00 2024\nFrom: a@x.example\n\nhi\n'));
    const zip = join(cli.dir, 'contacts.zip');
    writeFileSync(zip, zipSync({ 'contacts.vcf': new TextEncoder().encode('BEGIN:VCARD\nFN:A\nEND:VCARD\n') }));
    const r = cli.run(['import', 'mbox', gz]);
    expect([r.code, r.stderr.trim()]).toEqual([
      3,
      `error: ${gz} is compressed (gzip): extract it first (gunzip -k "${gz}") and import what it holds`,
    ]);
    const z = cli.run(['import', 'vcard', zip]);
    expect(z.code).toBe(3);
    expect(z.stderr).toMatch(/contacts\.zip is a zip archive: extract it first/);
  });

  it('refuses a tar archive, compressed or not (a Takeout .tgz), saying to unpack it and import its folder', () => {
    // one ustar header block, as tar writes it, then the file
    const header = Buffer.alloc(512);
    header.write('T/Mail/All mail.mbox', 0, 'latin1');
    header.write('ustar\u000000', 257, 'latin1');
    const tar = Buffer.concat([
      header,
      Buffer.from('From a@x Mon Jan  1 00:00:00 2024\nFrom: a@x.example\n\nhi\n'.padEnd(512, '\0')),
    ]);
    const tgz = join(cli.dir, 'takeout-001.tgz');
    writeFileSync(tgz, gzipSync(tar));
    const plain = join(cli.dir, 'takeout-001.tar');
    writeFileSync(plain, tar);
    const a = cli.run(['import', 'mbox', tgz]);
    expect([a.code, a.stderr.trim()]).toEqual([
      3,
      `error: ${tgz} is a compressed tar archive: unpack it first (tar xzf "${tgz}") and import the folder it gives`,
    ]);
    const b = cli.run(['import', 'mbox', plain]);
    expect([b.code, b.stderr.trim()]).toEqual([
      3,
      `error: ${plain} is a tar archive: unpack it first (tar xf "${plain}") and import the folder it gives`,
    ]);
  });

  it('escapes control characters a file holds in what it prints, and stores none', () => {
    const json = join(cli.dir, 'ansi.json');
    writeFileSync(json, '\u001b[31mRED\u001b]0;pwned\u0007');
    const r = cli.run(['import', 'json', json]);
    expect(r.code).toBe(3);
    expect(r.stderr.includes('\u001b')).toBe(false);
    expect(r.stderr).toMatch(/\\x1b\[31mRED/);
    const csv = join(cli.dir, 'nul.csv');
    writeFileSync(
      csv,
      'First Name,Last Name,E-mail 1 - Value,Organization 1 - Name,Notes\nAnn,Lee,ann@x.example,Ome\u0000ga,a\u001b[2Jb\n',
    );
    expect(cli.run(['import', 'google', csv]).code).toBe(0);
    const ann = cli.run(['show', 'ann@x.example', '--json']).json<{ org: string; notes: string }>();
    expect([ann.org, ann.notes]).toEqual(['Omega', 'a[2Jb']);
  });

  it('imports UTF-16 mail (an mbox and a message, either byte order) as the UTF-8 it would be', () => {
    const message = (n: number) =>
      `From: Zoë Ångström <zoe@x.example>\r\nTo: me@example.com\r\nSubject: Grüße ${n}\r\nDate: Mon, 1 Jan 2024 0${n}:00:00 +0000\r\nMessage-ID: <u${n}@x.example>\r\n\r\nHallo\r\n`;
    const utf16be = (text: string) => {
      const b = Buffer.from(text, 'utf16le');
      for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1] as number, b[i] as number];
      return b;
    };
    const mbox = join(cli.dir, 'utf16.mbox');
    const text = `From zoe@x.example Mon Jan  1 00:00:00 2024\r\n${message(1)}\r\nFrom zoe@x.example Mon Jan  1 00:00:00 2024\r\n${message(2)}`;
    writeFileSync(mbox, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const eml = join(cli.dir, 'utf16.eml');
    writeFileSync(eml, utf16be(message(3)));
    const fromMbox = cli.run(['import', 'mbox', mbox, '--me', 'me@example.com', '--json']);
    expect(fromMbox.code).toBe(0);
    expect(fromMbox.json<{ interactions: { created: number } }>().interactions.created).toBe(2);
    expect(
      cli.run(['import', 'eml', eml, '--json']).json<{ interactions: { created: number } }>().interactions.created,
    ).toBe(1);
    const zoe = cli.run(['show', 'zoe@x.example', '--json']).json<{ name: string; stats: { interactions: number } }>();
    expect([zoe.name, zoe.stats.interactions]).toEqual(['Zoë Ångström', 3]);
  });

  it('refuses a whole list when one file in it is wrong, naming it, before importing any', () => {
    const good = join(GOOGLE, 'contacts-current.csv');
    const binary = join(cli.dir, 'bad.csv');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 0, 0, 9]));
    const other = join(cli.dir, 'other.csv');
    writeFileSync(other, 'name,phone\nfoo,123\n');
    const google = cli.run(['import', 'google', good, binary, other]);
    expect(google.code).toBe(3);
    expect(google.stderr).toMatch(
      /bad\.csv is not a Google Contacts CSV file: it holds binary data; .*other\.csv: not a Google Contacts CSV: no "First Name/,
    );
    expect(google.stderr).toMatch(/nothing was imported \(2 of 3 files refused\)/);
    const notVcard = join(cli.dir, 'bad.vcf');
    writeFileSync(notVcard, 'not a vcard\n');
    const card = join(cli.dir, 'one.vcf');
    writeFileSync(card, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vera Card\r\nEMAIL:vera@card.example\r\nEND:VCARD\r\n');
    const vcard = cli.run(['import', 'vcard', card, notVcard]);
    expect(vcard.code).toBe(3);
    expect(vcard.stdout).toBe('');
    expect(vcard.stderr).toMatch(/bad\.vcf is not a vCard file/);
    expect(peopleCount()).toBe(0);
  });

  it('refuses a LinkedIn or JSON list holding a wrong file before importing any', () => {
    const junk = join(cli.dir, 'junk.txt');
    writeFileSync(junk, 'hello world\nthis is not a contacts file\n');
    const linkedin = cli.run(['import', 'linkedin', junk, join(LINKEDIN, 'Connections.csv')]);
    expect(linkedin.code).toBe(3);
    expect(linkedin.stderr).toMatch(
      /junk\.txt is not a LinkedIn export.*nothing was imported \(1 of 2 files refused\)/,
    );
    expect(peopleCount()).toBe(0);
    cli.run(['add', 'Ada Lovelace', '--email', 'ada@example.org']);
    const exported = join(cli.dir, 'export.json');
    writeFileSync(exported, cli.run(['export', '--format', 'json']).stdout);
    const other = cliSession('2026-11-30T12:00:00Z');
    try {
      const json = other.run(['import', 'json', exported, junk]);
      expect(json.code).toBe(3);
      expect(json.stderr).toMatch(/junk\.txt.*nothing was imported \(1 of 2 files refused\)/);
      expect(other.run(['people', '--json']).json<unknown[]>()).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('knows a renamed LinkedIn file by its header', () => {
    const renamed = join(cli.dir, 'my-linkedin-connections.csv');
    writeFileSync(renamed, readFileSync(join(LINKEDIN, 'Connections.csv')));
    const r = cli.run(['import', 'linkedin', renamed, '--json']);
    expect(r.code).toBe(0);
    expect(r.json<Report>().people.created).toBeGreaterThan(0);
  });

  it('imports the rest of a list when an export is found wrong only once read, names it, and exits 3', () => {
    const fake = join(cli.dir, 'fake-export');
    mkdirSync(fake);
    writeFileSync(join(fake, 'messages.csv'), 'BEGIN:VCARD\nFN:Ann\nEND:VCARD\n');
    const r = cli.run(['import', 'linkedin', LINKEDIN, fake, '--json']);
    expect(r.code).toBe(3);
    const report = r.json<Report & { refused: { file: string; message: string }[] }>();
    expect(report.files).toEqual([LINKEDIN]);
    expect(report.refused).toEqual([{ file: fake, message: expect.stringContaining('not a LinkedIn export') }]);
    expect(r.stderr).toMatch(/error: 1 file of 2 refused, nothing of it written: .*fake-export/);
    expect(report.people.created).toBeGreaterThan(0);
  });

  it('refuses a LinkedIn file by its name whose content is something else', () => {
    const fake = join(cli.dir, 'messages.csv');
    writeFileSync(fake, 'BEGIN:VCARD\nFN:Ann\nEND:VCARD\n');
    const r = cli.run(['import', 'linkedin', fake]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/messages\.csv has no header with the columns CONVERSATION ID, FROM, DATE, CONTENT/);
  });

  it('tells an mbox given as eml, and the other way round; one message saved with its "From " line is an eml', () => {
    const message = (n: number) =>
      `From a@x Mon Jan  1 00:00:00 2024\nFrom: a@x.example\nTo: me@x.example\nDate: Mon, 1 Jan 2024 0${n}:00:00 +0000\nMessage-ID: <${n}@x>\n\nhi\n`;
    const mbox = join(cli.dir, 'mail.mbox');
    writeFileSync(mbox, `${message(1)}\n${message(2)}`);
    expect(cli.run(['import', 'eml', mbox]).stderr).toMatch(/holds several \(an mbox: use mbox\)/);
    const saved = join(cli.dir, 'saved.eml');
    writeFileSync(saved, message(3));
    const r = cli.run(['import', 'eml', saved, '--me', 'me@x.example', '--json']);
    expect(r.code).toBe(0);
    expect(r.json<Report>().interactions.created).toBe(1);
    const eml = join(cli.dir, 'one.eml');
    writeFileSync(eml, 'From: a@x.example\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nSubject: hi\n\nhi\n');
    expect(cli.run(['import', 'mbox', eml]).stderr).toMatch(/looks like a single message/);
  });
});

describe.skipIf(skipWithoutSharedData('vcard-samples', 'cli-import.test'))('rapport import vcard', () => {
  it('imports the real vCard samples with the contract’s report, and a re-import changes nothing', () => {
    // 11 cards: grep -ci 'BEGIN:VCARD' ../shared/data/vcard-samples/*.vcf sums to 11
    const files = readdirSync(VCARDS)
      .filter((f) => f.endsWith('.vcf'))
      .map((f) => join(VCARDS, f));
    const first = cli.run(['import', 'vcard', ...files, '--json']);
    expect(first.code).toBe(0);
    const report = first.json<Report>();
    expect(report).toMatchObject({ format: 'vcard', records: 11, people: { created: 11, matched: 0 }, issues: [] });
    expect(report.files).toHaveLength(files.length);
    // contacts need no address of the user's: nothing is said about one
    expect(report).not.toHaveProperty('meUnknown');
    const again = cli.run(['import', 'vcard', ...files, '--json']).json<Report>();
    expect(again.people).toEqual({ created: 0, matched: 11 });
    expect(peopleCount()).toBe(11);
  });

  it('reads every vCard file in a folder (Outlook saves one per contact), and refuses a folder without one', () => {
    const r = cli.run(['import', 'vcard', VCARDS, '--json']);
    expect(r.code).toBe(0);
    expect(r.json<Report>()).toMatchObject({ records: 11, people: { created: 11, matched: 0 } });
    expect(r.json<Report>().files).toHaveLength(readdirSync(VCARDS).filter((f) => f.endsWith('.vcf')).length);
    const none = cli.run(['import', 'vcard', join(PROJECT_ROOT, 'docs')]);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/docs is a folder with no vCard file \(\.vcf\) in it/);
  });

  it('shows nothing stored on a dry run', () => {
    const files = readdirSync(VCARDS)
      .filter((f) => f.endsWith('.vcf'))
      .map((f) => join(VCARDS, f));
    // no database yet: a dry run does not create one
    const r = cli.run(['import', 'vcard', ...files, '--dry-run']);
    expect(r.stdout).toMatch(/^Dry run, nothing written: read 11 records/);
    expect(r.stderr).not.toMatch(/Created a new Rapport database/);
    expect(existsSync(cli.db)).toBe(false);
    expect(peopleCount()).toBe(0);
    // with one: nothing stored
    expect(cli.run(['import', 'vcard', ...files, '--dry-run']).stdout).toMatch(
      /^Dry run, nothing written: read 11 records/,
    );
    expect(peopleCount()).toBe(0);
  });

  it('reports on a dry run of several files what the import does: a later file matches whom an earlier one creates', () => {
    const card = (name: string, email: string) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nEMAIL:${email}\r\nEND:VCARD\r\n`;
    const a = join(cli.dir, 'a.vcf');
    const b = join(cli.dir, 'b.vcf');
    writeFileSync(a, card('Ann Lee', 'ann@x.example') + card('Bo Ek', 'bo@x.example'));
    writeFileSync(b, card('Ann Lee', 'ANN@x.example') + card('Cy Po', 'cy@x.example'));
    const dry = cli.run(['import', 'vcard', a, b, '--dry-run', '--json']).json<Report>();
    expect(peopleCount()).toBe(0);
    const real = cli.run(['import', 'vcard', a, b, '--json']).json<Report>();
    // Ann is counted once, created by the first file (the second finds her)
    expect(real.people).toEqual({ created: 3, matched: 0 });
    expect(dry.people).toEqual(real.people);
    expect(dry.records).toBe(real.records);
  });

  it('accounts for a contact given twice in one file: one person, and an issue for the second entry', () => {
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@x.example\r\nEND:VCARD\r\n';
    const file = join(cli.dir, 'twice.vcf');
    writeFileSync(file, card + card.replace('END:VCARD', 'TEL:+1 415 555 0100\r\nEND:VCARD'));
    const r = cli.run(['import', 'vcard', file, '--json']).json<Report>();
    expect([r.records, r.people]).toEqual([2, { created: 1, matched: 0 }]);
    expect(r.issues.map((i) => [i.line, i.code, i.message])).toEqual([
      [6, 'same_contact', 'the same person as an earlier entry of the file (same email); taken as one'],
    ]);
    // what the second entry adds is kept
    expect(cli.run(['show', 'ann@x.example', '--json']).json<{ phones: string[] }>().phones).toEqual([
      '+1 415 555 0100',
    ]);
  });

  it('says on a dry run how many groups `duplicates` would list, and lists none', () => {
    const card = (email: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tom Baker\r\nEMAIL:${email}\r\nEND:VCARD\r\n`;
    const file = join(cli.dir, 'toms.vcf');
    writeFileSync(file, card('tom@bbc.example') + card('tom@bakery.example'));
    expect(cli.run(['import', 'vcard', file, '--dry-run']).stderr).toMatch(
      /1 possible duplicate kept apart by this import .*; rapport duplicates would list 1 group of people who may be one/,
    );
    expect(cli.run(['duplicates']).stdout).toBe('No possible duplicates.\n');
    expect(cli.run(['import', 'vcard', file]).stderr).toMatch(/; rapport duplicates lists 1 group of people/);
  });
});

describe.skipIf(skipWithoutSharedData('enron-raw-messages', 'cli-import.test'))('rapport import eml and mbox', () => {
  // Vince Kaminski's 81 messages: 60 have vince.kaminski@enron.com in From, To, Cc or Bcc (45 in From), counted with
  // awk over each file's header block; the other 21 reached him through lists and aliases, two of them with no
  // recipient line at all (see mail.test.ts).
  const kaminski = () =>
    readdirSync(ENRON)
      .filter((f) => f.startsWith('kaminski-v_'))
      .sort()
      .map((f) => join(ENRON, f));

  it('imports single messages with the user’s address, skipping those they were not in', () => {
    const r = cli.run(['import', 'eml', ...kaminski(), '--me', 'Vince.Kaminski@enron.com', '--json']);
    expect(r.code).toBe(0);
    const report = r.json<Report>();
    expect(report.records).toBe(81);
    expect(report.interactions.created).toBe(60);
    expect(report.skipped.not_involved).toBe(19);
    expect(report.skipped.hidden_recipients).toBe(2);
    expect(report.me).toEqual({ addresses: ['vince.kaminski@enron.com'], guessed: false });
    const again = cli.run(['import', 'eml', ...kaminski(), '--json']).json<Report>();
    expect(again.interactions).toEqual({ created: 0, duplicates: 60 });
  });

  it('leaves out the user’s own contact card, and a mailing list answered without list headers', () => {
    const mbox = join(cli.dir, 'list.mbox');
    const msg = (from: string, to: string, cc: string, extra: string[], day: number) =>
      [
        `From x Mon Mar  2 10:00:00 2026`,
        `From: ${from}`,
        `To: ${to}`,
        `Cc: ${cc}`,
        `Subject: Release`,
        `Date: ${day} Mar 2026 10:00:00 +0000`,
        ...extra,
        '',
        'body',
        '',
      ].join('\n');
    writeFileSync(
      mbox,
      msg(
        'Bob <bob@corp.example>',
        'dev@corp.example',
        'me@mine.example',
        ['List-Post: <mailto:dev@corp.example>'],
        2,
      ) + msg('me@mine.example', 'dev@corp.example', 'Bob <bob@corp.example>', [], 3),
    );
    const mail = cli.run(['import', 'mbox', mbox, '--me', 'me@mine.example', '--json']).json<Report>();
    expect(mail.people.created).toBe(1);
    expect(mail.interactions.created).toBe(2);
    // another mailbox, imported later: the list is still known
    const other = join(cli.dir, 'other.mbox');
    writeFileSync(other, msg('Cy Doe <cy@corp.example>', 'me@mine.example', 'Dev <dev@corp.example>', [], 4));
    expect(cli.run(['import', 'mbox', other, '--json']).json<Report>().people.created).toBe(1);
    const card = join(cli.dir, 'me.vcf');
    writeFileSync(
      card,
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Me Myself\r\nEMAIL:ME@mine.example\r\nEND:VCARD\r\n' +
        'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Doe\r\nEMAIL:cy@corp.example\r\nEND:VCARD\r\n',
    );
    const cards = cli.run(['import', 'vcard', card, '--json']).json<Report>();
    expect(cards.skipped).toEqual({ own_card: 1 });
    expect(cards.people.matched).toBe(1); // Cy, known from the mail
    const names = cli
      .run(['people', '--json'])
      .json<{ name: string }[]>()
      .map((p) => p.name)
      .sort();
    expect(names).toEqual(['Bob', 'Cy Doe']);
  });

  it('takes out the person an earlier import made of an address the user names later', () => {
    const msg = (from: string, to: string, cc: string, id: string, day: number) =>
      [
        `From x Mon Mar  2 10:00:00 2026`,
        `From: ${from}`,
        `To: ${to}`,
        `Cc: ${cc}`,
        `Subject: Plans ${id}`,
        `Message-ID: <${id}@x.example>`,
        `Date: ${day} Mar 2026 10:00:00 +0000`,
        '',
        'body',
        '',
      ].join('\n');
    const work = join(cli.dir, 'work.mbox');
    // Alice writes to the user at work, Cc their private address; the private address writes to Alice and work
    writeFileSync(
      work,
      msg('Alice <alice@corp.example>', 'me@work.example', 'Me Private <me@home.example>', 'a', 2) +
        msg('Me Private <me@home.example>', 'alice@corp.example', 'me@work.example', 'b', 3),
    );
    cli.run(['import', 'mbox', work, '--me', 'me@work.example']);
    expect(peopleCount()).toBe(2);
    const home = join(cli.dir, 'home.mbox');
    writeFileSync(home, msg('Me Private <me@home.example>', 'alice@corp.example', 'me@work.example', 'b', 3));
    const r = cli.run(['import', 'mbox', home, '--me', 'me@home.example']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /Took out Me Private \(#\d+\): me@home\.example is yours, made a person by an earlier import; 1 interaction without them now, 1 message of yours removed/,
    );
    const people = cli.run(['people', '--json']).json<{ name: string }[]>();
    expect(people.map((p) => p.name)).toEqual(['Alice']);
    // the message the private address sent is stored again, as the user's
    const log = cli.run(['export', '--format', 'json']).json<{ interactions: { direction: string }[] }>();
    expect(log.interactions.map((i) => i.direction).sort()).toEqual(['in', 'out']);
  });

  it('leaves out the user’s own card by the LinkedIn profile --me gives, takes out a person made of it before, and remembers it', () => {
    const vcf = join(cli.dir, 'cards.vcf');
    const me = 'https://www.linkedin.com/in/me-myself';
    writeFileSync(
      vcf,
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Me Myself\r\nURL:${me}/\r\nEND:VCARD\r\n` +
        'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Doe\r\nEMAIL:cy@x.example\r\nEND:VCARD\r\n',
    );
    cli.run(['import', 'vcard', vcf]);
    expect(peopleCount()).toBe(2);
    const r = cli.run(['import', 'vcard', vcf, '--me', me, '--json']).json<Report>();
    expect(r.skipped).toEqual({ own_card: 1 });
    expect(
      cli
        .run(['people', '--json'])
        .json<{ name: string }[]>()
        .map((p) => p.name),
    ).toEqual(['Cy Doe']);
    // remembered: a later import knows the card without --me
    expect(cli.run(['import', 'vcard', vcf, '--json']).json<Report>().skipped).toEqual({ own_card: 1 });
  });

  it('remembers --me given to a contacts import, and names a card of the user’s holding another address', () => {
    const csv = join(cli.dir, 'contacts.csv');
    writeFileSync(
      csv,
      'First Name,Last Name,Labels,E-mail 1 - Value\nPat,Me,,me@home.example ::: pat.other@gmail.example\nCy,Doe,,cy@x.example\n',
    );
    const first = cli.run(['import', 'google', csv, '--me', 'me@home.example', '--json']).json<Report>();
    expect(first.skipped).toEqual({ own_card: 1 });
    const again = cli.run(['import', 'google', csv, '--json']).json<Report>();
    expect(again.people).toEqual({ created: 0, matched: 1 });
    expect(again.skipped).toEqual({ own_card: 1 });
    // imported before the user named the address: kept, and named
    const other = cliSession('2026-11-30T12:00:00Z');
    try {
      other.run(['import', 'google', csv]);
      const named = other.run(['import', 'google', csv, '--me', 'me@home.example']);
      expect(named.stderr).toMatch(/me@home\.example is yours, but Pat Me \(#1\) holds it beside other details/);
    } finally {
      other.close();
    }
  });

  it('speaks of meetings for calendars: the address guessed, and people who joined a meeting kept aside', () => {
    const ics = join(cli.dir, 'team.ics');
    const vevent = (uid: string, day: string, guests: string[]) => [
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'DTSTAMP:20261101T000000Z',
      `DTSTART:202611${day}T100000Z`,
      'DURATION:PT1H',
      'ORGANIZER:mailto:me@home.example',
      ...guests.map((g) => `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${g}`),
      'END:VEVENT',
    ];
    // an all-hands with Ann, known from another meeting, and 30 strangers: stored, the strangers kept aside
    const crowd = ['ann@a.example', ...Array.from({ length: 30 }, (_, i) => `guest${i + 1}@crowd.example`)];
    writeFileSync(
      ics,
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Rapport tests//EN',
        ...vevent('one@x', '02', ['ann@a.example']),
        ...vevent('two@x', '04', ['bob@b.example']),
        ...vevent('all-hands@x', '03', crowd),
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    const imported = cli.run(['import', 'ics', ics]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('Took me@home.example as your address (it is in the most meetings)');
    const csv = join(cli.dir, 'contacts.csv');
    writeFileSync(csv, 'First Name,Last Name,E-mail 1 - Value\nGil,One,guest1@crowd.example\n');
    const known = cli.run(['import', 'google', csv]);
    expect(known.stderr).toContain('1 person joined 1 meeting stored before they were known');
  });

  it('quotes an EXDATE it cannot read as the file writes it, not as ical.js mangled it', () => {
    const ics = join(cli.dir, 'exdate.ics');
    writeFileSync(
      ics,
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Rapport tests//EN',
        'BEGIN:VEVENT',
        'UID:weekly@x',
        'DTSTART:20261102T100000Z',
        'RRULE:FREQ=WEEKLY;COUNT=3',
        'EXDATE:notadate',
        'ORGANIZER:mailto:ann@a.example',
        'ATTENDEE:mailto:me@home.example',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    const r = cli.run(['import', 'ics', ics, '--me', 'me@home.example', '--json']).json<Report>();
    expect(r.issues.map((i) => [i.line, i.message])).toEqual([
      [4, 'one of its EXDATE values could not be read ("notadate"); it was left out'],
    ]);
  });

  it('guesses the user’s address when none is given, says so, and remembers it', () => {
    // with --json too: the report on stdout, the notice on stderr
    const r = cli.run(['import', 'eml', ...kaminski(), '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(r.json<Report>().me).toEqual({ addresses: ['vince.kaminski@enron.com'], guessed: true });
    expect(r.stderr).toMatch(/Took vince\.kaminski@enron\.com as your address/);
    const first = cli.run(['import', 'eml', ...kaminski()]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Took vince\.kaminski@enron\.com as your address/);
    const again = cli.run(['import', 'eml', ...kaminski(), '--json']).json<Report>();
    expect(again.me).toEqual({ addresses: ['vince.kaminski@enron.com'], guessed: false });
  });

  it("show gives each recent interaction with the person's own role in it: a co-recipient is not the sender", () => {
    const eml = join(cli.dir, 'cc.eml');
    writeFileSync(
      eml,
      'From: Hans Müller <hans@contoso.example>\r\nTo: me@example.com\r\nCc: jose@contoso.example\r\nSubject: Hi\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nBody\r\n',
    );
    expect(cli.run(['import', 'eml', eml, '--me', 'me@example.com']).code).toBe(0);
    type Shown = {
      recentInteractions: { direction: string; role: string }[];
      stats: { inbound: number; mutual: number };
    };
    const hans = cli.run(['show', 'hans@contoso.example', '--json']).json<Shown>();
    const jose = cli.run(['show', 'jose@contoso.example', '--json']).json<Shown>();
    expect(hans.recentInteractions.map((i) => [i.direction, i.role])).toEqual([['in', 'in']]);
    expect(jose.recentInteractions.map((i) => [i.direction, i.role])).toEqual([['in', 'group']]);
    // the stats count the same way: Hans wrote in, José was there too
    expect([hans.stats.inbound, hans.stats.mutual, jose.stats.inbound, jose.stats.mutual]).toEqual([1, 0, 0, 1]);
    expect(cli.run(['show', 'jose@contoso.example']).stdout).toMatch(/email +group /);
  });

  it('does not guess from one saved message, whose sender and readers are each in it once', () => {
    const eml = join(cli.dir, 'one.eml');
    writeFileSync(
      eml,
      'From: Hans Müller <hans@contoso.example>\r\nTo: me@example.com\r\nCc: jose@contoso.example\r\nSubject: Hi\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nBody\r\n',
    );
    const r = cli.run(['import', 'eml', eml, '--json']).json<Report & { meUnknown?: boolean }>();
    expect(r.me).toBeUndefined();
    expect(r.meUnknown).toBe(true);
    expect(r.interactions.created).toBe(0);
    // the report says why in words: not "you were not in", since nobody could be told to be you
    const text = cli.run(['import', 'eml', eml]).stderr;
    expect(text).toContain('pass --me YOUR-ADDRESS');
    expect(text).toContain('Skipped: 1 message not told yours or anyone else’s (no address of yours known)');
  });

  it('replaces a wrong guess of the user’s address with the one --me names, and says so', () => {
    // Kay Mann's messages guess kay.mann@enron.com; the user is in fact Vince Kaminski
    const mann = readdirSync(ENRON)
      .filter((f) => f.startsWith('mann-k_'))
      .map((f) => join(ENRON, f));
    expect(cli.run(['import', 'eml', ...mann, '--json']).json<Report>().me).toEqual({
      addresses: ['kay.mann@enron.com'],
      guessed: true,
    });
    // an import naming no address keeps the guess a guess
    expect(cli.run(['import', 'eml', ...mann, '--json']).json<Report>().me?.guessed).toBe(false);
    const r = cli.run(['import', 'eml', ...kaminski(), '--me', 'vince.kaminski@enron.com']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/No longer taking kay\.mann@enron\.com as yours: an earlier import guessed it/);
    expect(r.stderr).toMatch(/Your addresses: vince\.kaminski@enron\.com\n/);
    // remembered from now on: only the address named
    const next = cli.run(['import', 'eml', ...kaminski(), '--json']).json<Report>();
    expect(next.me).toEqual({ addresses: ['vince.kaminski@enron.com'], guessed: false });
  });

  it('says it found no address of the user’s in a mailbox of list mail only, rather than take the list’s', () => {
    const file = join(cli.dir, 'list.mbox');
    const message = (i: number) =>
      [
        `From p${i}@x.org Mon Jan  1 00:00:0${i} 2024`,
        `From: Person ${i} <p${i}@x.org>`,
        'To: dev@lists.example.org',
        'List-Id: <dev.lists.example.org>',
        `Date: Mon, 1 Jan 2024 00:00:0${i} +0000`,
        `Message-ID: <l${i}@x.org>`,
        '',
        'body',
        '',
      ].join('\n');
    writeFileSync(file, [0, 1, 2].map(message).join('\n'));
    const r = cli.run(['import', 'mbox', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Could not tell which address is yours .*pass --me/);
    expect(r.stderr).toMatch(/Skipped: 3 mailing-list messages/);
    expect(cli.run(['import', 'mbox', file, '--json']).json<Report & { meUnknown?: boolean }>().meUnknown).toBe(true);
    expect(peopleCount()).toBe(0);
  });

  it('reads every message in a folder, and refuses a folder without one', () => {
    // 801 files, each one message (ls ../shared/data/enron-raw-messages/messages | wc -l)
    const r = cli.run(['import', 'eml', ENRON, '--me', 'vince.kaminski@enron.com', '--json']).json<Report>();
    expect(r.records).toBe(801);
    expect(r.files).toHaveLength(801);
    const empty = cli.run(['import', 'eml', cli.dir]);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toMatch(/is a folder with no email message in it/);
    // an Outlook .msg saved as .eml beside a real message: named in the report, not passed over
    const mixed = join(cli.dir, 'saved');
    mkdirSync(mixed);
    writeFileSync(join(mixed, 'a.eml'), readFileSync(join(ENRON, readdirSync(ENRON).sort()[0] as string)));
    writeFileSync(join(mixed, 'mail.eml'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    const some = cli.run(['import', 'eml', mixed, '--me', 'vince.kaminski@enron.com', '--json']);
    expect(some.code).toBe(0);
    expect(some.json<Report>().issues).toEqual([
      expect.objectContaining({ file: join(mixed, 'mail.eml'), code: 'not_a_message' }),
    ]);
  });

  it('reads a Maildir with its Maildir++ folders, leaving out tmp/, drafts and junk', () => {
    const maildir = join(cli.dir, 'Maildir');
    const put = (folder: string, name: string, from: string, to: string, n: number) => {
      mkdirSync(join(maildir, folder), { recursive: true });
      writeFileSync(
        join(maildir, folder, name),
        `From: ${from}\nTo: ${to}\nDate: Mon, 1 Jan 2024 ${String(n).padStart(2, '0')}:00:00 +0000\nMessage-ID: <${n}@maildir>\nSubject: s${n}\n\nhi\n`,
      );
    };
    put('cur', '1.eml:2,S', 'ann@x.example', 'me@x.example', 1);
    // deleted, in an English and a German folder (Dovecot writes "Gelöschte Elemente" in modified UTF-7)
    put('.Trash/cur', '9.eml:2,S', 'gil@x.example', 'me@x.example', 9);
    put('.Gel&APY-schte Elemente/cur', '10.eml:2,S', 'ida@x.example', 'me@x.example', 10);
    // a draft in a folder not called Drafts ("Entwürfe"), and one flagged D (Draft) in cur/
    put('.Entw&APw-rfe/cur', '11.eml:2,S', 'me@x.example', 'jo@x.example', 11);
    put('cur', '12.eml:2,DS', 'me@x.example', 'hal@x.example', 12);
    put('new', '2.eml', 'bob@x.example', 'me@x.example', 2);
    put('.Sent/cur', '3.eml:2,S', 'me@x.example', 'cy@x.example', 3);
    put('tmp', '4.eml', 'ned@x.example', 'me@x.example', 4);
    put('.Drafts/cur', '5.eml', 'me@x.example', 'dee@x.example', 5);
    put('.Junk/cur', '6.eml', 'spam@x.example', 'me@x.example', 6);
    put('.INBOX.Drafts/cur', '8.eml', 'me@x.example', 'fay@x.example', 8);
    put('cur', '.hidden', 'eve@x.example', 'me@x.example', 7);
    // what Dovecot keeps beside the mail is passed over quietly; anything else is named, with why
    for (const name of ['dovecot-uidlist', 'dovecot.index.cache', 'subscriptions', 'maildirfolder'])
      writeFileSync(join(maildir, name), '3 V1 N2\n1 :2,S\n\u0000\u0001');
    writeFileSync(join(maildir, 'cur', 'broken:2,S'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1]));
    const r = cli.run(['import', 'eml', maildir, '--me', 'me@x.example', '--json']).json<Report>();
    expect(r.files.map((f) => f.slice(maildir.length + 1)).sort()).toEqual([
      join('.Sent', 'cur', '3.eml:2,S'),
      join('cur', '1.eml:2,S'),
      join('cur', '12.eml:2,DS'),
      join('new', '2.eml'),
    ]);
    expect(r.interactions.created).toBe(3);
    expect(r.skipped).toEqual({ draft: 1 });
    expect(r.issues.map((i) => [i.file.slice(maildir.length + 1), i.message])).toEqual([
      [join('cur', 'broken:2,S'), 'is not an email message: it holds binary data; left out'],
    ]);
  });

  it('reads a tmp/ folder of saved messages that is no Maildir’s', () => {
    const saved = join(cli.dir, 'saved');
    mkdirSync(join(saved, 'tmp'), { recursive: true });
    const message = (from: string, n: number) =>
      `From: ${from}\nTo: me@x.example\nDate: Mon, 1 Jan 2024 0${n}:00:00 +0000\nMessage-ID: <${n}@saved>\n\nhi\n`;
    writeFileSync(join(saved, 'a.eml'), message('ann@x.example', 1));
    writeFileSync(join(saved, 'tmp', 'b.eml'), message('bob@x.example', 2));
    const r = cli.run(['import', 'eml', saved, '--me', 'me@x.example', '--json']).json<Report>();
    expect(r.files).toEqual([join(saved, 'a.eml'), join(saved, 'tmp', 'b.eml')]);
    expect(r.interactions.created).toBe(2);
  });

  it('leaves out a Maildir message flagged deleted (T), and reads a folder linked back up only once', () => {
    const maildir = join(cli.dir, 'Maildir');
    const put = (name: string, from: string, n: number) => {
      mkdirSync(join(maildir, 'cur'), { recursive: true });
      writeFileSync(
        join(maildir, 'cur', name),
        `From: ${from}\nTo: me@x.example\nDate: Mon, 1 Jan 2024 0${n}:00:00 +0000\nMessage-ID: <${n}@maildir>\n\nhi\n`,
      );
    };
    put('1.eml:2,S', 'ann@x.example', 1);
    put('2.eml:2,ST', 'bob@x.example', 2);
    // a link back up to the Maildir itself, and a second way to its cur/
    symlinkSync(maildir, join(maildir, 'cur', 'up'));
    symlinkSync(join(maildir, 'cur'), join(maildir, 'again'));
    const r = cli.run(['import', 'eml', maildir, '--me', 'me@x.example', '--json']).json<Report>();
    expect(r.files.map((f) => f.slice(maildir.length + 1)).sort()).toEqual([
      join('cur', '1.eml:2,S'),
      join('cur', '2.eml:2,ST'),
    ]);
    expect(r.records).toBe(2);
    expect(r.interactions.created).toBe(1);
    expect(r.skipped).toEqual({ deleted: 1 });
  });

  it('names an empty mailbox among others (Thunderbird’s empty Trash) and imports the rest', () => {
    const inbox = join(cli.dir, 'Inbox');
    const trash = join(cli.dir, 'Trash');
    writeFileSync(
      inbox,
      'From - Mon Jan  1 09:00:00 2024\nFrom: ann@x.example\nTo: me@x.example\nDate: Mon, 1 Jan 2024 09:00:00 +0000\nSubject: hi\n\nhello\n',
    );
    writeFileSync(trash, '');
    const drafts = join(cli.dir, 'Drafts');
    writeFileSync(drafts, '\r\n\n');
    const r = cli.run(['import', 'mbox', inbox, trash, drafts, '--me', 'me@x.example', '--json']).json<Report>();
    expect(r.interactions.created).toBe(1);
    expect(r.issues.map((i) => [i.file, i.code, i.message])).toEqual([
      [trash, 'empty', 'is empty (no messages); left out'],
      [drafts, 'empty', 'is empty (no messages); left out'],
    ]);
    const alone = cli.run(['import', 'mbox', trash, trash]);
    expect(alone.code).toBe(3);
    // alone, a file of blank lines is said to be empty, not to lack a "From " line
    const blank = cli.run(['import', 'mbox', drafts]);
    expect([blank.code, blank.stderr]).toEqual([3, `error: ${drafts} is empty (it holds only blank lines)\n`]);
  });

  it('reads Apple Mail’s .emlx, and says what an Outlook .msg file is', () => {
    const message =
      'From: ann@x.example\nTo: me@x.example\nDate: Mon, 1 Jan 2024 09:00:00 +0000\nSubject: hi\n\nhello\n';
    const emlx = join(cli.dir, '12345.emlx');
    writeFileSync(
      emlx,
      `${Buffer.byteLength(message)}\n${message}<?xml version="1.0"?>\n<plist version="1.0"><dict/></plist>\n`,
    );
    const r = cli.run(['import', 'eml', emlx, '--me', 'me@x.example', '--json']).json<Report>();
    expect(r.interactions.created).toBe(1);
    const msg = join(cli.dir, 'note.msg');
    writeFileSync(msg, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
    const refused = cli.run(['import', 'eml', msg]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /note\.msg is an Outlook \.msg file, which Rapport does not read: save the message as \.eml/,
    );
  });

  it('reads the mbox inside an Apple Mail mailbox folder, and refuses a folder with none', () => {
    const folder = join(cli.dir, 'Export', 'Inbox.mbox');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'Info.plist'), '<?xml version="1.0"?><plist></plist>');
    writeFileSync(
      join(folder, 'mbox'),
      'From a@x Mon Jan  1 00:00:00 2024\nFrom: ann@x.example\nTo: me@x.example\nDate: Mon, 1 Jan 2024 09:00:00 +0000\nMessage-ID: <apple@x>\n\nhi\n',
    );
    // Thunderbird keeps each folder as an mbox file named after it; Apple Mail as Name.mbox/mbox
    const fromLine =
      'From a@x Mon Jan  1 00:00:00 2024\nFrom: me@x.example\nTo: draft@x.example\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\nhi\n';
    writeFileSync(join(cli.dir, 'Export', 'Drafts'), fromLine);
    mkdirSync(join(cli.dir, 'Export', 'Junk.mbox'));
    writeFileSync(join(cli.dir, 'Export', 'Junk.mbox', 'mbox'), fromLine.replace('draft@', 'junk@'));
    // Thunderbird's templates and outbox were never sent either
    writeFileSync(join(cli.dir, 'Export', 'Templates'), fromLine.replace('draft@', 'template@'));
    writeFileSync(join(cli.dir, 'Export', 'Unsent Messages'), fromLine.replace('draft@', 'outbox@'));
    // what the user deleted, kept until the bin is emptied: Thunderbird's Trash, Apple Mail's Deleted Messages
    writeFileSync(join(cli.dir, 'Export', 'Trash'), fromLine.replace('me@x.example', 'gina@x.example'));
    mkdirSync(join(cli.dir, 'Export', 'Deleted Messages.mbox'));
    writeFileSync(
      join(cli.dir, 'Export', 'Deleted Messages.mbox', 'mbox'),
      fromLine.replace('me@x.example', 'hugo@x.example'),
    );
    const r = cli.run(['import', 'mbox', join(cli.dir, 'Export'), '--me', 'me@x.example', '--json']);
    expect(r.code).toBe(0);
    expect(r.json<Report>()).toMatchObject({ files: [join(folder, 'mbox')], interactions: { created: 1 } });
    const none = cli.run(['import', 'mbox', join(cli.dir, 'Maildir-less')]);
    expect(none.code).toBe(3);
    mkdirSync(join(cli.dir, 'empty'));
    expect(cli.run(['import', 'mbox', join(cli.dir, 'empty')]).stderr).toMatch(/is a folder with no mbox file in it/);
    // Apple Mail's own folders hold one .emlx file per message: the refusal says which import reads them
    mkdirSync(join(cli.dir, 'Mail', 'Inbox.mbox', 'Messages'), { recursive: true });
    writeFileSync(join(cli.dir, 'Mail', 'Inbox.mbox', 'Messages', '1.emlx'), '12\nFrom: a@b.c\n\nhi\n');
    expect(cli.run(['import', 'mbox', join(cli.dir, 'Mail')]).stderr).toMatch(
      /is a folder with no mbox file in it \(it holds single messages, as Apple Mail and Maildir keep them: use import eml\)/,
    );
  });

  it('reads the same messages from an mbox as from the single files', () => {
    const mbox = join(cli.dir, 'kaminski.mbox');
    const parts: string[] = [];
    for (const file of kaminski()) {
      const text = readFileSync(file, 'latin1').replace(/\r\n/g, '\n');
      parts.push(`From MAILER-DAEMON Mon Jan  1 00:00:00 2001\n${text.replace(/^(>*From )/gm, '>$1')}\n`);
    }
    writeFileSync(mbox, parts.join('\n'), 'latin1');
    const fromMbox = cli.run(['import', 'mbox', mbox, '--me', 'vince.kaminski@enron.com', '--json']).json<Report>();
    expect(fromMbox.records).toBe(81);
    expect(fromMbox.interactions.created).toBe(60);
    // the same Message-IDs: importing the single files afterwards adds nothing
    const fromEml = cli.run(['import', 'eml', ...kaminski(), '--json']).json<Report>();
    expect(fromEml.interactions).toEqual({ created: 0, duplicates: 60 });
  });
});

describe('rapport import linkedin and google', () => {
  it('imports the export folder and the same export zipped, the second time creating nothing', () => {
    const folder = cli.run(['import', 'linkedin', LINKEDIN, '--json']).json<Report>();
    expect(folder.people.created).toBeGreaterThan(0);
    expect(folder.interactions.created).toBe(12);
    expect(folder.exchanges.created).toBe(8);
    const entries: Record<string, Uint8Array> = {};
    for (const f of readdirSync(LINKEDIN).filter((x) => x.endsWith('.csv')))
      entries[`Basic_LinkedInDataExport/${f}`] = readFileSync(join(LINKEDIN, f));
    const zip = join(cli.dir, 'export.zip');
    writeFileSync(zip, zipSync(entries));
    const zipped = cli.run(['import', 'linkedin', zip, '--json']).json<Report>();
    expect(zipped.people.created).toBe(0);
    expect(zipped.interactions).toEqual({ created: 0, duplicates: 12 });
    expect(zipped.exchanges).toEqual({ created: 0, duplicates: 8 });
  });

  it('finds the messages of a newer export again when a contact changed their profile URL, and those an earlier release stored', () => {
    const copy = (dir: string, edit: (text: string) => string) => {
      mkdirSync(dir, { recursive: true });
      for (const f of ['Connections.csv', 'messages.csv'])
        writeFileSync(join(dir, f), edit(readFileSync(join(LINKEDIN, f), 'utf8')));
      return dir;
    };
    const first = copy(join(cli.dir, 'old'), (t) => t);
    const created = cli.run(['import', 'linkedin', first, '--json']).json<Report>().interactions.created;
    expect(created).toBeGreaterThan(0);
    // José's new custom URL on every message of his in the newer export
    const renamed = copy(join(cli.dir, 'new'), (t) => t.replaceAll('in/jose-alvarez-4b2a91', 'in/jose-alvarez-madrid'));
    expect(cli.run(['import', 'linkedin', renamed, '--json']).json<Report>().interactions).toEqual({
      created: 0,
      duplicates: created,
    });
    // stored under the ids of the release before (with the sender's profile): found, and given the new ones
    const db = new Database(cli.db);
    const ids = db.prepare("SELECT id, external_id FROM interactions WHERE external_id LIKE 'li-msg2:%'").all() as {
      id: number;
      external_id: string;
    }[];
    const { records } = parseLinkedin(
      ['Connections.csv', 'messages.csv'].map((name) => ({ name, bytes: readFileSync(join(first, name)) })),
    );
    const former = new Map(
      records.flatMap((r) => (r.kind === 'interaction' && r.formerIds ? [[r.externalId, r.formerIds[0]]] : [])),
    );
    for (const row of ids)
      db.prepare('UPDATE interactions SET external_id = ? WHERE id = ?').run(former.get(row.external_id), row.id);
    db.close();
    expect(cli.run(['import', 'linkedin', first, '--json']).json<Report>().interactions.created).toBe(0);
    const again = new Database(cli.db);
    expect(again.prepare("SELECT count(*) AS n FROM interactions WHERE external_id LIKE 'li-msg:%'").get()).toEqual({
      n: 0,
    });
    again.close();
  });

  it('keeps invitations and endorsements once when people who changed their profile URL are merged, and a re-import adds none', () => {
    const copy = (dir: string, edit: (text: string) => string) => {
      mkdirSync(dir, { recursive: true });
      for (const f of readdirSync(LINKEDIN).filter((x) => x.endsWith('.csv')))
        writeFileSync(join(dir, f), edit(readFileSync(join(LINKEDIN, f), 'utf8')));
      return dir;
    };
    const older = copy(join(cli.dir, 'old'), (t) => t);
    // José's and Priya's new custom URLs: Priya has the user's invitation and endorsement, José endorsed the user
    const newer = copy(join(cli.dir, 'new'), (t) =>
      t.replaceAll('in/jose-alvarez-4b2a91', 'in/jose-alvarez-madrid').replaceAll('in/priya', 'in/priya-new'),
    );
    const count = (table: string) => {
      const db = new Database(cli.db);
      const n = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      db.close();
      return n;
    };
    expect(cli.run(['import', 'linkedin', older, '--json']).json<Report>().exchanges.created).toBe(8);
    expect([count('interactions'), count('exchanges')]).toEqual([12, 8]);
    // the same name under another profile: two people, listed as possible duplicates (never merged silently)
    const second = cli.run(['import', 'linkedin', newer, '--json']).json<Report>();
    expect(second.candidates?.map((c) => c.name).sort()).toEqual(['José Álvarez', 'Priya Natarajan']);
    expect([count('interactions'), count('exchanges')]).toEqual([13, 10]);
    const ids = (name: string) =>
      cli
        .run(['people', '--json'])
        .json<{ id: number; name: string }[]>()
        .filter((p) => p.name === name)
        .map((p) => String(p.id));
    const priya = cli.run(['merge', ...ids('Priya Natarajan'), '--json']).json<{ doubled: unknown }>();
    expect(priya.doubled).toEqual({ interactions: 1, exchanges: 1 });
    const jose = cli.run(['merge', ...ids('José Álvarez')]);
    expect(jose.stderr).toContain('Kept once 1 ledger entry both had from one source');
    expect([count('interactions'), count('exchanges')]).toEqual([12, 8]);
    for (const dir of [newer, older]) {
      const again = cli.run(['import', 'linkedin', dir, '--json']).json<Report>();
      expect([again.people.created, again.interactions.created, again.exchanges.created]).toEqual([0, 0, 0]);
    }
    expect([count('interactions'), count('exchanges')]).toEqual([12, 8]);
  });

  it('reads the export’s CSV files given one by one as one export', () => {
    const files = readdirSync(LINKEDIN)
      .filter((x) => x.endsWith('.csv'))
      .map((f) => join(LINKEDIN, f));
    const r = cli.run(['import', 'linkedin', ...files, '--json']).json<Report>();
    expect(r.files).toEqual(files);
    expect(r.interactions.created).toBe(12);
    expect(r.exchanges.created).toBe(8);
    expect(r.me?.guessed).toBe(true);
    const again = cli.run(['import', 'linkedin', ...files, '--json']).json<Report>();
    expect(again.people.created).toBe(0);
    expect(again.interactions).toEqual({ created: 0, duplicates: 12 });
    // issues name each file as given; a file of the list LinkedIn did not write is refused by name
    const connections = files.find((f) => f.endsWith('Connections.csv')) as string;
    expect(again.issues.map((i) => i.file)).toContain(connections);
    const fake = join(cli.dir, 'messages.csv');
    writeFileSync(fake, 'a,b,c\n1,2,3\n');
    const mixed = cli.run(['import', 'linkedin', connections, fake, '--json']);
    expect(mixed.code).toBe(3);
    expect(mixed.stdout).toBe('');
    expect(mixed.stderr).toMatch(
      /messages\.csv is not a LinkedIn export file: no header with the columns CONVERSATION ID/,
    );
  });

  it('reads CSV files of two exports, each in its folder, as two exports: the older does not roll back the newer', () => {
    const header = readFileSync(join(LINKEDIN, 'Connections.csv'), 'utf8').split('\n').slice(0, 4).join('\n');
    const exportOf = (date: string, job: string) => {
      const dir = join(cli.dir, `Basic_LinkedInDataExport_${date}`);
      mkdirSync(dir);
      const file = join(dir, 'Connections.csv');
      writeFileSync(
        file,
        `${header}\nJosé,Álvarez,https://www.linkedin.com/in/jose-alvarez-4b2a91,,${job},12 Mar 2021\n`,
      );
      return file;
    };
    const newer = exportOf('06-01-2024', '"Acme, Inc.",Head of Sales');
    const older = exportOf('05-01-2022', 'OldCo,Sales Rep');
    const r = cli.run(['import', 'linkedin', newer, older, '--json']).json<Report>();
    expect(r.people).toEqual({ created: 1, matched: 0 });
    expect(cli.run(['show', 'José Álvarez', '--json']).json<{ org: string }>().org).toBe('Acme, Inc.');
    expect(r.issues.map((i) => [i.file, i.code])).toEqual([
      [older, 'same_contact'],
      [older, 'job_kept'],
    ]);
    // one of them refused: nothing of the other is written either
    const fresh = join(cli.dir, 'fresh.db');
    const fake = join(dirname(older), 'messages.csv');
    writeFileSync(fake, 'a,b,c\n1,2,3\n');
    const refused = cli.run(['--db', fresh, 'import', 'linkedin', newer, older, fake]);
    expect(refused.code).toBe(3);
    expect(cli.run(['--db', fresh, 'people', '--json']).json<unknown[]>()).toEqual([]);
  });

  it('follows a link back up an export folder once', () => {
    const dir = join(cli.dir, 'export');
    mkdirSync(join(dir, 'a'), { recursive: true });
    writeFileSync(join(dir, 'Connections.csv'), readFileSync(join(LINKEDIN, 'Connections.csv')));
    symlinkSync('..', join(dir, 'a', 'loop'));
    const r = cli.run(['import', 'linkedin', dir, '--json']).json<Report>();
    expect([r.records, r.people.created]).toEqual([8, 7]);
  });

  it('takes the user’s LinkedIn profile from --me, and refuses a --me that is neither address nor profile', () => {
    const messages = join(cli.dir, 'messages.csv');
    writeFileSync(
      messages,
      [
        'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
        'c1,,Alice Wong,https://www.linkedin.com/in/alice,Me Myself,https://www.linkedin.com/in/me-myself,2024-02-01 10:00:00 UTC,,Hi,INBOX',
        'c1,,Alice Wong,https://www.linkedin.com/in/alice,Me Myself,https://www.linkedin.com/in/me-myself,2024-02-01 10:05:00 UTC,,Still there?,INBOX',
        'c1,,Me Myself,https://www.linkedin.com/in/me-myself,Alice Wong,https://www.linkedin.com/in/alice,2024-02-01 12:00:00 UTC,,Yes,INBOX',
      ].join('\n'),
    );
    const unsure = cli.run(['import', 'linkedin', messages, '--json']).json<Report>();
    expect(unsure.interactions.created).toBe(0);
    expect(unsure.issues.map((i) => i.code)).toEqual(['owner_unknown']);
    expect(unsure.issues[0]?.file).toBe(messages);
    const sure = cli.run(['import', 'linkedin', messages, '--me', 'linkedin.com/in/Me-Myself/', '--json']);
    expect(sure.json<Report>()).toMatchObject({
      interactions: { created: 3 },
      people: { created: 1 },
      me: { addresses: ['https://www.linkedin.com/in/me-myself'], guessed: false },
    });
    expect(
      cli.run(['show', 'Alice Wong', '--json']).json<{ stats: { interactions: number } }>().stats.interactions,
    ).toBe(3);
    const wrong = cli.run(['import', 'linkedin', messages, '--me', 'https://example.com/me']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/neither an email address, a LinkedIn profile URL \(linkedin.com\/in\/…\) nor a name/);
  });

  it('reads the messages again when the user names another profile than the one taken before', () => {
    const messages = join(cli.dir, 'messages.csv');
    writeFileSync(
      messages,
      [
        'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
        'c1,,Alice Wong,https://www.linkedin.com/in/alice,Me Myself,https://www.linkedin.com/in/me-myself,2024-02-01 10:00:00 UTC,,Hi,INBOX',
        'c1,,Me Myself,https://www.linkedin.com/in/me-myself,Alice Wong,https://www.linkedin.com/in/alice,2024-02-01 12:00:00 UTC,,Yes,INBOX',
        // a group conversation: the user beside someone else
        'c2,,Bob Lee,https://www.linkedin.com/in/bob,"Me Myself, Alice Wong","https://www.linkedin.com/in/me-myself, https://www.linkedin.com/in/alice",2024-02-02 09:00:00 UTC,,All three,INBOX',
      ].join('\n'),
    );
    cli.run(['import', 'linkedin', messages, '--me', 'https://www.linkedin.com/in/alice']);
    const names = () =>
      cli
        .run(['people', '--json'])
        .json<{ name: string }[]>()
        .map((p) => p.name)
        .sort();
    expect(names()).toEqual(['Bob Lee', 'Me Myself']);
    const me = ['--me', 'https://www.linkedin.com/in/me-myself'];
    const dry = cli.run(['import', 'linkedin', messages, ...me, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(names()).toEqual(['Bob Lee', 'Me Myself']);
    const fixed = cli.run(['import', 'linkedin', messages, ...me, '--json']);
    expect(fixed.code).toBe(0);
    expect(fixed.json<Report & { takenOut: { name: string }[] }>()).toMatchObject({
      interactions: { created: 3, duplicates: 0, removed: 3 },
      takenOut: [{ name: 'Me Myself' }],
    });
    expect(names()).toEqual(['Alice Wong', 'Bob Lee']);
    const alice = cli.run(['show', 'Alice Wong', '--json']).json<{ stats: { inbound: number; outbound: number } }>();
    // the group message from Bob counts for her as neither hers nor the user's
    expect(alice.stats).toMatchObject({ interactions: 3, inbound: 1, outbound: 1 });
    const again = cli.run(['import', 'linkedin', messages, '--json']).json<Report>();
    expect(again.interactions).toEqual({ created: 0, duplicates: 3 });
  });

  it('reports bad rows with file and line, and imports the rest', () => {
    const r = cli.run(['import', 'google', join(GOOGLE, 'contacts-current.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/contacts-current\.csv:10: /);
  });

  it('counts every record of a file in the report, those it could not read too', () => {
    // Google: 4 rows, of which one has a stray quote and one names nobody
    const csv = join(cli.dir, 'contacts.csv');
    const header = 'First Name,Last Name,E-mail 1 - Value,Notes';
    writeFileSync(
      csv,
      [header, 'Ann,Lee,ann@x.example,', 'Bob,"Ro"e,bob@x.example,', ',,,just a note', 'Cy,Po,,'].join('\n'),
    );
    const google = cli.run(['import', 'google', csv, '--json']).json<Report>();
    expect(google.records).toBe(4);
    expect(google.people.created).toBe(2);
    // vCard: 3 cards, of which one names nobody
    const vcf = join(cli.dir, 'cards.vcf');
    const card = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'];
    writeFileSync(vcf, [...card('FN:Dee Vu'), ...card('NOTE:nobody'), ...card('FN:Eve Ng')].join('\r\n'));
    const vcard = cli.run(['import', 'vcard', vcf, '--json']).json<Report>();
    expect([vcard.records, vcard.people.created]).toEqual([3, 2]);
    // iCalendar: 2 events, of which one has no start
    const ics = join(cli.dir, 'cal.ics');
    const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
    const guests = ['ORGANIZER:mailto:me@x.example', 'ATTENDEE:mailto:fay@x.example'];
    writeFileSync(
      ics,
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        ...event('UID:a', 'DTSTART:20261101T100000Z', 'DTEND:20261101T110000Z', ...guests),
        ...event('UID:b', 'SUMMARY:no start', ...guests),
        'END:VCALENDAR',
      ].join('\r\n'),
    );
    const cal = cli.run(['import', 'ics', ics, '--me', 'me@x.example', '--json']).json<Report>();
    expect([cal.records, cal.interactions.created]).toEqual([2, 1]);
    expect(cal.issues.map((i) => i.code)).toEqual(['no_start']);
  });
});

describe('rapport duplicates, merge and distinct', () => {
  it('lists same-name people kept apart, merges them, or records that they differ', () => {
    cli.run(['add', 'Tom Baker', '--email', 'tom@bbc.example']);
    cli.run(['add', 'Tom Baker', '--email', 'tom@bakery.example']);
    cli.run(['add', 'Ann Lee', '--email', 'ann@a.example']);
    cli.run(['add', 'Ann Lee', '--email', 'ann@b.example']);
    const groups = cli.run(['duplicates', '--json']).json<{ name: string; people: { id: number }[] }[]>();
    expect(groups.map((g) => g.name)).toEqual(['Ann Lee', 'Tom Baker']);
    const merged = cli.run(['merge', '1', '2']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(/^Merged Tom Baker \(2\) into Tom Baker \(1\)/);
    expect(cli.run(['show', 'tom@bakery.example', '--json']).json<{ id: number }>().id).toBe(1);
    expect(cli.run(['distinct', '3', '4']).code).toBe(0);
    expect(cli.run(['duplicates']).stdout).toMatch(/^No possible duplicates/);
    expect(cli.run(['merge', '1', '1']).code).toBe(2);
  });

  it('keeps the first person’s details in a merge, and writes the other’s that differ into the notes', () => {
    cli.run(['add', 'Ida Park', '--email', 'ida@a.example', '--org', 'Acme', '--met', 'at school']);
    cli.run(['add', 'Ida Park', '--email', 'ida@b.example', '--org', 'Globex', '--title', 'CFO', '--met', 'at SaaStr']);
    const merged = cli.run(['merge', '1', '2']);
    expect(merged.code).toBe(0);
    expect(merged.stderr).toContain(
      "Kept organisation Acme; Ida Park's Globex is in the notes (rapport edit 1 changes it)",
    );
    expect(merged.stderr).toContain("Kept met at school; Ida Park's at SaaStr is in the notes");
    const ida = cli
      .run(['show', '1', '--json'])
      .json<{ org: string; title: string; notes: string; emails: string[] }>();
    expect(ida).toMatchObject({ org: 'Acme', title: 'CFO', emails: ['ida@a.example', 'ida@b.example'] });
    expect(ida.notes).toBe('Merged from Ida Park (#2), who had organisation Globex; met at SaaStr');
  });
});

describe.skipIf(skipWithoutSharedData('ics-samples', 'cli-import.test'))('rapport import ics', () => {
  it('imports a recurring meeting’s occurrences up to now, and a later import adds only the new ones', () => {
    // a weekday meeting of two people since 2012: the last three years of weekdays are about 782
    const file = join(ICS, 'icaljs__parserv2.ics');
    const first = cli.run(['import', 'ics', file, '--me', 'foo@bar.com', '--json']).json<Report>();
    expect(first.interactions.created).toBeGreaterThan(770);
    expect(first.interactions.created).toBeLessThanOrEqual(784);
    // a month later (commander takes the last --now given)
    const later = cli.run(['--now', '2026-12-31T12:00:00Z', 'import', 'ics', file, '--json']).json<Report>();
    expect(later.interactions.created).toBeGreaterThan(0);
    expect(later.interactions.created).toBeLessThanOrEqual(23); // the weekdays of one month
    const again = cli.run(['--now', '2026-12-31T12:00:00Z', 'import', 'ics', file, '--json']).json<Report>();
    expect(again.interactions.created).toBe(0);
  });

  it('says what a calendar held: guests’ answers taken in, not a meeting without a time; versions left out by why', () => {
    // events 4-7 of the file are four REPLYs (B and X accept, C and Y decline) without DTSTART;
    // event 2 is the meeting; events 1 and 3 older versions of it, 8 an older CANCEL, 9 a COUNTER
    const r = cli.run(['import', 'ics', join(ICS, 'ical4j__incoming.ics')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Read 1 meeting and 4 guests’ answers (REPLY) from 9 events (VEVENTs) in 1 file: 4 people created, 0 matched; 1 interaction created, 0 already there',
    );
    expect(r.stderr).toContain(
      '4 guests’ answers (REPLY) taken in: a guest who declined is left out of the meeting answered',
    );
    expect(r.stderr).toContain(
      'Skipped: 2 older versions of meetings the file holds newer ones of (same UID: lower SEQUENCE, earlier DTSTAMP, or earlier in the file), ' +
        '1 cancellation (CANCEL) older than the version of its meeting in the file (the meeting stands), ' +
        '1 new time proposed (COUNTER) for a meeting whose invitation is in the file (the invitation decides)',
    );
    expect(r.stderr).not.toContain('DTSTART');
    expect(r.stderr).not.toContain('ical4j__incoming.ics:121');
  });

  it('says a recurring meeting’s occurrences are meetings from one VEVENT', () => {
    // one VEVENT, weekdays at 09:30 Sydney: 784 of them in the three years before 2026-11-20 (see
    // ics.test.ts); the JSON report's records stay the occurrences read
    const file = join(ICS, 'ical4j__Standup.ics');
    const r = cli.run(['--now', '2026-11-20T00:00:00Z', 'import', 'ics', file, '--dry-run']);
    expect(r.stdout).toContain('Dry run, nothing written: read 784 meetings from 1 event (VEVENT) in 1 file:');
    const json = cli.run(['--now', '2026-11-20T00:00:00Z', 'import', 'ics', file, '--json']).json<Report>();
    expect(json).toMatchObject({ records: 784, events: 1, meetings: 784, skipped: { no_counterparts: 784 } });
  });
});

describe('rapport import killed halfway', () => {
  it('leaves the database as it was before that file, and the next import completes it', async () => {
    const { writeMbox } = await import('../bench/mail-generate.js');
    const small = join(cli.dir, 'small.mbox');
    const big = join(cli.dir, 'big.mbox');
    await writeMbox(small, { messages: 200, seed: 1, owner: 'owner@example.com', people: 50 });
    await writeMbox(big, { messages: 120_000, seed: 2, owner: 'owner@example.com', people: 2000 });
    expect(cli.run(['import', 'mbox', small, '--me', 'owner@example.com']).code).toBe(0);
    const before = cli.run(['export']).stdout;

    const child = spawn(process.execPath, [BIN, '--db', cli.db, 'import', 'mbox', big], {
      env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let printed = '';
    child.stdout.on('data', (d: Buffer) => {
      printed += d.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    // 120,000 messages take several seconds here: kill it a second in, while it is writing
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGKILL');
    expect(await exited, 'the import finished before it could be killed').toBe('SIGKILL');
    expect(printed, 'the import had already reported').toBe('');

    expect(cli.run(['export']).stdout).toBe(before);
    const check = cli.run(['rescore', '--json']);
    expect(check.code).toBe(0);

    // interrupted (Ctrl-C, a kill): the same, with a sentence and the shell's exit code
    const stopped = spawn(process.execPath, [BIN, '--db', cli.db, 'import', 'mbox', big], {
      env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let said = '';
    stopped.stderr.on('data', (d: Buffer) => {
      said += d.toString();
    });
    const code = new Promise<number | null>((done) => stopped.on('exit', (c) => done(c)));
    await new Promise((r) => setTimeout(r, 1000));
    stopped.kill('SIGTERM');
    expect(await code).toBe(143);
    expect(said).toMatch(/Interrupted: what was not finished was not saved\./);
    expect(said).not.toMatch(/\n\s+at /);
    expect(cli.run(['export']).stdout).toBe(before);

    // a first import into a new database, stopped: no empty database is left behind
    const fresh = join(cli.dir, 'never-finished.db');
    const first = spawn(process.execPath, [BIN, '--db', fresh, 'import', 'mbox', big, '--me', 'owner@example.com'], {
      env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const firstCode = new Promise<number | null>((done) => first.on('exit', (c) => done(c)));
    await new Promise((r) => setTimeout(r, 1000));
    expect(existsSync(fresh), 'the import had not created its database yet').toBe(true);
    first.kill('SIGINT');
    expect(await firstCode).toBe(130);
    expect(readdirSync(cli.dir).filter((f) => f.startsWith('never-finished'))).toEqual([]);

    const done = cli.run(['import', 'mbox', big, '--json']).json<Report>();
    expect(done.interactions.created).toBeGreaterThan(90_000);
  }, 120_000);
});
