import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../domain/person.js';
import { detectEncoding } from './decode.js';
import { GoogleContactsStream, googleHeadProblem, normaliseBirthday, parseGoogleContacts, tagsOf } from './google.js';
import { NotThisFormat, type ParseResult, type PersonRecord } from './records.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'google', name)));
const csv = (text: string) => new TextEncoder().encode(text);
const byName = (records: PersonRecord[], name: string) => records.find((r) => r.name === name) as PersonRecord;

describe('parseGoogleContacts, current layout (UTF-8 with BOM, groups out of order)', () => {
  const bytes = fixture('contacts-current.csv');
  const { records, issues } = parseGoogleContacts(bytes);

  it('reads 8 people from 9 rows, with 2 issues at their lines', () => {
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(records).toHaveLength(8);
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [10, 'no_identity'], // labels and a note, nothing to know them by
      [12, 'bad_date'], // Birthday "12/04/85": day and month cannot be told apart
    ]);
  });

  it('maps every group by its header name, splits " ::: " values and drops repeats', () => {
    const ana = byName(records, 'Ana María García López');
    expect(ana).toEqual({
      kind: 'person',
      where: { line: 2 },
      name: 'Ana María García López',
      // put together from First, Middle and Last Name: no "Last, First" in it
      nameAsWritten: true,
      // E-mail 1 holds two values; E-mail 3 repeats the first in capitals; E-mail 2 is empty
      emails: ['ana@example.es', 'ana.garcia@telefonica.example'],
      phones: ['+34 612 345 678'],
      // Website 1 is a blog, Website 2 the LinkedIn profile
      profileUrl: 'https://www.linkedin.com/in/ana-maria-garcia',
      org: 'Telefónica, S.A.',
      title: 'Directora de Producto',
      birthday: '1985-04-12',
      tags: ['Friends', 'starred'],
      notes: 'Met at MWC 2023.\nPrefers WhatsApp; speaks Catalan.',
    });
  });

  it('keeps the number of a phone written as a tel: URI, once, an extension with it', () => {
    const text =
      'First Name,Last Name,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Labels\r\n' +
      'Uma,Tel,uma@x.example,Mobile,tel:+1-555-0100;ext=7 ::: +1-555-0100 ::: tel:+1-555-0100,Work,TEL:+1-555-0199,\r\n';
    const {
      records: [uma],
    } = parseGoogleContacts(Buffer.from(text));
    expect(uma?.phones).toEqual(['+1-555-0100 ext. 7', '+1-555-0100', '+1-555-0199']);
  });

  it('reports a row with values beyond the header (an unquoted comma), and imports it as it is', () => {
    const { records, issues } = parseGoogleContacts(
      csv(
        'First Name,Last Name,E-mail 1 - Value,Organization Name,Notes\r\n' +
          'Omar,Field,omar@x.example,Acme, Inc.,VIP client\r\n' +
          'Ada,Lovelace,ada@x.example,,,,\r\n',
      ),
    );
    expect(records.map((r) => [r.name, r.org, r.notes])).toEqual([
      ['Omar Field', 'Acme', 'Inc.'],
      ['Ada Lovelace', undefined, undefined],
    ]);
    // empty cells past the header (Excel pads rows) are no problem
    expect(issues.map((i) => [i.line, i.code])).toEqual([[2, 'extra_fields']]);
    expect(issues[0]?.message).toContain("a value beyond the header's 5 columns");
  });

  it('reports a row shifted by an unquoted comma into empty columns when the file’s other rows fit its header', () => {
    const header = 'First Name,Last Name,Organization Name,E-mail 1 - Value,Notes\r\n';
    const shifted = parseGoogleContacts(
      csv(
        header +
          'Ada,Lovelace,Analytical,ada@x.example,\r\n' +
          'Hand,Edited,Smith, Jones & Co,hand@x.example,\r\n' +
          'Alan,Turing,,alan@x.example,\r\n',
      ),
    );
    expect(shifted.records.map((r) => [r.org, r.emails])).toEqual([
      ['Analytical', ['ada@x.example']],
      ['Smith', []],
      [undefined, ['alan@x.example']],
    ]);
    // " Jones & Co" is no address; but that the row is shifted is said too (with a label column
    // before it, as Google writes, the address would be lost without a word)
    expect(shifted.issues.map((i) => [i.line, i.code])).toEqual([
      [3, 'bad_email'],
      [3, 'extra_fields'],
    ]);
    expect(shifted.issues[1]?.message).toContain("a column beyond the header's 5 columns");
    // one row that fits and one shifted: as telling
    const two = parseGoogleContacts(
      csv(header + 'Ada,Lovelace,Analytical,ada@x.example,\r\n' + 'Hand,Edited,Smith, Jones & Co,hand@x.example,\r\n'),
    );
    expect(two.issues.map((i) => [i.line, i.code])).toEqual([
      [3, 'bad_email'],
      [3, 'extra_fields'],
    ]);
    // a file whose every row ends in a separator: its habit, not a shift
    const habit = parseGoogleContacts(
      csv(header + 'Ada,Lovelace,Analytical,ada@x.example,,\r\n' + 'Alan,Turing,,alan@x.example,,\r\n'),
    );
    expect(habit.issues).toEqual([]);
  });

  it('numbers rows by the line they start on, after quoted line breaks', () => {
    expect(records.map((r) => r.where.line)).toEqual([2, 5, 6, 7, 8, 9, 11, 12]);
  });

  it('keeps birthdays without a year, and reads phones in group order', () => {
    const bjorn = byName(records, 'Björn Ek');
    expect(bjorn.birthday).toBe('--04-12');
    expect(bjorn.phones).toEqual(['+46 70 111 22 33', '+46 8 123 456']);
    expect(bjorn.tags).toEqual(['Friends']);
    expect(byName(records, "Siobhán O'Connor")).toMatchObject({
      birthday: '1985-04-12',
      profileUrl: 'https://linkedin.com/in/siobhan-oconnor/',
      tags: ['friends', 'Coaches'],
    });
    expect(byName(records, 'Kenji Watanabe').birthday).toBeUndefined();
  });

  it('falls back to File As, Nickname, then the organisation for a name, and keeps a person known only by email', () => {
    expect(byName(records, 'Dr. Nkechi Okafor')).toMatchObject({
      tags: ['starred', 'Mentors'],
      org: 'Lagos University Teaching Hospital',
    });
    expect(byName(records, 'Dolly')).toMatchObject({ emails: ['dolly@example.org'], tags: [] });
    expect(byName(records, 'Plomberie Dupré & Fils')).toMatchObject({
      org: 'Plomberie Dupré & Fils',
      tags: ['Home repairs'],
    });
    expect(records.find((r) => r.name === undefined)).toMatchObject({ emails: ['no-name@example.com'], tags: [] });
  });
});

