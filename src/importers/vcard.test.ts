import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedPath, skipWithoutSharedData } from '../../test/shared-data.js';
import { NotThisFormat, type PersonRecord } from './records.js';
import { parseVcard, VcardStream } from './vcard.js';

/** A vCard file from lines, CRLF by default. */
const vcf = (lines: string[], eol = '\r\n') => Buffer.from(lines.join(eol) + eol);
const card = (...props: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...props, 'END:VCARD'];
const only = (bytes: Uint8Array): PersonRecord => {
  const { records } = parseVcard(bytes);
  expect(records).toHaveLength(1);
  return records[0] as PersonRecord;
};
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => {
  const b = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1] as number, b[i] as number];
  return b;
};

describe.skipIf(skipWithoutSharedData('vcard-samples', 'vcard.test'))('parseVcard on the real sample files', () => {
  const read = (file: string) => parseVcard(readFileSync(sharedPath(`vcard-samples/${file}`)));

  // Cards counted with `grep -ci '^BEGIN:VCARD' *.vcf` (and `grep -ci '^END:VCARD'`, which agrees);
  // names, emails and birthdays read off the FN, EMAIL and BDAY lines of each file by hand.
  const expected: Record<
    string,
    { cards: number; names: string[]; emails: string[][]; birthdays: (string | undefined)[] }
  > = {
    'gmail-list.vcf': {
      cards: 3,
      names: ['Arnold Smith', 'Chris Beatle', 'Doug White'],
      emails: [['asmithk@gmail.com'], ['chrisy55d@yahoo.com'], ['dwhite@gmail.com']],
      birthdays: [undefined, undefined, undefined],
    },
    'gmail-single.vcf': {
      cards: 1,
      names: ['Greg Dartmouth'],
      emails: [['gdartmouth@hotmail.com']],
      birthdays: ['1960-09-10'],
    },
    'gmail-single2.vcf': {
      cards: 1,
      names: ['VCard Test'],
      // four EMAIL lines, then item1.EMAIL (labelled by item1.X-ABLabel)
      emails: [
        [
          'email@example.com',
          'homeemail@example.com',
          'workemail@example.com',
          'otheremail@example.com',
          'customcategory@example.com',
        ],
      ],
      birthdays: ['1912-06-23'],
    },
    'outlook-2003.vcf': {
      cards: 1,
      names: ['John Doe III'],
      emails: [['jdoe@hotmail.com']],
      birthdays: ['1980-03-21'], // BDAY:19800321
    },
    'outlook-2007.vcf': {
      cards: 1,
      names: ['Mr. Michael Angstadt Jr.'],
      emails: [['mike.angstadt@gmail.com']], // after a base64 KEY, before a base64 PHOTO
      birthdays: ['1922-03-10'], // BDAY:19220310
    },
    'rfc2426-example.vcf': {
      cards: 2, // written `BEGIN:vCard`
      names: ['Frank Dawson', 'Tim Howes'],
      emails: [['Frank_Dawson@Lotus.com', 'fdawson@earthlink.net'], ['howes@netscape.com']],
      birthdays: [undefined, undefined],
    },
    'rfc6350-example.vcf': {
      cards: 1,
      names: ['Simon Perreault'],
      emails: [['simon.perreault@viagenie.ca']],
      birthdays: ['--02-03'], // BDAY:--0203
    },
    'thunderbird-MoreFunctionsForAddressBook-extension.vcf': {
      cards: 1,
      names: ['John Doe'],
      emails: [
        [
          'doe.john@hotmail.com',
          'additional-email@company.com',
          'additional-email1@company.com',
          'additional-email2@company.com',
          'additional-email3@company.com',
        ],
      ],
      birthdays: ['1970-09-21'],
    },
  };

  it.each(Object.entries(expected))('reads every card of %s with its names, emails and birthdays', (file, want) => {
    const { records, issues } = read(file);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(want.cards);
    expect(records.map((r) => r.name)).toEqual(want.names);
    expect(records.map((r) => r.emails)).toEqual(want.emails);
    expect(records.map((r) => r.birthday)).toEqual(want.birthdays);
    expect(records.map((r) => r.where.record)).toEqual(want.names.map((_, i) => `card ${i + 1}`));
  });

  it('places each record at the line of its BEGIN', () => {
    expect(read('gmail-list.vcf').records.map((r) => r.where.line)).toEqual([1, 7, 13]);
    expect(read('rfc2426-example.vcf').records.map((r) => r.where.line)).toEqual([1, 13]);
  });

  it('reads Outlook 2.1: QUOTED-PRINTABLE notes with soft breaks, ORG components, 2.1 TEL parameters', () => {
    const [john] = read('outlook-2003.vcf').records;
    expect(john).toMatchObject({
      org: 'Company, The', // ORG:Company, The;TheDepartment: the first component
      title: 'The Job Title',
      phones: ['BusinessPhone', 'HomePhone', 'MobilePhone', 'BusinessFaxPhone'],
      notes: 'This is the note field!!\nSecond line\n\nThird line is empty',
    });
    const [mike] = read('outlook-2007.vcf').records;
    expect(mike?.notes).toBe(
      'This is the NOTE field\t\nI assume it encodes this text inside a NOTE vCard type.\n' +
        "But I'm not sure because there's text formatting going on here.\nIt does not preserve the formatting",
    );
    expect(mike?.phones).toEqual(['(111) 555-1111', '(111) 555-2222', '(111) 555-4444', '(111) 555-3333']);
  });

  it('reads Gmail 3.0: folded notes, itemN groups, escaped text', () => {
    const [greg] = read('gmail-single.vcf').records;
    expect(greg).toMatchObject({
      phones: ['555 555 1111', '555 555 2222'],
      org: 'TheCompany',
      title: 'TheJobTitle',
      notes: "This is GMail's note field.\nIt should be added as a NOTE type.\nACustomField: CustomField",
    });
    expect(greg?.profileUrl).toBeUndefined(); // item3.URL is not LinkedIn
  });

  it('reads 4.0: tel: URIs and quoted parameter values', () => {
    const [simon] = read('rfc6350-example.vcf').records;
    expect(simon).toMatchObject({ phones: ['+1-418-656-9254 ext. 102', '+1-418-262-6501'], org: 'Viagenie' });
  });

  it('reads Thunderbird: CATEGORIES with escaped commas, a note with \\; and a photo skipped', () => {
    const [john] = read('thunderbird-MoreFunctionsForAddressBook-extension.vcf').records;
    expect(john).toMatchObject({
      tags: ['category1', 'category2', 'category3'],
      org: 'TheOrganization',
      title: 'TheTitle',
      notes:
        'This is the notes field.\nSecond Line\n\nFourth Line\nYou can put anything in the "note" field; even curse words.',
    });
    expect(JSON.stringify(john)).not.toContain('/9j/');
  });
});

describe('parseVcard versions and encodings', () => {
  it('decodes 2.1 QUOTED-PRINTABLE in its CHARSET, joining soft line breaks', () => {
    const bytes = vcf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;Jos=E9;;;',
      'FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Jos=E9 M=FCller',
      'ORG;CHARSET=UTF-8;QUOTED-PRINTABLE:Caf=C3=A9 Zo=C3=AB',
      'NOTE;ENCODING=QP;CHARSET=ISO-8859-1:First line=0D=0ASecond li=',
      'ne goes on=0D=',
      '=0Aand =E9nds here',
      'EMAIL;INTERNET;PREF:jose@example.com',
      'END:VCARD',
    ]);
    expect(only(bytes)).toMatchObject({
      name: 'José Müller',
      org: 'Café Zoë',
      notes: 'First line\nSecond line goes on\nand énds here',
      emails: ['jose@example.com'],
    });
  });

  it('decodes QUOTED-PRINTABLE Shift_JIS and Big5, whose characters may end in a byte written as itself', () => {
    // 山田;太郎: the second bytes of 山 (8E 52) and 郎 (98 59) are R and Y; of 許 功 蓋 in Big5, a backslash
    const bytes = vcf([
      ...card('N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8ER=93c;=91=BE=98Y', 'EMAIL:taro@x.example'),
      ...card('FN;CHARSET=BIG5;ENCODING=QUOTED-PRINTABLE:=B3\\=A5\\=BB\\', 'EMAIL:hsu@x.example'),
    ]);
    expect(parseVcard(bytes).records.map((r) => (r.kind === 'person' ? r.name : ''))).toEqual(['山田太郎', '許功蓋']);
  });

  it('takes a soft line break followed by spaces a device added as a soft line break', () => {
    const bytes = vcf(card('FN:Ann Lee', 'NOTE;ENCODING=QUOTED-PRINTABLE:one soft=  ', 'break'));
    expect(only(bytes).notes).toBe('one softbreak');
  });

  it('does not let a soft line break swallow the END of the card', () => {
    const bytes = vcf(['BEGIN:VCARD', 'VERSION:2.1', 'FN:Ann Lee', 'NOTE;QUOTED-PRINTABLE:broken=', 'END:VCARD']);
    const { records, issues } = parseVcard(bytes);
    expect(records[0]).toMatchObject({ name: 'Ann Lee', notes: 'broken' });
    expect(issues).toEqual([]);
  });

  it('decodes base64 text values (ENCODING=b) in their CHARSET', () => {
    const note = Buffer.from('Zoë likes tea').toString('base64');
    expect(only(vcf(card('FN:Zoë', `NOTE;ENCODING=b;CHARSET=UTF-8:${note}`))).notes).toBe('Zoë likes tea');
  });

  it('reads UTF-16 files, little-endian with a BOM and big-endian without', () => {
    const text = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Zoë Ångström', 'EMAIL:zoe@example.com', 'END:VCARD', ''].join(
      '\r\n',
    );
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)]);
    expect(only(le)).toMatchObject({ name: 'Zoë Ångström', emails: ['zoe@example.com'] });
    expect(only(utf16be(text))).toMatchObject({ name: 'Zoë Ångström', emails: ['zoe@example.com'] });
  });

  it('reads Windows-1252 files (not valid UTF-8) with their curly quotes and accents', () => {
    const bytes = Buffer.concat([
      Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ren', 'latin1'),
      Buffer.from([0xe9, 0x20, 0x93, 0x52, 0x94, 0x20, 0x44, 0x75, 0x70, 0x6f, 0x6e, 0x74]), // é “R” Dupont
      Buffer.from('\r\nTITLE:Directeur g\xe9n\xe9ral\r\nEND:VCARD\r\n', 'latin1'),
    ]);
    expect(only(bytes)).toMatchObject({ name: 'René “R” Dupont', title: 'Directeur général' });
  });

  it('reads each line of a file joining a UTF-8 export and a Latin-1 one in its own encoding', () => {
    const bytes = Buffer.concat([
      Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Müller\r\nORG:Größe AG\r\nEND:VCARD\r\n', 'utf8'),
      Buffer.from(
        'BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:H\xe9l\xe8ne Dupr\xe9\r\nEND:VCARD\r\n',
        'latin1',
      ),
    ]);
    const whole = parseVcard(bytes);
    expect(whole.records.map((r) => r.name)).toEqual(['Zoë Müller', 'Hélène Dupré']);
    expect(whole.records[0]?.org).toBe('Größe AG');
    // fed a byte at a time, the same
    const stream = new VcardStream();
    const names: (string | undefined)[] = [];
    for (const b of bytes) names.push(...stream.push(Uint8Array.of(b)).records.map((r) => r.name));
    names.push(...stream.end().records.map((r) => r.name));
    expect(names).toEqual(['Zoë Müller', 'Hélène Dupré']);
  });

  it('joins folded lines (CRLF or LF, space or tab)', () => {
    const lines = card(
      'FN:Alexandra',
      ' \tMaria Smith',
      'NOTE:one long',
      '  line, folded',
      '\ttwice',
      'EMAIL:a@',
      ' x.com',
    );
    for (const eol of ['\r\n', '\n']) {
      expect(only(vcf(lines, eol))).toMatchObject({
        name: 'Alexandra Maria Smith', // the fold's space is dropped, the tab after it becomes a space
        notes: 'one long line, foldedtwice',
        emails: ['a@x.com'],
      });
    }
  });

  it('reads files whose lines end in CR only (old Mac exports)', () => {
    expect(only(vcf(card('FN:Old Mac', 'EMAIL:mac@example.com'), '\r'))).toMatchObject({
      name: 'Old Mac',
      emails: ['mac@example.com'],
    });
  });

  it('reads a card written with CR line ends in a file of CRLF ones (files joined with cat)', () => {
    const text =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n' +
      'BEGIN:VCARD\rVERSION:3.0\rFN:Bob Ray\rEMAIL:bob@example.com\rEND:VCARD\r' +
      '\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Dee\r\nEND:VCARD\r\n';
    const { records, issues } = parseVcard(Buffer.from(text));
    expect(records.map((r) => [r.name, r.emails])).toEqual([
      ['Ann Lee', ['ann@example.com']],
      ['Bob Ray', ['bob@example.com']],
      ['Cy Dee', []],
    ]);
    expect(issues).toEqual([]);
  });

  it('ends a line at a bare CR in a file of LF ones, as an editor shows it, not gluing the next property to it', () => {
    const { records, issues } = parseVcard(
      Buffer.from('BEGIN:VCARD\nVERSION:3.0\nFN:Zoe Stray\rEMAIL:zoe@example.com\nEND:VCARD\n'),
    );
    expect(records.map((r) => [r.name, r.emails])).toEqual([['Zoe Stray', ['zoe@example.com']]]);
    expect(issues).toEqual([]);
  });

  it('reads lines ending in CRLF, LF and CR mixed, counting each as one line in what it reports', () => {
    const lines = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Zoe Mixed', 'EMAIL:zoe@example.com', 'END:VCARD'];
    const cards = [
      ...lines,
      'BEGIN:VCARD',
      'FN:Bob Mixed',
      'EMAIL:bob@example.com',
      'BEGIN:VCARD',
      'FN:Cy Dee',
      'END:VCARD',
    ];
    const eols = ['\r\n', '\n', '\r'];
    const { records, issues } = parseVcard(Buffer.from(cards.map((l, i) => l + eols[i % 3]).join('')));
    expect(records.map((r) => [r.name, r.emails])).toEqual([
      ['Zoe Mixed', ['zoe@example.com']],
      ['Bob Mixed', ['bob@example.com']],
      ['Cy Dee', []],
    ]);
    // Bob's card, at line 6, has no END:VCARD before the next card starts
    expect(issues.map((i) => [i.line, i.code])).toEqual([[6, expect.any(String)]]);
  });

  it('leaves out a base64 value that is not base64, saying so, and keeps the card and its valid base64', () => {
    const { records, issues } = parseVcard(
      vcf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Enc Bad',
        'NOTE;ENCODING=b:!!!notbase64***',
        'TITLE;ENCODING=b;CHARSET=UTF-8:SGVsbG8gWm/DqyE=',
        'END:VCARD',
      ]),
    );
    expect(records.map((r) => [r.name, r.notes, r.title])).toEqual([['Enc Bad', undefined, 'Hello Zoë!']]);
    expect(issues).toEqual([expect.objectContaining({ code: 'bad_value', line: 4, record: 'card 1' })]);
    expect(issues[0]?.message).toContain('not base64');
  });

  it('reads itemN groups and ignores their X-ABLabel', () => {
    const record = only(
      vcf(
        card(
          'FN:Grouped Person',
          'item1.EMAIL;type=INTERNET;type=pref:first@example.com',
          'item1.X-ABLabel:_$!<Other>!$_',
          'item2.TEL:+44 20 7946 0000',
          'item2.X-ABLabel:Landline',
          'item3.URL:https\\://www.linkedin.com/in/grouped-person',
          'item3.X-ABLabel:LinkedIn',
        ),
      ),
    );
    expect(record).toEqual({
      kind: 'person',
      where: { line: 1, record: 'card 1' },
      name: 'Grouped Person',
      emails: ['first@example.com'],
      phones: ['+44 20 7946 0000'],
      profileUrl: 'https://www.linkedin.com/in/grouped-person',
      tags: [],
    });
  });

  it('reads lower-case keywords and parameters', () => {
    const bytes = vcf([
      'begin:vcard',
      'version:3.0',
      'fn:lower case',
      'email;type=work:lc@example.com',
      'tel;type=cell:555 0100',
      'bday:1985-04-12',
      'end:vcard',
    ]);
    expect(only(bytes)).toMatchObject({
      name: 'lower case',
      emails: ['lc@example.com'],
      phones: ['555 0100'],
      birthday: '1985-04-12',
    });
  });

  it('undoes 3.0 escapes: \\, \\; \\n \\\\ and Gmail’s \\:', () => {
    const record = only(
      vcf(
        card(
          'FN:Doe\\, Jane',
          'ORG:Smith\\, Jones \\; Partners;Accounts',
          'TITLE:Head of R\\&D\\\\Ops',
          'NOTE:line one\\nline two\\Nthree \\\\n not a break',
          'URL:http\\://www.linkedin.com/in/jane',
        ),
      ),
    );
    expect(record).toMatchObject({
      name: 'Doe, Jane',
      org: 'Smith, Jones ; Partners',
      title: 'Head of R\\&D\\Ops',
      notes: 'line one\nline two\nthree \\n not a break',
      profileUrl: 'http://www.linkedin.com/in/jane',
    });
  });

  it('reads a name folded inside a UTF-8 character as UTF-8, in a file and in a stream of small chunks', () => {
    const bytes = Buffer.concat([
      Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J\xc3', 'latin1'),
      Buffer.from('\r\n \xbcrgen M\xc3\xbcller\r\nEMAIL:jm@example.de\r\nEND:VCARD\r\n', 'latin1'),
    ]);
    expect(only(bytes).name).toBe('Jürgen Müller');
    const stream = new VcardStream();
    const records: PersonRecord[] = [];
    for (let i = 0; i < bytes.length; i += 7) records.push(...stream.push(bytes.subarray(i, i + 7)).records);
    records.push(...stream.end().records);
    expect(records.map((r) => r.name)).toEqual(['Jürgen Müller']);
  });

  it('reads raw 8-bit values in the CHARSET their property names, folded lines included, beside UTF-8 cards', () => {
    const bytes = Buffer.concat([
      Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=WINDOWS-1251:', 'latin1'),
      new Uint8Array([0xc8, 0xe2, 0xe0, 0xed, 0x20, 0xc8, 0xe2, 0xe0]),
      Buffer.from('\r\n ', 'latin1'),
      new Uint8Array([0xed, 0xee, 0xe2]),
      Buffer.from('\r\nEMAIL:ivan@example.ru\r\nEND:VCARD\r\n', 'latin1'),
      Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=SHIFT_JIS:', 'latin1'),
      new Uint8Array([0x93, 0x63, 0x92, 0x86, 0x20, 0x8d, 0x5f]),
      Buffer.from('\r\nEMAIL:tanaka@example.jp\r\nEND:VCARD\r\n', 'latin1'),
      Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jörg Gärtner\r\nEND:VCARD\r\n', 'utf8'),
    ]);
    expect(parseVcard(bytes).records.map((r) => r.name)).toEqual(['Иван Иванов', '田中 浩', 'Jörg Gärtner']);
  });

  it('keeps 2.1 backslashes, which are not escapes there, except \\; and \\,', () => {
    const bytes = vcf(['BEGIN:VCARD', 'VERSION:2.1', 'FN:Ann Lee', 'NOTE:C:\\new\\files \\; done\\, ok', 'END:VCARD']);
    expect(only(bytes).notes).toBe('C:\\new\\files ; done, ok');
  });

  it('reads the \\, that Outlook and Android write in 2.1 names, organisations and titles', () => {
    const record = only(
      vcf([
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N:Escaped;Name;;;Jr.',
        'FN:Name Escaped\\, Jr.',
        'ORG:Smith\\, Jones & Co;Legal',
        'TITLE:VP\\, Sales\\; EMEA',
        'EMAIL:esc@example.com',
        'END:VCARD',
      ]),
    );
    expect(record.org).toBe('Smith, Jones & Co');
    expect(record.title).toBe('VP, Sales; EMEA');
    expect(record.name).not.toContain('\\');
  });

  it('turns an FN written family name first, as its N says, into the given name first; any other comma stays', () => {
    expect(only(vcf(card('FN:Smith\\, John', 'N:Smith;John;;;', 'EMAIL:js@x.example'))).name).toBe('John Smith');
    expect(only(vcf(card('FN:García López\\, Ana', 'N:García López;Ana;;;'))).name).toBe('Ana García López');
    expect(only(vcf(card("FN:José O'Brien\\, Jr.", "N:O'Brien;José;;;Jr."))).name).toBe("José O'Brien, Jr.");
    expect(only(vcf(card('FN:Acme\\, Inc. Support', 'N:;;;;', 'EMAIL:help@acme.example'))).name).toBe(
      'Acme, Inc. Support',
    );
    // without N there is nothing to say which is the family name: as written (identity reads it then)
    expect(only(vcf(card('FN:Smith\\, John'))).name).toBe('Smith, John');
  });

  it('writes a name of N alone family name first, without a space, in Chinese, Japanese or Korean script', () => {
    expect(only(vcf(card('N:李;雷;;;', 'TEL:+86 139 0013 9000'))).name).toBe('李雷');
    expect(
      only(
        vcf([
          'BEGIN:VCARD',
          'VERSION:2.1',
          'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E;=E9=9B=B7;;;',
          'END:VCARD',
        ]),
      ).name,
    ).toBe('李雷');
    expect(only(vcf(card('N:Li;Lei;;;', 'EMAIL:li@x.example'))).name).toBe('Lei Li');
  });

  it('puts the preferred email first: PREF=1 before PREF=2, then TYPE=pref, then file order', () => {
    const record = only(
      vcard40(
        'FN:Grace Hopper',
        'EMAIL;TYPE=home;PREF=2:grace.home@example.org',
        'EMAIL:plain@example.org',
        'EMAIL;TYPE=work;PREF=1:ghopper@navy.example.mil',
      ),
    );
    expect(record.emails).toEqual(['ghopper@navy.example.mil', 'grace.home@example.org', 'plain@example.org']);
    const apple = only(
      vcf(card('FN:Ann Lee', 'EMAIL;type=INTERNET:a@x.org', 'item1.EMAIL;type=INTERNET;type=pref:b@x.org')),
    );
    expect(apple.emails).toEqual(['b@x.org', 'a@x.org']);
    const old = only(
      vcf([
        'BEGIN:VCARD',
        'VERSION:2.1',
        'FN:Bo',
        'EMAIL;INTERNET:a@x.org',
        'EMAIL;PREF;INTERNET:b@x.org',
        'END:VCARD',
      ]),
    );
    expect(old.emails).toEqual(['b@x.org', 'a@x.org']);
  });

  it('says an email that is no address on its own line, and keeps the card', () => {
    const { records, issues } = parseVcard(
      vcf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Bad Line',
        'TEL:+1 555 0100',
        'EMAIL:not an email',
        'EMAIL:ok@x.org',
        'END:VCARD',
      ]),
    );
    expect(records[0]?.emails).toEqual(['ok@x.org']);
    expect(issues).toEqual([
      {
        code: 'bad_email',
        line: 5,
        record: 'card 1',
        message: '"not an email" is not an email address; kept without it',
      },
    ]);
  });

  it('finds the value after quoted 4.0 parameters that contain colons and semicolons', () => {
    const record = only(
      vcard40('FN:Quoted Params', 'TEL;VALUE=uri;TYPE="work,voice";X-NOTE="a:b;c":tel:+1-555-0100;ext=102'),
    );
    expect(record.phones).toEqual(['+1-555-0100 ext. 102']);
  });

  it('keeps a tel: URI’s extension, so two extensions of one line are two numbers', () => {
    const record = only(
      vcard40(
        'FN:Ext Person',
        'TEL;VALUE=uri;TYPE=work:tel:+1-418-656-9254;ext=102',
        'TEL;VALUE=uri;TYPE=work:tel:+1-418-656-9254;ext=103',
      ),
    );
    expect(record.phones).toEqual(['+1-418-656-9254 ext. 102', '+1-418-656-9254 ext. 103']);
  });
});