describe('parseGoogleContacts, other layouts and encodings', () => {
  it('reads the legacy layout: Name, Organization 1 - Name, Group Membership', () => {
    const { records, issues } = parseGoogleContacts(fixture('contacts-legacy.csv'));
    expect(records).toEqual([
      {
        kind: 'person',
        where: { line: 2 },
        name: 'Mario Rossi',
        emails: ['mario.rossi@example.it', 'mario@example.it'],
        phones: ['+39 333 123 4567'],
        profileUrl: 'http://www.linkedin.com/in/mariorossi',
        org: 'Rossi & Bianchi, S.p.A.',
        title: 'CFO',
        birthday: '1979-11-03',
        tags: ['Colleagues'],
        notes: undefined,
      },
      expect.objectContaining({
        name: 'Ingrid Marie Sørensen',
        emails: ['ingrid@example.dk'],
        tags: ['starred'],
        notes: 'Board member, Copenhagen fintech meetup',
      }),
    ]);
    expect(issues.map((i) => [i.line, i.code])).toEqual([[4, 'no_identity']]);
  });

  it('reads a UTF-16 LE export', () => {
    const bytes = fixture('contacts-utf16le.csv');
    expect(detectEncoding(bytes).encoding).toBe('utf-16le');
    const { records, issues } = parseGoogleContacts(bytes);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.name, r.emails, r.tags])).toEqual([
      ['佐藤美咲', ['misaki@example.jp'], ['家族']], // family name first, as it is written in Japanese
      ['Dmitrii Иванов', ['d.ivanov@example.ru'], []],
      ['Zoë Ångström', [], ['starred']],
    ]);
  });

  it('reads a Windows-1252 export with accented names', () => {
    const bytes = fixture('contacts-windows1252.csv');
    expect(detectEncoding(bytes).encoding).toBe('windows-1252');
    const { records, issues } = parseGoogleContacts(bytes);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.name)).toEqual(['Renée Lefèvre', 'Jürgen Groß', 'Nuño Peña']);
    expect(records[2]?.tags).toEqual(['Clients', '“VIP”']);
  });

  it('reports a malformed row and reads the rest', () => {
    const text =
      'First Name,Last Name,Labels,E-mail 1 - Value\nAda,L,,ada@example.com\nBo,"M"x,,\nCy,N,,cy@example.com\n';
    const { records, issues } = parseGoogleContacts(csv(text));
    expect(records.map((r) => r.name)).toEqual(['Ada L', 'Cy N']);
    expect(issues.map((i) => [i.line, i.code])).toEqual([[3, 'bad_csv_record']]);
  });

  it('reads a file Excel saved again with semicolons between cells', () => {
    const text =
      'First Name;Last Name;Labels;E-mail 1 - Value;Notes\r\nAda;Lovelace;* starred;ada@example.com;"likes; semicolons"\r\n';
    const { records, issues } = parseGoogleContacts(csv(text));
    expect(issues).toEqual([]);
    expect(records).toEqual([
      expect.objectContaining({ name: 'Ada Lovelace', emails: ['ada@example.com'], notes: 'likes; semicolons' }),
    ]);
    expect(googleHeadProblem(csv(text))).toBeUndefined();
    // commas inside a comma-separated header's cells do not make it a semicolon file
    expect(parseGoogleContacts(csv('First Name,Last Name,Labels,Notes\nBo,M,,"a;b"\n')).records[0]?.notes).toBe('a;b');
  });

  it('reads several addresses typed into one cell, a mailto: link and a final dot', () => {
    const text =
      'First Name,Last Name,E-mail 1 - Value,E-mail 2 - Value\nFa,Ho,"fa@ho.example; fa2@ho.example",mailto:Fa3@Ho.example\nEd,Gu,ED@GU.EXAMPLE.,\n';
    const { records, issues } = parseGoogleContacts(csv(text));
    expect(records.map((r) => r.emails.map(normalizeEmail))).toEqual([
      ['fa@ho.example', 'fa2@ho.example', 'fa3@ho.example'],
      ['ed@gu.example'],
    ]);
    expect(issues).toEqual([]);
  });

  it('takes a LinkedIn member profile for the profile, not a company, school or group page colleagues list too', () => {
    const text = [
      'First Name,Last Name,Labels,Website 1 - Value,Website 2 - Value',
      'Alice,Archer,,https://www.linkedin.com/company/acme,https://www.linkedin.com/in/alice-archer/',
      'Bob,Baker,,https://www.linkedin.com/company/acme/,',
      'Cy,Cole,,linkedin.com/school/mit,https://uk.linkedin.com/pub/cy-cole/1/2/3',
      'Di,Dunn,,https://www.linkedin.com/groups/123,https://www.linkedin.com/in/',
    ].join('\n');
    const { records } = parseGoogleContacts(csv(`${text}\n`));
    expect(records.map((r) => r.profileUrl)).toEqual([
      'https://www.linkedin.com/in/alice-archer/',
      undefined,
      'https://uk.linkedin.com/pub/cy-cole/1/2/3',
      undefined,
    ]);
  });

  it('reports an e-mail cell that is not an address, and keeps the contact without it', () => {
    const text = 'First Name,Last Name,Labels,E-mail 1 - Value\nAda,L,,ada@ ::: ada@example.com\nBo,M,,bo at example\n';
    const { records, issues } = parseGoogleContacts(csv(text));
    expect(records.map((r) => [r.name, r.emails])).toEqual([
      ['Ada L', ['ada@example.com']],
      ['Bo M', []],
    ]);
    expect(issues).toEqual([
      { line: 2, code: 'bad_email', message: 'E-mail "ada@" is not an email address; kept without it' },
      { line: 3, code: 'bad_email', message: 'E-mail "bo at example" is not an email address; kept without it' },
    ]);
  });

  it('refuses a LinkedIn Connections.csv, random text, an empty file and binary data', () => {
    const linkedin = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'linkedin', 'Connections.csv')));
    expect(() => parseGoogleContacts(linkedin)).toThrow(/not a Google Contacts CSV: no/);
    expect(() => parseGoogleContacts(csv('hello, world\nthis is not it\n'))).toThrow(NotThisFormat);
    expect(() => parseGoogleContacts(new Uint8Array())).toThrow(NotThisFormat);
    expect(() => parseGoogleContacts(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]))).toThrow(NotThisFormat);
  });

  it('throws nothing but NotThisFormat on random bytes or CSV-ish text', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        '"',
        ',',
        '\n',
        '\r\n',
        ' ::: ',
        '* myContacts',
        '--04-12',
        'First Name,Last Name,Labels,E-mail 1 - Value\n',
        'Name,Given Name,Family Name,Group Membership\n',
      ),
    );
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.array(piece, { maxLength: 40 }).map((p) => csv(p.join(''))),
    );
    fc.assert(
      fc.property(input, (bytes) => {
        try {
          const r = parseGoogleContacts(bytes);
          for (const p of r.records) expect(p.name || p.emails.length || p.phones.length || p.profileUrl).toBeTruthy();
        } catch (err) {
          expect(err).toBeInstanceOf(NotThisFormat);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseGoogleContacts, Outlook CSV (Google’s other export, and Outlook’s)', () => {
  const header =
    '"First Name","Middle Name","Last Name","Title","Suffix","Nickname","E-mail Address","E-mail 2 Address","E-mail 3 Address","Home Phone","Business Phone","Mobile Phone","Job Title","Department","Company","Web Page","Birthday","Notes","Categories"';
  const row =
    '"Ana","María","García","Dr.","","","ana@telefonica.example","ana.garcia@gmail.example","","+34 91 000 0000","","+34 600 000 000","Head of Partnerships","","Telefónica","https://www.linkedin.com/in/ana-garcia","1/31/1985","Met in Madrid","Clients;VIP"';
  const empty = '"","","Bo","","","","bo@x.example","","","","","","","","","","0/0/00","",""';

  it('reads names, every address and phone, the job (not the "Title"), the birthday and categories', () => {
    const { records, issues } = parseGoogleContacts(csv(`${header}\r\n${row}\r\n${empty}\r\n`));
    expect(issues).toEqual([]);
    expect(records[0]).toEqual({
      kind: 'person',
      where: { line: 2 },
      name: 'Ana María García',
      // put together from First, Middle and Last Name: no "Last, First" in it
      nameAsWritten: true,
      emails: ['ana@telefonica.example', 'ana.garcia@gmail.example'],
      phones: ['+34 600 000 000', '+34 91 000 0000'],
      profileUrl: 'https://www.linkedin.com/in/ana-garcia',
      org: 'Telefónica',
      title: 'Head of Partnerships',
      birthday: '1985-01-31',
      tags: ['Clients', 'VIP'],
      notes: 'Met in Madrid',
    });
    // Outlook's "0/0/00" is no birthday, and says nothing
    expect(records[1]).toMatchObject({ name: 'Bo', emails: ['bo@x.example'], birthday: undefined });
  });

  const born = (name: string, birthday: string) =>
    `"${name}","","Doe","","","","${name.toLowerCase()}@x.example","","","","","","","","","","${birthday}","",""`;
  const birthdays = (rows: string[], chunk?: number) => {
    const bytes = csv(`${header}\r\n${rows.join('\r\n')}\r\n`);
    const stream = new GoogleContactsStream();
    const out: ParseResult<PersonRecord>[] = [];
    for (let i = 0; i < bytes.length; i += chunk ?? bytes.length)
      out.push(stream.push(bytes.subarray(i, i + (chunk ?? bytes.length))));
    out.push(stream.end());
    return {
      people: out
        .flatMap((r) => r.records)
        .map((p) => [p.name, p.birthday])
        .sort(),
      issues: out.flatMap((r) => r.issues).map((i) => [i.line, i.message]),
    };
  };

  it('reads 3/4/1985 day first or month first as another birthday of the file tells, wherever it comes', () => {
    for (const chunk of [undefined, 40]) {
      expect(birthdays([born('Amy', '3/4/1985'), born('Ben', '25/12/1990')], chunk)).toEqual({
        people: [
          ['Amy Doe', '1985-04-03'],
          ['Ben Doe', '1990-12-25'],
        ],
        issues: [],
      });
      expect(birthdays([born('Amy', '3/4/1985'), born('Ben', '12/25/1990')], chunk)).toEqual({
        people: [
          ['Amy Doe', '1985-03-04'],
          ['Ben Doe', '1990-12-25'],
        ],
        issues: [],
      });
    }
  });

  it('keeps the person without a birthday that nothing in the file tells how to read, and says so', () => {
    expect(birthdays([born('Amy', '3/4/1985'), born('Ben', '1/2/1990')], 50)).toEqual({
      people: [
        ['Amy Doe', undefined],
        ['Ben Doe', undefined],
      ],
      issues: [
        [
          2,
          'Birthday "3/4/1985" could be read day first or month first, and no birthday in the file says which; kept without it',
        ],
        [
          3,
          'Birthday "1/2/1990" could be read day first or month first, and no birthday in the file says which; kept without it',
        ],
      ],
    });
  });
});

describe('Google CSV names', () => {
  it('marks a name put together from name parts, or a company-only contact’s company, as written: its comma is no "Last, First"', () => {
    const text = [
      'First Name,Middle Name,Last Name,File As,Organization Name,E-mail 1 - Value,Phone 1 - Value',
      'John,"A., B.",Smith,,,gm1@ex.com,',
      '"Maria, Jr",,Lopez,,,gm2@ex.com,',
      ',,,,"Morgan, Lewis & Bockius",,+1 215 963 5000',
      // one name field alone may be written family name first
      '"Doe, Jane",,,,,jane@ex.com,',
      ',,,"Roe, Sam",,sam@ex.com,',
    ].join('\n');
    expect(parseGoogleContacts(csv(text)).records.map((r) => [r.name, r.nameAsWritten])).toEqual([
      ['John A., B. Smith', true],
      ['Maria, Jr Lopez', true],
      ['Morgan, Lewis & Bockius', true],
      ['Doe, Jane', undefined],
      ['Roe, Sam', undefined],
    ]);
  });

  it('gives the name as the contact writes it, with an "@" or a note in brackets in it', () => {
    const text = [
      'First Name,Middle Name,Last Name,Labels,E-mail 1 - Value,Phone 1 - Value',
      'Mike,,@ Acme,* myContacts,m.k@acme.example,',
      'Jane,,Doe (née Smith),* myContacts,gjane@ex.com,',
      'Alex,,Kim [Board],* myContacts,gkim@ex.com,',
    ].join('\n');
    expect(parseGoogleContacts(csv(text)).records.map((r) => r.name)).toEqual([
      'Mike @ Acme',
      'Jane Doe (née Smith)',
      'Alex Kim [Board]',
    ]);
  });

  it('keeps a generational suffix (Jr., III) of Name Suffix or Outlook’s Suffix, not a degree', () => {
    const current = [
      'First Name,Middle Name,Last Name,Name Prefix,Name Suffix,Labels,Phone 1 - Value',
      'John,,Smith,,Jr.,* myContacts,+1 555 123 9876',
      'Jane,,Doe,Dr.,PhD,* myContacts,+1 555 123 9877',
    ].join('\n');
    expect(parseGoogleContacts(csv(current)).records.map((r) => r.name)).toEqual(['John Smith Jr.', 'Jane Doe']);
    const outlook = 'First Name,Middle Name,Last Name,Suffix,E-mail Address\nHenry,,Ford,III,h3@ford.example\n';
    expect(parseGoogleContacts(csv(outlook)).records.map((r) => r.name)).toEqual(['Henry Ford III']);
  });

  it('writes a Chinese, Japanese or Korean name family name first, without a space', () => {
    const text = ['First Name,Last Name,Labels,Phone 1 - Value', '雷,李,,+86 139 0013 9000', '민수,김,,'].join('\n');
    expect(parseGoogleContacts(csv(text)).records.map((r) => r.name)).toEqual(['李雷', '김민수']);
  });

  it('reads "Email 1 - Value" columns as Google’s "E-mail 1 - Value"', () => {
    const text = [
      'First Name,Last Name,Labels,Email 1 - Label,Email 1 - Value,Email 2 - Label,Email 2 - Value',
      'Mara,Lind,* myContacts,Work,mara@lind.example,Home,mara@home.example',
      'Mara,Lind,* myContacts,Home,mara@other.example,,',
    ].join('\n');
    expect(parseGoogleContacts(csv(text)).records.map((r) => r.emails)).toEqual([
      ['mara@lind.example', 'mara@home.example'],
      ['mara@other.example'],
    ]);
  });
});

describe('damaged and unusual Google CSV files', () => {
  const HEADER = 'First Name,Last Name,Labels,E-mail 1 - Value,Address 1 - Formatted,Notes';

  it('keeps the first 64 KiB of a value longer than that, and says so', () => {
    const huge = 'x'.repeat(200_000);
    const text = `First Name,Last Name,E-mail 1 - Value,Notes\nSam,Roe,sam@x.example,${huge}\n`;
    const r = parseGoogleContacts(new TextEncoder().encode(text));
    expect(r.records[0]?.notes).toHaveLength(64 * 1024);
    expect(r.issues.map((i) => [i.line, i.code, i.message])).toEqual([
      [2, 'value_too_long', 'the Notes value is longer than 64 KiB; only its start was kept'],
    ]);
    // a grouped column is cut the same way, and a bad birthday is quoted by its start only
    const grouped = `First Name,Last Name,Birthday,Labels,Organization 1 - Name\nSam,Roe,${huge},,${huge}\n`;
    const g = parseGoogleContacts(new TextEncoder().encode(grouped));
    expect(g.records[0]?.org).toHaveLength(64 * 1024);
    expect(g.issues.map((i) => [i.code, i.message.length < 200])).toEqual([
      ['value_too_long', true],
      ['value_too_long', true],
      ['bad_date', true],
    ]);
  });

  it('reads a quoted note of over a megabyte on thousands of lines as one value, cut like any long value, and the row after it', () => {
    const lines = Array.from(
      { length: 11_000 },
      (_, i) => `2024-01-${i} call with Sam,Stone,about renewal; ${'.'.repeat(50)}`,
    );
    const text = `${HEADER}\nLong,Notes,,long@x.example,,"Call log:\n${lines.join('\n')}\nend"\nAfter,Row,,after@x.example,,\n`;
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const { records, issues } = parseGoogleContacts(csv(text));
    expect(records.map((r) => r.name)).toEqual(['Long Notes', 'After Row']);
    expect(records[0]?.notes).toHaveLength(64 * 1024);
    expect(records[0]?.notes?.startsWith('Call log:\n2024-01-0 call with Sam,Stone')).toBe(true);
    expect(records[1]?.where).toEqual({ line: 2 + 11_002 });
    expect(issues.map((i) => [i.line, i.code])).toEqual([[2, 'value_too_long']]);
  });

  it('makes nobody of the lines of a quoted value that a truncated file leaves open', () => {
    const text = `${HEADER}\nAna,Ruiz,,ana@x.example,,\nBen,Ode,,ben@x.example,"1 Main St\nSpringfield, IL 62701\nUSA","Met at conf\nLikes golf, tennis\nC`;
    const { records, issues } = parseGoogleContacts(csv(text));
    expect(records.map((r) => r.name)).toEqual(['Ana Ruiz']);
    expect(issues.map((i) => [i.line, i.code])).toEqual([[3, 'bad_csv_record']]);
    expect(issues[0]?.message).toMatch(/never closed\) on lines 3–7/);
  });

  it('makes nobody of binary data after the contacts (a file cut and glued), and says which lines it was', () => {
    // the start of a gzip file: control characters, bytes over 0x7F, line ends, a comma
    const garbage = Buffer.from('1f8b0800000000000003ed5d0b7c14d5b5ff9f992c0a58a20c2c9b4d0a2c8d8f', 'hex');
    // (after a hundred contacts: a file that starts binary is refused whole)
    const contacts = Array.from({ length: 100 }, (_, i) => `Ana,Ruiz ${i},,ana${i}@x.example,,\n`).join('');
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\n${contacts}`), garbage, Buffer.from('\n')]);
    const { records, issues } = parseGoogleContacts(new Uint8Array(bytes));
    expect(records).toHaveLength(100);
    expect(issues.map((i) => [i.line, i.code, i.dropped])).toEqual([
      [102, 'binary_data', true],
      [103, 'binary_data', true],
      [104, 'binary_data', true],
    ]);
    // signs people write (a no-break space, º ª ® «»), even in a row short of the header's columns, are text
    expect(
      parseGoogleContacts(csv(`${HEADER}\nJosé,Núñez,,jose@x.example,"Calle Mayor Nº 1ª\u00a0«B» ®"\n`)).records,
    ).toHaveLength(1);
    // a stray NUL or escape in a contact is cleaned, the contact kept
    expect(
      parseGoogleContacts(csv(`${HEADER}\nAnn,Lee,,ann@x.example,,a\u001b[2Jb Ome\u0000ga\n`)).records,
    ).toHaveLength(1);
    // binary data glued after a thousand contacts (a NUL first, as binary files have early) makes no
    // one: its rows are mostly odd characters, and those between them lack the header's columns.
    // (Short text, "A\n0", cannot be told from contacts.)
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 3000 }), (random) => {
        const rows = Array.from({ length: 1000 }, (_, i) => `P${i},Doe,,p${i}@x.example,,`).join('\n');
        const file = Buffer.concat([Buffer.from(`${HEADER}\n${rows}\n\u0000`), random]);
        const out = parseGoogleContacts(new Uint8Array(file));
        return out.records.filter((r) => !/^P\d+ Doe$/.test(r.name ?? '')).length === 0;
      }),
      { numRuns: 200 },
    );
  });

  it('makes nobody of a megabyte of random bytes in the middle of the contacts, and keeps the contact after it', () => {
    // (these bytes made three people, of rows with the header's four columns, before rows after
    // binary data had to be text a contact is written in)
    let seed = 2;
    const random = new Uint8Array(1_000_000).map(() => {
      // mulberry32: the same bytes every run
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) & 0xff;
    });
    const rows = Array.from({ length: 1000 }, (_, i) => `P${i},Doe,p${i}@x.example,`).join('\n');
    const file = Buffer.concat([
      Buffer.from(`First Name,Last Name,E-mail 1 - Value,Labels\n${rows}\n`),
      random,
      Buffer.from('\nLast,Row,last@row.example,\n'),
    ]);
    const out = parseGoogleContacts(new Uint8Array(file));
    expect(out.records.filter((r) => !/^P\d+ Doe$/.test(r.name ?? '')).map((r) => r.name)).toEqual(['Last Row']);
  });

  it('takes no name without a letter or digit in it, and keeps the contact by its email', () => {
    const { records, issues } = parseGoogleContacts(csv(`${HEADER}\n--,,,ana@x.example,,\n‘,,,,,\n`));
    expect(records.map((r) => [r.name, r.emails])).toEqual([[undefined, ['ana@x.example']]]);
    expect(issues.map((i) => [i.line, i.code])).toEqual([[3, 'no_identity']]);
  });

  it('skips the header where it comes again (two exports joined into one file)', () => {
    const { records, issues } = parseGoogleContacts(
      csv(`\uFEFF${HEADER}\r\nAna,Ruiz,,ana@x.example,,\r\n\uFEFF${HEADER}\r\nBen,Ode,,ben@x.example,,\r\n`),
    );
    expect(records.map((r) => r.name)).toEqual(['Ana Ruiz', 'Ben Ode']);
    expect(issues.map((i) => [i.line, i.code, i.message])).toEqual([
      [3, 'repeated_header', 'the row repeats the header (two files joined into one?); skipped'],
    ]);
  });

  it('loses only the record of a stray opening quote in a large file, reported where it is', () => {
    const rows = [HEADER];
    for (let i = 0; i < 30_000; i++)
      rows.push(
        i === 15_000
          ? `User${i},Doe,"Engineer,u${i}@x.example,,`
          : i % 5 === 0
            ? `User${i},Doe,,u${i}@x.example,"1 Main St\nSpringfield, IL 62701","second line, with comma\nthird"`
            : `User${i},Doe,,u${i}@x.example,,plain note ${'x'.repeat(40)}`,
      );
    const text = `${rows.join('\n')}\n`;
    // the line of row i: 2 + i + two more for every fifth row before it
    const lineOf = (i: number) => 2 + i + 2 * Math.ceil(i / 5);
    const all = parseGoogleContacts(csv(text));
    expect(all.issues.map((i) => [i.line, i.message])).toEqual([
      [lineOf(15_000), 'malformed CSV record (a stray quote at the start of a value); it was skipped'],
    ]);
    expect(all.records).toHaveLength(29_999);
    expect(all.records.some((r) => r.name === 'User15000 Doe')).toBe(false);
    expect(all.records.some((r) => /Springfield|second line/.test(r.name ?? ''))).toBe(false);
  });

  it('reads Excel’s "CSV (Macintosh)": Mac Roman with lines ended by CR alone', () => {
    const macRoman = (text: string) =>
      Buffer.from([...text].map((c) => ({ ë: 0x91, ü: 0x9f, é: 0x8e })[c] ?? c.charCodeAt(0)));
    const bytes = new Uint8Array(
      macRoman('First Name,Last Name,Organization Name,E-mail 1 - Value\rZoë,Müller,Société Générale,z@x.example\r'),
    );
    expect(parseGoogleContacts(bytes).records.map((r) => [r.name, r.org])).toEqual([
      ['Zoë Müller', 'Société Générale'],
    ]);
  });

  it('reads a CR-only export of any size, an Excel sep= line and tab-separated "Unicode text"', () => {
    const rows = ['First Name,Last Name,E-mail 1 - Value'];
    for (let i = 0; i < 3000; i++) rows.push(`Person${i},Number${i},p${i}@x.example`);
    const cr = csv(rows.join('\r'));
    expect(cr.length).toBeGreaterThan(64 * 1024);
    expect(googleHeadProblem(cr.subarray(0, 64 * 1024))).toBeUndefined();
    expect(parseGoogleContacts(cr).records).toHaveLength(3000);
    const sep = csv('sep=;\r\nFirst Name;Last Name;E-mail 1 - Value\r\nZoë;Müller;zoe@x.example\r\n');
    expect(googleHeadProblem(sep)).toBeUndefined();
    expect(parseGoogleContacts(sep)).toEqual({
      records: [expect.objectContaining({ name: 'Zoë Müller', emails: ['zoe@x.example'], where: { line: 3 } })],
      issues: [],
    });
    const tabs = new Uint8Array(
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('First Name\tLast Name\tE-mail 1 - Value\r\nŁukasz\tNowak\tl@x.example\r\n', 'utf16le'),
      ]),
    );
    expect(googleHeadProblem(tabs)).toBeUndefined();
    expect(parseGoogleContacts(tabs).records.map((r) => [r.name, r.emails])).toEqual([
      ['Łukasz Nowak', ['l@x.example']],
    ]);
  });
});