const vcard40 = (...props: string[]) => vcf(['BEGIN:VCARD', 'VERSION:4.0', ...props, 'END:VCARD']);

describe('parseVcard fields', () => {
  it('builds a name from N when there is no FN: prefix and degrees dropped, a generation kept', () => {
    const names = parseVcard(
      vcf([
        ...card('N:Doe;John;Quincy;Dr.;Jr.'),
        ...card('N:Perreault;Simon;;;ing. jr,M.Sc.'),
        ...card('N:;;;Mr.;', 'EMAIL:only-prefix@example.com'),
        ...card('N:Solo;;;;'),
        ...card('N:Tanaka;Yuki;;Dr.;PhD'),
        ...card('N:Gates;William;Henry;;III'),
      ]),
    ).records.map((r) => r.name);
    // the name another file gives the same person ("Yuki Tanaka") is the name matched on
    expect(names).toEqual([
      'John Quincy Doe Jr.',
      'Simon Perreault',
      undefined,
      'Solo',
      'Yuki Tanaka',
      'William Henry Gates III',
    ]);
  });

  it('falls back to ORG for a name, and to no name when a card has only an email', () => {
    const [company, emailOnly] = parseVcard(
      vcf([...card('ORG:;Widgets Ltd', 'TEL:555 0101'), ...card('EMAIL: someone@example.com ')]),
    ).records;
    expect(company).toMatchObject({ name: 'Widgets Ltd', org: 'Widgets Ltd' });
    expect(emailOnly?.name).toBeUndefined();
    expect(emailOnly?.emails).toEqual(['someone@example.com']);
  });

  it('marks a name put together from N, or a company-only card’s company name, as written: its comma is no "Last, First"', () => {
    const v21 = (...props: string[]) => ['BEGIN:VCARD', 'VERSION:2.1', ...props, 'END:VCARD'];
    const records = parseVcard(
      vcf([
        // 2.1 has no list separator: the comma is the name's own
        ...v21('N:Smith;John;A., B.;;', 'EMAIL:a2@ex.com'),
        ...card('N:Smith;John;Andrew\\, Bob;;', 'EMAIL:a3@ex.com'),
        ...card('FN:Morgan\\, Lewis & Bockius', 'ORG:Morgan\\, Lewis & Bockius', 'TEL:+1 215 963 5001'),
        ...card('ORG:Skadden\\, Arps', 'TEL:+1 212 735 3000'),
        // a display name alone may be written family name first, as directories write it
        ...card('FN:Doe\\, Jane', 'EMAIL:jane@ex.com'),
      ]),
    ).records;
    expect(records.map((r) => [r.name, r.nameAsWritten])).toEqual([
      ['John A., B. Smith', true],
      ['John Andrew, Bob Smith', true],
      ['Morgan, Lewis & Bockius', true],
      ['Skadden, Arps', true],
      ['Doe, Jane', undefined],
    ]);
  });

  it('gives the name as the card writes it, with an "@" or a note in brackets in it', () => {
    const names = parseVcard(
      vcf([
        ...card('FN:Mike @ Acme', 'EMAIL:m.k@acme.example'),
        ...card('FN:Jane Doe (née Smith)', 'N:Doe;Jane;;;', 'EMAIL:jane.nee@ex.com'),
        ...card('FN:Tom Sawyer (Tommy)', 'EMAIL:tom@ex.com'),
      ]),
    ).records.map((r) => r.name);
    expect(names).toEqual(['Mike @ Acme', 'Jane Doe (née Smith)', 'Tom Sawyer (Tommy)']);
  });

  it('collects every non-empty EMAIL and TEL, trimmed, without duplicates', () => {
    const record = only(
      vcf(
        card(
          'FN:Many',
          'EMAIL;TYPE=INTERNET: a@example.com ',
          'EMAIL:',
          'EMAIL:   ',
          'EMAIL;TYPE=WORK:b@example.com',
          'EMAIL:A@example.com',
          'TEL:555 0100',
          'TEL;VALUE=uri:tel:+1-555-0199',
          'TEL:555 0100',
        ),
      ),
    );
    expect(record.emails).toEqual(['a@example.com', 'b@example.com']);
    expect(record.phones).toEqual(['555 0100', '+1-555-0199']);
  });

  it('takes TITLE, else ROLE', () => {
    const [titled, role] = parseVcard(
      vcf([...card('FN:A B', 'ROLE:Sponsor', 'TITLE:CTO'), ...card('FN:C D', 'ROLE:Sponsor')]),
    ).records;
    expect(titled?.title).toBe('CTO');
    expect(role?.title).toBe('Sponsor');
  });

  it('takes a LinkedIn member profile from URL or X-SOCIALPROFILE, and nothing else', () => {
    const urls = parseVcard(
      vcf([
        ...card('FN:A B', 'URL:https://example.com/me', 'URL;TYPE=work:https://www.linkedin.com/in/a-b/'),
        ...card('FN:C D', 'X-SOCIALPROFILE;type=linkedin;x-user=cd:http://www.linkedin.com/in/cd'),
        ...card('FN:E F', 'URL:https://www.linkedin.com/company/acme', 'X-SOCIALPROFILE;type=linkedin:x-apple:ef'),
        ...card('FN:G H', 'URL:https://twitter.com/gh'),
      ]),
    ).records.map((r) => r.profileUrl);
    expect(urls).toEqual(['https://www.linkedin.com/in/a-b/', 'http://www.linkedin.com/in/cd', undefined, undefined]);
  });

  it('makes a LinkedIn profile of the member name in Apple’s X-SOCIALPROFILE x-user when its value is no URL', () => {
    const urls = parseVcard(
      vcf([
        ...card('FN:Apple Social', 'X-SOCIALPROFILE;type=linkedin;x-user=apple-social:x-apple:apple-social'),
        ...card('FN:I J', 'X-SOCIALPROFILE;type=twitter;x-user=ij:x-apple:ij'),
        ...card('FN:K L', 'X-SOCIALPROFILE;type=linkedin;x-user=k/l:x-apple:k'),
        // a URL in a later property is preferred to a name
        ...card('FN:M N', 'X-SOCIALPROFILE;type=linkedin;x-user=mn:x-apple:mn', 'URL:https://www.linkedin.com/in/m-n'),
      ]),
    ).records.map((r) => r.profileUrl);
    expect(urls).toEqual([
      'https://www.linkedin.com/in/apple-social',
      undefined,
      undefined,
      'https://www.linkedin.com/in/m-n',
    ]);
  });

  it('takes a LinkedIn profile from vCard 4.0’s SOCIALPROFILE (RFC 9554), as a URI or a user name', () => {
    const v4 = (...props: string[]) => ['BEGIN:VCARD', 'VERSION:4.0', ...props, 'END:VCARD'];
    const urls = parseVcard(
      vcf([
        ...v4('FN:A B', 'SOCIALPROFILE;SERVICE-TYPE=LinkedIn:https://www.linkedin.com/in/a-b'),
        ...v4('FN:C D', 'SOCIALPROFILE;SERVICE-TYPE=linkedin;VALUE=text:c-d'),
        ...v4('FN:E F', 'SOCIALPROFILE;SERVICE-TYPE=Mastodon;VALUE=text:ef'),
        ...v4('FN:G H', 'SOCIALPROFILE;SERVICE-TYPE=LinkedIn;VALUE=text:g/h'),
      ]),
    ).records.map((r) => r.profileUrl);
    expect(urls).toEqual(['https://www.linkedin.com/in/a-b', 'https://www.linkedin.com/in/c-d', undefined, undefined]);
  });

  it('turns CATEGORIES into trimmed, de-duplicated tags without Google’s system labels', () => {
    const record = only(
      vcf(
        card(
          'FN:Tagged',
          'CATEGORIES:myContacts, Friends ,Book club,friends',
          'CATEGORIES:* myContacts,* starred,Imported on 3/4/21,Climbing\\, Sheffield',
        ),
      ),
    );
    expect(record.tags).toEqual(['Friends', 'Book club', 'starred', 'Climbing, Sheffield']);
  });

  it('keeps an escaped comma inside a category when the list has other commas (as Rapport exports it)', () => {
    const tags = (line: string) => only(vcf(card('FN:Tagged', line))).tags;
    expect(tags('CATEGORIES:Clients\\, VIP,Golf')).toEqual(['Clients, VIP', 'Golf']);
    expect(tags('CATEGORIES:Friends,Work\\,Stuff')).toEqual(['Friends', 'Work,Stuff']);
    // Thunderbird escapes every separator (and writes no PRODID); a card saying who wrote it does not
    expect(tags('CATEGORIES:one\\, two\\, three')).toEqual(['one', 'two', 'three']);
    const written = only(
      vcf(card('FN:Tagged', 'PRODID:-//Rapport//Rapport vCard export//EN', 'CATEGORIES:Clients\\, VIP')),
    );
    expect(written.tags).toEqual(['Clients, VIP']);
  });

  it('reads when a card was last changed (REV) as the time its details were true', () => {
    const asOf = (rev: string) => only(vcf(card('FN:Jo Job', 'ORG:NewCo', `REV:${rev}`))).asOf;
    expect(asOf('20240601T000000Z')).toBe(Date.UTC(2024, 5, 1));
    expect(asOf('2023-01-01T12:30:00+02:00')).toBe(Date.UTC(2023, 0, 1, 10, 30));
    expect(asOf('20230101')).toBe(Date.UTC(2023, 0, 1));
    expect(asOf('yesterday')).toBeUndefined();
  });

  it('joins several NOTE properties with a blank line', () => {
    expect(only(vcf(card('FN:N N', 'NOTE:first', 'NOTE:', 'NOTE:second'))).notes).toBe('first\n\nsecond');
  });

  it.each([
    ['19850412', '1985-04-12'],
    ['1985-04-12', '1985-04-12'],
    ['1985-04-12T00:00:00Z', '1985-04-12'],
    ['19850412T000000', '1985-04-12'],
    ['--0412', '--04-12'],
    ['--04-12', '--04-12'],
    ['--0229', '--02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('normalises the birthday %s to %s', (bday, want) => {
    expect(only(vcf(card('FN:B Day', `BDAY:${bday}`))).birthday).toBe(want);
  });

  it('reads an Apple birthday with an omitted year as --MM-DD', () => {
    expect(only(vcf(card('FN:B Day', 'BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12'))).birthday).toBe('--04-12');
  });

  it.each(['12/04/1985', '1985-13-01', '1900-02-29', '--0231', 'circa 1800', '1985'])(
    'keeps a card with the unreadable birthday %s, without it and with a bad_date issue',
    (bday) => {
      const { records, issues } = parseVcard(vcf(card('FN:B Day', `BDAY;VALUE=text:${bday}`)));
      expect(records).toHaveLength(1);
      expect(records[0]?.birthday).toBeUndefined();
      expect(issues).toEqual([expect.objectContaining({ code: 'bad_date', line: 4, record: 'card 1' })]);
      expect(issues[0]?.message).toContain(bday);
    },
  );

  it('cleans control characters out of values, keeping line breaks and tabs in notes', () => {
    const record = only(
      vcf(card('FN:Ann\u0001 \u0007Lee\u0085', 'EMAIL:\u000bann@example.com', 'NOTE:a\u0002b\\nc\td\u001b\u000c')),
    );
    expect(record).toMatchObject({ name: 'Ann Lee', emails: ['ann@example.com'], notes: 'ab\nc\td' });
  });
});

describe('parseVcard on several and large cards', () => {
  it('reads several cards, each placed at its BEGIN line and numbered', () => {
    const bytes = vcf([
      ...card('FN:One', 'EMAIL:one@example.com'),
      '',
      ...card('FN:Two', 'NOTE:folded', ' note'),
      'junk between cards is passed over, and said',
      ...card('FN:Three'),
    ]);
    const { records, issues } = parseVcard(bytes);
    expect(issues).toEqual([
      {
        code: 'outside_card',
        line: 13,
        message: 'line 13 is outside any card (not between BEGIN:VCARD and END:VCARD); skipped',
      },
    ]);
    expect(records.map((r) => [r.name, r.where])).toEqual([
      ['One', { line: 1, record: 'card 1' }],
      ['Two', { line: 7, record: 'card 2' }],
      ['Three', { line: 14, record: 'card 3' }],
    ]);
  });

  it('reads a card whose BEGIN line starts with a byte-order mark or a NUL (files joined with cat)', () => {
    const joined = Buffer.concat([
      Buffer.from('\uFEFF'),
      Buffer.from(vcf(card('FN:One', 'EMAIL:one@example.com'))),
      Buffer.from('\uFEFF'),
      Buffer.from(vcf(card('FN:Two', 'EMAIL:two@example.com'))),
      Buffer.from('\u0000'),
      Buffer.from(vcf(card('FN:Three'))),
    ]);
    const { records, issues } = parseVcard(joined);
    expect(records.map((r) => r.name)).toEqual(['One', 'Two', 'Three']);
    expect(issues).toEqual([]);
  });

  it('an indented BEGIN:VCARD after END:VCARD opens the next card; it does not continue the END line', () => {
    const bytes = vcf([
      ...card('FN:One', 'EMAIL:one@example.com'),
      '  BEGIN:VCARD',
      'FN:Two',
      'EMAIL:two@example.com',
      'END:VCARD',
    ]);
    const { records } = parseVcard(bytes);
    expect(records.map((r) => [r.name, r.emails])).toEqual([
      ['One', ['one@example.com']],
      ['Two', ['two@example.com']],
    ]);
  });

  it('passes over an assistant’s card embedded as a 2.1 AGENT value, and keeps what follows it', () => {
    const bytes = vcf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Person;Boss',
      'EMAIL;INTERNET:boss@corp.example',
      'AGENT:',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Person;Assistant',
      'EMAIL;INTERNET:assistant@corp.example',
      'END:VCARD',
      'TITLE:CEO',
      'END:VCARD',
    ]);
    const { records, issues } = parseVcard(bytes);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.name, r.emails, r.title])).toEqual([['Boss Person', ['boss@corp.example'], 'CEO']]);
  });

  it('does not take the next card for an assistant’s when AGENT held a value (a URI) and END is missing', () => {
    const bytes = vcf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'FN:Eve Eff',
      'AGENT;VALUE=uri:CID:x',
      ...card('FN:Gus Gee', 'EMAIL:gus@example.com'),
    ]);
    const { records, issues } = parseVcard(bytes);
    expect(records.map((r) => r.name)).toEqual(['Eve Eff', 'Gus Gee']);
    expect(issues.map((i) => i.code)).toEqual(['unterminated_card']);
  });

  it('skips a group card (KIND:group, or Apple’s X-ADDRESSBOOKSERVER-KIND), counted as left out', () => {
    const bytes = vcf([
      ...card('KIND:group', 'FN:Board', 'MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af'),
      ...card('X-ADDRESSBOOKSERVER-KIND:group', 'FN:Family'),
      ...card('KIND:org', 'FN:Paris Conseil', 'EMAIL:contact@paris.example'),
    ]);
    const { records, issues } = parseVcard(bytes);
    expect(records.map((r) => r.name)).toEqual([]);
    expect(issues.map((i) => [i.code, i.message, i.dropped])).toEqual([
      ['group_card', 'card 1 is a group (Board), not a person; skipped', true],
      ['group_card', 'card 2 is a group (Family), not a person; skipped', true],
      ['organization_card', 'card 3 is an organization (Paris Conseil), not a person; skipped', true],
    ]);
  });

  it('skips organization and place cards (KIND:org, KIND:location, Apple’s X-ABShowAs:COMPANY), keeps a person at a company, and the one a company card names', () => {
    const bytes = vcf([
      ...card('N:;;;;', 'FN:Acme Ltd', 'ORG:Acme Ltd;', 'X-ABShowAs:COMPANY', 'TEL:+44 20 7946 0000'),
      ...card('KIND:location', 'FN:Head office'),
      ...card('N:Doe;Jane;;;', 'FN:Jane Doe', 'ORG:Acme Ltd;', 'x-abshowas:PERSON'),
      // a company card that names the person to ask for: theirs, at the company
      ...card(
        'N:Doe;John;;;',
        'FN:Acme Plumbing',
        'ORG:Acme Plumbing;',
        'TITLE:Owner',
        'X-ABShowAs:COMPANY',
        'EMAIL:john@acme.example',
      ),
    ]);
    const { records, issues } = parseVcard(bytes);
    expect(records.map((r) => [r.name, r.org, r.title, r.emails])).toEqual([
      ['Jane Doe', 'Acme Ltd', undefined, []],
      ['John Doe', 'Acme Plumbing', 'Owner', ['john@acme.example']],
    ]);
    expect(issues.map((i) => [i.code, i.message, i.dropped])).toEqual([
      ['organization_card', 'card 1 is an organization (Acme Ltd), not a person; skipped', true],
      ['organization_card', 'card 2 is a place (Head office), not a person; skipped', true],
    ]);
  });

  it('skips a 5 MB base64 PHOTO without keeping it, and reads the properties after it', () => {
    const photo = Buffer.alloc(3_750_000, 0xab).toString('base64'); // 5 MB of base64
    const folded = photo.match(/.{1,74}/g)?.map((l) => ` ${l}`) ?? [];
    const bytes = vcf(card('FN:Photo Person', 'PHOTO;ENCODING=b;TYPE=JPEG:', ...folded, 'EMAIL:photo@example.com'));
    expect(bytes.length).toBeGreaterThan(5_000_000);
    const result = parseVcard(bytes);
    expect(result.issues).toEqual([]);
    expect(result.records).toEqual([
      {
        kind: 'person',
        where: { line: 1, record: 'card 1' },
        name: 'Photo Person',
        emails: ['photo@example.com'],
        phones: [],
        tags: [],
      },
    ]);
    expect(JSON.stringify(result).length).toBeLessThan(300);
  });

  it('skips a PHOTO, LOGO, SOUND or KEY on one huge unfolded line, or as unfolded 2.1 base64 ending in a blank line', () => {
    const huge = 'QUJD'.repeat(200_000); // 800 KB on one line, over the 64 KiB limit for kept values
    const bytes = vcf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'FN:Media Person',
      `PHOTO;JPEG;ENCODING=BASE64:${huge}`,
      `LOGO;ENCODING=BASE64;TYPE=PNG:${huge}`,
      `SOUND;WAVE;BASE64:${huge}`,
      'KEY;X509;ENCODING=BASE64:',
      'MIIDITCCAoqgAwIBAgIQT52W2WawmStUwpV8tBV9TTANBgkqhkiG9w0BAQUFADBMMQswCQYD',
      'VQQGEwJaQTElMCMGA1UEChMcVGhhd3RlIENvbnN1bHRpbmcgKFB0eSkgTHRkLjEWMBQGA1UE',
      '',
      'EMAIL;INTERNET:media@example.com',
      'END:VCARD',
    ]);
    const { records, issues } = parseVcard(bytes);
    expect(issues).toEqual([]);
    expect(records).toEqual([expect.objectContaining({ name: 'Media Person', emails: ['media@example.com'] })]);
  });

  it('parses 50 cards that each hold a 2 MB photo, keeping none of them', () => {
    const photo = ` ${'A'.repeat(2_000_000)}`;
    const lines: string[] = [];
    for (let i = 1; i <= 50; i++) lines.push(...card(`FN:Person ${i}`, 'PHOTO;ENCODING=b:', photo));
    const { records, issues } = parseVcard(vcf(lines));
    expect(issues).toEqual([]);
    expect(records.map((r) => r.name)).toEqual(Array.from({ length: 50 }, (_, i) => `Person ${i + 1}`));
  });

  it('cuts a used value over 64 KiB and says so with value_too_long', () => {
    const note = 'x'.repeat(100_000);
    const { records, issues } = parseVcard(
      vcf(card('FN:Long Note', `NOTE:${note.slice(0, 50_000)}`, ` ${note.slice(50_000)}`)),
    );
    expect(records[0]?.notes).toBe('x'.repeat(64 * 1024));
    expect(issues).toEqual([
      {
        code: 'value_too_long',
        line: 4,
        record: 'card 1',
        message: 'the NOTE value on line 4 is longer than 64 KiB; only its start was kept',
      },
    ]);
  });
});

describe('parseVcard on bad input', () => {
  it('keeps a card the file ends inside, with an unterminated_card issue', () => {
    const { records, issues } = parseVcard(vcf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Cut Off', 'EMAIL:cut@example.com']));
    expect(records).toEqual([expect.objectContaining({ name: 'Cut Off', emails: ['cut@example.com'] })]);
    expect(issues).toEqual([expect.objectContaining({ code: 'unterminated_card', line: 1, record: 'card 1' })]);
  });

  it('closes a card when another BEGIN appears before its END', () => {
    const bytes = vcf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:First', ...card('FN:Second')]);
    const { records, issues } = parseVcard(bytes);
    expect(records.map((r) => [r.name, r.where.line])).toEqual([
      ['First', 1],
      ['Second', 4],
    ]);
    expect(issues).toEqual([expect.objectContaining({ code: 'unterminated_card', line: 1, record: 'card 1' })]);
    expect(issues[0]?.message).toMatch(/^card 1 has no END:VCARD line/);
  });

  it('reports a property line without a colon as bad_line and reads the rest of the card', () => {
    const { records, issues } = parseVcard(vcf(card('FN:Ann Lee', 'this line is broken', 'EMAIL:ann@example.com')));
    expect(records[0]).toMatchObject({ name: 'Ann Lee', emails: ['ann@example.com'] });
    expect(issues).toEqual([
      {
        code: 'bad_line',
        line: 4,
        record: 'card 1',
        message: 'line 4 is not a property (no ":"): "this line is broken"; skipped',
      },
    ]);
  });

  it('reads a property folded before its colon, among its parameters, as RFC 6350 allows anywhere', () => {
    const { records, issues } = parseVcard(
      vcf(
        card(
          'FN:Jürgen Weiß',
          'EMAIL;TYPE=INTERNET',
          ' ;TYPE=WORK:juergen@example.de',
          'X-SOCIALPROFILE;type=linkedin;x-user=juergen-',
          ' weiss-4b2a',
          ' 91:x-apple:juergen-weiss-4b2a91',
          'TEL;TYPE=CELL;TY',
          '\tPE=pref:+49 30 1234',
          ' 567',
        ),
      ),
    );
    expect(issues).toEqual([]);
    expect(records[0]).toMatchObject({
      name: 'Jürgen Weiß',
      emails: ['juergen@example.de'],
      phones: ['+49 30 1234567'],
      profileUrl: 'https://www.linkedin.com/in/juergen-weiss-4b2a91',
    });
  });

  it('reports a line without a colon once, however many lines continue it, and one whose name is no name', () => {
    const { records, issues } = parseVcard(
      vcf(card('FN:Ann Lee', 'this line is', ' broken too', 'EMAIL:ann@example.com', 'NOT A NAME', ' :value')),
    );
    expect(records[0]).toMatchObject({ name: 'Ann Lee', emails: ['ann@example.com'] });
    expect(issues.map((i) => [i.code, i.line, i.message])).toEqual([
      ['bad_line', 4, 'line 4 is not a property (no ":"): "this line is"; skipped'],
      ['bad_line', 7, 'line 7 is not a property (no ":"): "NOT A NAME"; skipped'],
    ]);
  });

  it('skips a card with no name, email, phone or profile URL, with a no_identity issue', () => {
    const bytes = vcf([
      ...card('FN:One'),
      ...card('FN:Two'),
      ...card('NOTE:nobody', 'URL:https://example.com', 'BDAY:1985-04-12'),
    ]);
    const { records, issues } = parseVcard(bytes);
    expect(records.map((r) => r.name)).toEqual(['One', 'Two']);
    expect(issues).toEqual([
      {
        code: 'no_identity',
        line: 9,
        record: 'card 3',
        message: 'card 3 has no name, email, phone or profile URL; skipped',
        dropped: true,
      },
    ]);
  });

  it('refuses bytes that are not a vCard with NotThisFormat', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(() => parseVcard(png)).toThrow(NotThisFormat);
    expect(() => parseVcard(png)).toThrow(/^not a vCard file/);
    expect(() => parseVcard(Buffer.from('First Name,Last Name\nAnn,Lee\n'))).toThrow(
      new NotThisFormat('not a vCard file: no BEGIN:VCARD line found'),
    );
    expect(() => parseVcard(Buffer.from(''))).toThrow(NotThisFormat);
    // BEGIN:VCARD inside other text is not a card
    expect(() => parseVcard(Buffer.from('"notes","BEGIN:VCARD"\n'))).toThrow(NotThisFormat);
  });
});