describe('GoogleContactsStream', () => {
  /** Feeds bytes in chunks of the given sizes (cycled) and gathers records and issues. */
  const streamed = (bytes: Uint8Array, sizes: number[]) => {
    const stream = new GoogleContactsStream();
    const records: PersonRecord[] = [];
    const issues = [];
    let held = 0;
    for (let at = 0, i = 0; at < bytes.length; i++) {
      const size = sizes[i % sizes.length] ?? bytes.length;
      const r = stream.push(bytes.subarray(at, at + size));
      records.push(...r.records);
      issues.push(...r.issues);
      held = Math.max(held, stream.buffered);
      at += size;
    }
    const r = stream.end();
    return { records: [...records, ...r.records], issues: [...issues, ...r.issues], held };
  };

  it('reads every fixture in chunks of any size as it reads the whole file', () => {
    const files = ['contacts-current.csv', 'contacts-legacy.csv', 'contacts-utf16le.csv', 'contacts-windows1252.csv'];
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }),
        (name, sizes) => {
          const bytes = fixture(name);
          const { records, issues } = streamed(bytes, sizes);
          expect({ records, issues }).toEqual(parseGoogleContacts(bytes));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads a 12 MB export holding about 1 MB of it at a time, each contact on its line', () => {
    const header = 'First Name,Last Name,E-mail 1 - Value,Notes,Labels\n';
    const row = (i: number) =>
      i % 5 === 0
        ? `Ada${i},Lovelace,ada${i}@example.com,"met at the ""Analytical"" conference,\nfollow up in May",* myContacts\n`
        : `Ada${i},Lovelace,ada${i}@example.com,${'x'.repeat(300)},Friends\n`;
    const parts = [header];
    for (let i = 0; i < 40_000; i++) parts.push(row(i));
    const bytes = csv(parts.join(''));
    const { records, issues, held } = streamed(bytes, [1024 * 1024]);
    expect(bytes.length).toBeGreaterThan(11.9e6);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(40_000);
    // row i starts on line 2 + i + the quoted line breaks before it (one in every fifth row)
    const last = records.at(-1) as PersonRecord;
    expect([last.name, last.where.line]).toEqual(['Ada39999 Lovelace', 2 + 39_999 + 8_000]);
    expect(held).toBeLessThan(4 * 1024 * 1024);
  });
  it('reads a German Excel file’s dotted birthdays, and a Dutch one’s dashed ones in the order its dates tell', () => {
    const german = parseGoogleContacts(
      csv('First Name;Last Name;Birthday;E-mail 1 - Value\r\nHans;Meier;12.04.1985;hans@x.de\r\n'),
    );
    expect([german.records[0]?.birthday, german.issues]).toEqual(['1985-04-12', []]);
    const dutch = parseGoogleContacts(
      csv('First Name;Last Name;Birthday;Labels\r\nNel;Dash;12-04-1985;\r\nJan;Dash;25-12-1990;\r\n'),
    );
    expect(dutch.records.map((r) => r.birthday)).toEqual(['1985-04-12', '1990-12-25']);
    expect(dutch.issues).toEqual([]);
  });
});