describe('parseVcard on arbitrary input', () => {
  const hasIdentity = (r: PersonRecord) =>
    Boolean(r.name) || r.emails.length > 0 || r.phones.length > 0 || Boolean(r.profileUrl);

  const check = (bytes: Uint8Array) => {
    try {
      const { records, issues } = parseVcard(bytes);
      for (const r of records) {
        expect(hasIdentity(r)).toBe(true);
        expect(r.where.line).toBeGreaterThan(0);
        expect(r.emails.every((e) => e !== '' && e === e.trim())).toBe(true);
      }
      for (const issue of issues) expect(issue.message).not.toBe('');
    } catch (error) {
      expect(error).toBeInstanceOf(NotThisFormat);
    }
  };

  it('never throws anything but NotThisFormat on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 500 }), check), { numRuns: 300 });
  });

  it('never throws anything but NotThisFormat, nor gives a record without identity, on vCard-like text', () => {
    const fragment = fc.oneof(
      fc.constantFrom(
        'BEGIN:VCARD',
        'begin:vcard',
        'END:VCARD',
        'VERSION:2.1',
        'VERSION:4.0',
        'FN:',
        'FN:Ann',
        'N:;;;;',
        'N:Lee;Ann',
        'EMAIL:',
        'EMAIL:a@b.c',
        'TEL;VALUE=uri:tel:',
        'URL:https://www.linkedin.com/in/x',
        'ORG:;',
        'BDAY:--0231',
        'CATEGORIES:myContacts',
        'NOTE;ENCODING=QUOTED-PRINTABLE:a=',
        'NOTE;CHARSET=x-unknown;ENCODING=QP:=E9=',
        'PHOTO;ENCODING=b:',
        'PHOTO;ENCODING=BASE64:QUJD',
        'item1.EMAIL;TYPE="a:b":x@y.z',
        'X-FOO;"unbalanced:',
        ' folded',
        '\tfolded',
        '=0A',
        '',
        'no colon',
      ),
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    const eol = fc.constantFrom('\r\n', '\n', '\r');
    const text = fc
      .tuple(fc.array(fc.tuple(fragment, eol), { maxLength: 40 }))
      .map(([parts]) => parts.map(([f, e]) => f + e).join(''));
    fc.assert(
      fc.property(text, (t) => check(Buffer.from(t))),
      { numRuns: 500 },
    );
  });
});