describe('normaliseBirthday', () => {
  it('reads the forms Google writes, with or without a year', () => {
    expect(normaliseBirthday('1985-04-12')).toBe('1985-04-12');
    expect(normaliseBirthday('--04-12')).toBe('--04-12');
    expect(normaliseBirthday(' --02-29 ')).toBe('--02-29');
    expect(normaliseBirthday('April 12, 1985')).toBe('1985-04-12');
    expect(normaliseBirthday('Apr 12')).toBe('--04-12');
    expect(normaliseBirthday('12 April 1985')).toBe('1985-04-12');
  });

  it('reads dates Excel writes again in other languages: dotted always day first, dashed as slashed', () => {
    expect(normaliseBirthday('12.04.1985')).toBe('1985-04-12');
    expect(normaliseBirthday('1.2.1985')).toBe('1985-02-01');
    expect(normaliseBirthday('31-01-1985')).toBe('1985-01-31');
    expect(normaliseBirthday('12-04-1985')).toBeUndefined();
    expect(normaliseBirthday('12-04-1985', 'dmy')).toBe('1985-04-12');
    expect(normaliseBirthday('12-04-1985', 'mdy')).toBe('1985-12-04');
  });

  it('refuses ambiguous or impossible dates', () => {
    for (const bad of ['12/04/85', '1985-02-30', '--13-01', 'soon', '1985-2024-01', '31.02.1985', '12.04.85'])
      expect(normaliseBirthday(bad)).toBeUndefined();
  });
});

describe('tagsOf', () => {
  it('keeps user labels and starred, drops the catch-all and import groups', () => {
    expect(tagsOf('* myContacts ::: Friends')).toEqual(['Friends']);
    expect(tagsOf('* starred ::: * other ::: Imported on 3/12/24 ::: Book club ::: book club')).toEqual([
      'starred',
      'Book club',
    ]);
    expect(tagsOf('* My Contacts ::: * Coworkers ::: System Group: Friends')).toEqual(['coworkers', 'friends']);
    expect(tagsOf('')).toEqual([]);
  });
});
