import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { addressParser } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { sharedPath, skipWithoutSharedData } from '../../test/shared-data.js';
import { parseMailDate } from './mail-date.js';
import { importedMessageIssues, type MailMessage, mailboxes, parseHeaders } from './mail-headers.js';
import { HEADER_CAP, headerBlock } from './mail-split.js';
import type { ParseIssue } from './records.js';

const WHERE = { line: 40, record: 'message 12' };
const DATE = 'Date: Mon, 14 May 2001 16:39:00 -0700 (PDT)';

/** Parses header lines (joined with CRLF) that must make a message. */
function parse(...lines: string[]): MailMessage {
  return asMessage(parseHeaders(Buffer.from(lines.join('\r\n'), 'latin1'), WHERE));
}

function asMessage(result: MailMessage | ParseIssue): MailMessage {
  if ('code' in result) throw new Error(`expected a message, got ${result.code}: ${result.message}`);
  return result;
}

const headers = (text: string) => Buffer.from(text, 'latin1');

describe('parseHeaders', () => {
  it('reads a NUL byte in a header as a space: a name keeps its end, an address cut by one is reported, not another', () => {
    expect(parse('From: Nul\0Guy <nul@example.com>', DATE).from).toEqual([
      { address: 'nul@example.com', name: 'Nul Guy' },
    ]);
    const cut = parseHeaders(headers(`From: Nul <nul@exa\0mple.com>\r\nTo: me@example.com\r\n${DATE}`), WHERE);
    expect(cut).toMatchObject({ code: expect.any(String), line: 40 });
    expect('message' in cut && cut.message).toContain('nul@exa mple.com');
  });

  it('reads the fields of a plain message', () => {
    const m = parse(
      'Message-ID: <24836015.1075848344789.JavaMail.evans@thyme>',
      'Date: Fri, 1 Dec 2000 08:00:00 -0800 (PST)',
      'From: Kristi.Demaiolo@Enron.com',
      'To: miguel.vasquez@enron.com, "Raghavan, Suresh" <suresh.raghavan@enron.com>',
      'Subject: DealBench vs. Intralinks',
      'Cc: harry.arora@enron.com',
      'Bcc: harry.arora@enron.com',
      'X-From: Kristi Demaiolo',
    );
    expect(m).toEqual({
      where: WHERE,
      messageId: '24836015.1075848344789.JavaMail.evans@thyme',
      references: [],
      date: Date.parse('2000-12-01T16:00:00Z'),
      subject: 'DealBench vs. Intralinks',
      from: [{ address: 'kristi.demaiolo@enron.com' }],
      replyTo: [],
      to: [{ address: 'miguel.vasquez@enron.com' }, { address: 'suresh.raghavan@enron.com', name: 'Raghavan, Suresh' }],
      cc: [{ address: 'harry.arora@enron.com' }],
      bcc: [{ address: 'harry.arora@enron.com' }],
      list: false,
      autoSubmitted: false,
    });
  });

  it('unfolds folded fields, LF or CRLF, space or tab', () => {
    const m = parse(
      DATE,
      'From: a@x.org',
      'To: one@x.org, two@x.org,',
      '\tthree@x.org,',
      '  "Four',
      ' Person" <four@x.org>',
      'Subject: a long',
      '\tsubject',
      'References: <r1@x.org>',
      ' <r2@x.org>\n <r3@x.org>',
    );
    expect(m.to.map((a) => a.address)).toEqual(['one@x.org', 'two@x.org', 'three@x.org', 'four@x.org']);
    expect(m.to[3]?.name).toBe('Four Person');
    expect(m.subject).toBe('a long\tsubject');
    expect(m.references).toEqual(['r1@x.org', 'r2@x.org', 'r3@x.org']);
  });

  it('decodes RFC 2047 words in names and subjects', () => {
    const m = parse(
      DATE,
      'From: =?UTF-8?B?Wm/DqyDDhW5nc3Ryw7Zt?= <zoe@example.com>',
      'To: "=?ISO-8859-1?Q?Andr=E9?= Pirlo" <andre@x.org>, =?iso-8859-1?q?J=F6rg?= <jorg@x.de>',
      'Subject: =?utf-8?Q?caf=C3=A9?= =?utf-8?Q?_cr=C3=A8me?=',
    );
    expect(m.from).toEqual([{ address: 'zoe@example.com', name: 'Zoë Ångström' }]);
    expect(m.to).toEqual([
      { address: 'andre@x.org', name: 'André Pirlo' },
      { address: 'jorg@x.de', name: 'Jörg' },
    ]);
    expect(m.subject).toBe('café crème');
  });

  it('decodes UTF-7 words (old Outlook), and a comma one holds does not split the name', () => {
    const m = parse(
      DATE,
      'From: =?utf-7?Q?Jos+AOk-?= <jose@x.es>',
      'To: =?UTF-7?Q?Doe+ACw-_Jane?= <jane@x.org>, (Sales) bo@x.org',
      'Subject: =?utf-7?B?UHJpY2U6ICtBS00tMTA=?=',
    );
    expect(m.from).toEqual([{ address: 'jose@x.es', name: 'José' }]);
    expect(m.to).toEqual([
      { address: 'jane@x.org', name: 'Doe, Jane' },
      { address: 'bo@x.org', name: 'Sales' },
    ]);
    expect(m.subject).toBe('Price: £10');
  });

  it('reads the latest resending (Resent-From, Resent-To, Resent-Cc, Resent-Message-ID)', () => {
    const m = parse(
      DATE,
      'Resent-From: Bob <bob@x.org>',
      'Resent-To: me@x.org',
      'Resent-Date: Tue, 15 May 2001 09:00:00 +0000',
      'Resent-Message-ID: <rs2@x.org>',
      'Resent-From: Old <old@x.org>',
      'Resent-To: older@x.org',
      'Resent-Message-ID: <rs1@x.org>',
      'From: author@x.org',
      'To: team@x.org',
    );
    expect(m.resent).toEqual({
      from: [{ address: 'bob@x.org', name: 'Bob' }],
      to: [{ address: 'me@x.org' }],
      cc: [],
      date: Date.UTC(2001, 4, 15, 9),
      messageId: 'rs2@x.org',
    });
    expect(parse(DATE, 'From: a@x.org').resent).toBeUndefined();
  });

  it('reads raw 8-bit header bytes as UTF-8 when valid, else Windows-1252', () => {
    const latin1 = parseHeaders(
      headers(`${DATE}\r\nFrom: Andr\xe9 M\xfcller <am@x.de>\r\nSubject: \x93Caf\xe9\x94\r\n`),
      WHERE,
    );
    expect(asMessage(latin1).from).toEqual([{ address: 'am@x.de', name: 'André Müller' }]);
    expect(asMessage(latin1).subject).toBe('“Café”');
    const utf8 = Buffer.concat([headers(`${DATE}\r\nFrom: `), Buffer.from('Zoë Ångström <z@x.se>\r\nSubject: Grüße')]);
    expect(asMessage(parseHeaders(utf8, WHERE)).from).toEqual([{ address: 'z@x.se', name: 'Zoë Ångström' }]);
    expect(asMessage(parseHeaders(utf8, WHERE)).subject).toBe('Grüße');
  });

  it("reads raw 8-bit bytes that are not UTF-8 in the charset the message's Content-Type declares", () => {
    // each name in its charset, as Python's codecs write it
    const cases: [string, string, string][] = [
      ['koi8-r', 'Иван Петров', 'e9d7c1ce20f0c5d4d2cfd7'],
      ['windows-1251', 'Иван Петров', 'c8e2e0ed20cfe5f2f0eee2'],
      ['shift_jis', '山田太郎', '8e52936391be9859'],
      ['euc-jp', '山田太郎', 'bbb3c5c4c2c0cfba'],
      ['iso-8859-2', 'Zoë Łukasz', '5a6feb20a3756b61737a'],
      ['euc-kr', '김철수', 'b1e8c3b6bcf6'],
      ['gb2312', '张三', 'd5c5c8fd'],
      // charsets TextDecoder does not know, read with iconv-lite
      ['cp850', 'Zoë Chen', '5a6f89204368656e'],
      ['iso-8859-16', 'Ștefan Pop', 'aa746566616e20506f70'],
    ];
    for (const [charset, name, hex] of cases) {
      const encoded = Buffer.from(hex, 'hex');
      const block = Buffer.concat([
        headers(`${DATE}\r\nFrom: `),
        encoded,
        headers(' <a@x.example>\r\nSubject: '),
        encoded,
        headers(`\r\nContent-Type: text/plain;\r\n charset="${charset.toUpperCase()}"\r\n`),
      ]);
      const m = asMessage(parseHeaders(block, WHERE));
      expect(m.from, charset).toEqual([{ address: 'a@x.example', name }]);
      expect(m.subject, charset).toBe(name);
    }
    // valid UTF-8 stays UTF-8 whatever the Content-Type says; an unknown charset leaves Windows-1252
    const utf8 = Buffer.concat([
      headers(`${DATE}\r\nFrom: a@x.example\r\nSubject: `),
      Buffer.from('Grüße'),
      headers('\r\nContent-Type: text/plain; charset=koi8-r\r\n'),
    ]);
    expect(asMessage(parseHeaders(utf8, WHERE)).subject).toBe('Grüße');
    const unknown = headers(
      `${DATE}\r\nFrom: a@x.example\r\nSubject: Caf\xe9\r\nContent-Type: text/plain; charset=x-unheard-of\r\n`,
    );
    expect(asMessage(parseHeaders(unknown, WHERE)).subject).toBe('Café');
  });

  it('reads ISO-2022-JP written raw (7-bit escapes, not encoded words), whose parentheses are no comment', () => {
    // 山田 and 太郎 in JIS X 0208 between ESC $ B and ESC ( B
    const jis = (text: string) => `\x1b$B${text}\x1b(B`;
    for (const contentType of ['Content-Type: text/plain; charset=ISO-2022-JP\r\n', '']) {
      const m = parse(DATE, `From: ${jis(';3ED')} <yamada@x.jp>`, `Subject: ${jis('B@O:')} san`, contentType);
      expect(m.from).toEqual([{ address: 'yamada@x.jp', name: '山田' }]);
      expect(m.subject).toBe('太郎 san');
    }
  });

  it('gives no addresses for an empty group and the members of a named one', () => {
    const m = parse(DATE, 'From: a@x.org', 'To: undisclosed-recipients:;', 'Cc: Team: b@x.org, c@x.org;, d@x.org');
    expect(m.to).toEqual([]);
    expect(m.cc.map((a) => a.address)).toEqual(['b@x.org', 'c@x.org', 'd@x.org']);
  });

  it('drops addresses without @, lower-cases them and joins repeated address fields', () => {
    const m = parse(
      DATE,
      'From: a@x.org',
      'To: Jeff Dasovich, bob, <JANE@X.ORG>; John (Sales) <john@x.org>',
      'To: extra@x.org',
      "Cc: \"'karen.denne@enron.com'\" <karen.denne@enron.com>, 'Karen' <k@x.org>",
    );
    expect(m.to).toEqual([
      { address: 'jane@x.org' },
      { address: 'john@x.org', name: 'John' },
      { address: 'extra@x.org' },
    ]);
    expect(m.cc).toEqual([{ address: 'karen.denne@enron.com' }, { address: 'k@x.org', name: 'Karen' }]);
  });

  it("reads a bare address in single quotes (Outlook's 'ann@x.org') without them", () => {
    const m = parse(DATE, "From: 'Ann@X.org'", "To: 'me@example.com', Bob <bob@x.org>", "Cc: o'brien@x.ie");
    expect(m.from).toEqual([{ address: 'ann@x.org' }]);
    expect(m.to).toEqual([{ address: 'me@example.com' }, { address: 'bob@x.org', name: 'Bob' }]);
    expect(m.cc).toEqual([{ address: "o'brien@x.ie" }]);
  });

  it('leaves out what has an @ but is no address, and names it in an issue', () => {
    const m = parse(DATE, 'From: me@example.com', 'To: Bad <bad@@x.example>, ok@x.example, "a b"@x.example');
    expect(m.to).toEqual([{ address: 'ok@x.example' }]);
    expect(m.badAddresses).toEqual(['bad@@x.example', 'a b@x.example']);
    expect(importedMessageIssues(m)).toEqual([
      {
        ...WHERE,
        code: 'bad_address',
        message: 'message 12 names "bad@@x.example", "a b@x.example", which are not email addresses; left out of it',
        dropped: false,
      },
    ]);
    expect(importedMessageIssues(parse(DATE, 'From: me@example.com', 'To: ok@x.example'))).toEqual([]);
  });

  it('keeps the name around an address written inside it', () => {
    const m = parse(
      DATE,
      'From: "Smith, John (john@old.example)" <a3@new.example>',
      'To: "Ann Lee <ann@x.org>" <ann.lee@x.org>, "bob@x.org" <bob@x.org>, "mailto:cy@x.org" <cy@x.org>',
    );
    expect(m.from).toEqual([{ address: 'a3@new.example', name: 'Smith, John' }]);
    expect(m.to).toEqual([
      { address: 'ann.lee@x.org', name: 'Ann Lee' },
      { address: 'bob@x.org' },
      { address: 'cy@x.org' },
    ]);
  });

  it('reads message ids with or without brackets, ignoring text around them', () => {
    const m = parse(
      DATE,
      'From: a@x.org',
      'Message-ID:   <abc.123@Mail.X.org>  ',
      'In-Reply-To: Your message of Mon, 14 May 2001 <parent@x.org> (John)',
      'References: <a@x.org> <b@x.org>\t<parent@x.org>',
      'Reply-To: list@x.org',
      'Sender: owner-list@x.org',
    );
    expect(m.messageId).toBe('abc.123@Mail.X.org');
    expect(m.inReplyTo).toBe('parent@x.org');
    expect(m.references).toEqual(['a@x.org', 'b@x.org', 'parent@x.org']);
    expect(m.replyTo).toEqual([{ address: 'list@x.org' }]);
    expect(m.sender).toEqual({ address: 'owner-list@x.org' });
    expect(parse(DATE, 'From: a@x.org', 'Message-ID: bare.id@x.org').messageId).toBe('bare.id@x.org');
    expect(parse(DATE, 'From: a@x.org', 'Message-ID:').messageId).toBeUndefined();
    // an id folded inside its brackets, and the obsolete space before a field's colon
    expect(parse(DATE, 'From: a@x.org', 'Message-ID: <very.long.id', ' @x.org>').messageId).toBe('very.long.id@x.org');
    expect(parse(DATE, 'From: a@x.org', 'Subject : spaced').subject).toBe('spaced');
  });

  it('detects mailing-list mail', () => {
    const list = (line: string) => parse(DATE, 'From: a@x.org', line).list;
    expect(list('List-Id: Rapport users <users.rapport.example.org>')).toBe(true);
    expect(list('List-Unsubscribe: <mailto:leave@x.org>')).toBe(true);
    expect(list('List-Post: <mailto:users@rapport.example.org>')).toBe(true);
    expect(list('Precedence: bulk')).toBe(true);
    expect(list('Precedence: List')).toBe(true);
    expect(list('Precedence: junk')).toBe(true);
    expect(list('Mailing-List: contact users-help@x.org; run by ezmlm')).toBe(true);
    expect(list('X-Mailing-List: users@x.org')).toBe(true);
    expect(list('Precedence: first-class')).toBe(false);
    expect(list('X-List: no')).toBe(false);
    const m = parse(
      DATE,
      'From: a@x.org',
      'List-Id: Users <Users.Rapport.Example.org>',
      'List-Post: <mailto:Users@X.org?subject=hi>',
    );
    expect([m.listId, m.listPost]).toEqual(['users.rapport.example.org', 'users@x.org']);
    expect(parse(DATE, 'From: a@x.org', 'List-Id: bare.list.x.org').listId).toBe('bare.list.x.org');
    expect(parse(DATE, 'From: a@x.org', 'List-Id: Just a description').listId).toBeUndefined();
  });

  it('detects automatic mail', () => {
    const auto = (line: string) => parse(DATE, 'From: a@x.org', line).autoSubmitted;
    expect(auto('Auto-Submitted: auto-replied')).toBe(true);
    expect(auto('Auto-Submitted: auto-generated; owner-email="a@x.org"')).toBe(true);
    expect(auto('Auto-Submitted: no')).toBe(false);
    expect(auto('X-Autoreply: yes')).toBe(true);
    expect(auto('X-Autorespond: Out of office')).toBe(true);
    expect(auto('Auto-Reply: yes')).toBe(true);
    expect(auto('X-Auto-Response-Suppress: All')).toBe(true);
    expect(auto('X-Auto-Response-Suppress: DR, OOF, AutoReply')).toBe(true);
    expect(auto('X-Auto-Response-Suppress: DR, RN')).toBe(false);
    expect(auto('Feedback-ID: 123:campaign:sender')).toBe(true);
    expect(auto('X-Campaign-Id: 42')).toBe(true);
    expect(auto('X-CampaignID: 42')).toBe(true);
    expect(auto('Return-Path: <>')).toBe(true);
    expect(auto('Return-Path: <a@x.org>')).toBe(false);
    expect(auto('Precedence: auto_reply')).toBe(true);
    expect(auto('Precedence: bulk')).toBe(false);
    expect(auto('X-Mailer: Outlook')).toBe(false);
  });

  it('dates a message without a readable Date by its first (latest) Received line', () => {
    const received = [
      'Received: from mx.example.org (mx.example.org [192.0.2.1])',
      '\tby mail.example.com with ESMTPS id abc;',
      '\tMon, 9 Nov 2026 08:30:00 +0000',
      'Received: from a.example.org by mx.example.org; Mon, 9 Nov 2026 08:29:00 +0000',
      'From: a@x.org',
      'To: b@x.org',
    ].join('\r\n');
    const m = parseHeaders(headers(`${received}\r\n`), WHERE);
    expect('code' in m ? m : m.date).toBe(Date.UTC(2026, 10, 9, 8, 30));
    const unreadable = parseHeaders(headers(`${received}\r\nDate: yesterday\r\n`), WHERE);
    expect('code' in unreadable ? unreadable : unreadable.date).toBe(Date.UTC(2026, 10, 9, 8, 30));
    // and says so, while a message without a Date at all is dated so in silence
    expect(importedMessageIssues(asMessage(unreadable))).toEqual([
      {
        ...WHERE,
        code: 'bad_date',
        message: 'message 12 has an unreadable Date header ("yesterday"); dated by its first Received line',
        dropped: false,
      },
    ]);
    expect(importedMessageIssues(asMessage(m))).toEqual([]);
    // the mbox From line dates it when nothing else does
    const envelope = parseHeaders(
      headers('From: a@x.org\r\nDate: Mon, 15 Jan 2024 25:00\r\n'),
      WHERE,
      'From a@x.org Mon Jan 15 10:00:00 2024',
    );
    expect(importedMessageIssues(asMessage(envelope)).map((i) => i.message)).toEqual([
      'message 12 has an unreadable Date header ("Mon, 15 Jan 2024 25:00"); dated by its From line',
    ]);
  });

  it('falls back on Sender when there is no From', () => {
    expect(parse(DATE, 'Sender: s@x.org').from).toEqual([{ address: 's@x.org' }]);
  });

  it('reports a message without a readable Date or without a sender', () => {
    expect(parseHeaders(headers('From: a@x.org\r\n'), WHERE)).toEqual({
      ...WHERE,
      code: 'bad_date',
      message: 'message 12 has no Date header; skipped',
    });
    expect(parseHeaders(headers('From: a@x.org\r\nDate: yesterday\r\n'), WHERE)).toEqual({
      ...WHERE,
      code: 'bad_date',
      message: 'message 12 has an unreadable Date header ("yesterday"); skipped',
    });
    expect(parseHeaders(headers(`${DATE}\r\nTo: b@x.org\r\n`), WHERE)).toEqual({
      ...WHERE,
      code: 'no_sender',
      message: 'message 12 has no sender address (From); skipped',
    });
    expect(parseHeaders(headers(`${DATE}\r\nFrom: Jeff Dasovich\r\n`), { line: 7 })).toMatchObject({
      code: 'no_sender',
      message: 'the message at line 7 has no sender address (From: "Jeff Dasovich"); skipped',
    });
    // an address there, but none that can be read: quoted, not said to be missing
    expect(parseHeaders(headers(`${DATE}\r\nFrom: "Q L" <"john doe"@x.org>\r\n`), { line: 7 })).toMatchObject({
      code: 'no_sender',
      message:
        'the message at line 7 has a sender (From: "\\"Q L\\" <\\"john doe\\"@x.org>") whose address cannot be read; skipped',
    });
    expect(parseHeaders(Buffer.alloc(0), { line: null })).toMatchObject({ code: 'no_headers' });
    expect(parseHeaders(headers('Dear reader,\r\nhello\r\n'), WHERE)).toEqual({
      ...WHERE,
      code: 'no_headers',
      message: 'message 12 has no header lines (no sender, no date); skipped',
    });
  });

  it('never throws on random bytes or random header text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        parseHeaders(Buffer.from(bytes), WHERE);
      }),
    );
    const field = fc.tuple(
      fc.constantFrom(
        'From',
        'To',
        'Cc',
        'Date',
        'Subject',
        'Message-ID',
        'References',
        'List-Post',
        'Return-Path',
        '',
      ),
      fc.string({ maxLength: 60 }),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 8 }), (fields) => {
        const text = fields.map(([name, value]) => `${name}: ${value}`).join('\r\n');
        parseHeaders(Buffer.from(text), WHERE);
      }),
    );
  });
});

describe('mailboxes', () => {
  it('reads simple lists, encoded words included, as postal-mime does, without calling it', () => {
    const word = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/);
    const address = fc.tuple(word, word).map(([l, d]) => `${l}@${d}.org`);
    const name = fc.stringMatching(/^[A-Za-zé][A-Za-zé .']{0,12}$/);
    const item = fc.oneof(
      address,
      fc.tuple(name, address).map(([n, a]) => `${n} <${a}>`),
      fc.tuple(name, address).map(([n, a]) => `"${n}, Jr" <${a}>`),
      // (with no @: what looks like an address inside a name is taken out of it, unlike postal-mime)
      fc
        .tuple(
          fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }).filter((n) => !n.includes('@')),
          address,
        )
        .map(([n, a]) => `=?UTF-8?B?${Buffer.from(n).toString('base64')}?= <${a}>`),
      fc.tuple(name, address).map(([n, a]) => `"=?ISO-8859-1?Q?${n.replace(/ /g, '_').replace(/é/g, '=E9')}?=" <${a}>`),
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), (items) => {
        const value = items.join(', ');
        const expected = addressParser(value, { flatten: true }).map((a) => {
          const n = a.name
            .replace(/\s+/g, ' ')
            .trim()
            .replace(/^'(.*)'$/, '$1')
            .trim();
          const address = (a.address ?? '').toLowerCase();
          // a name holding what did not decode (U+FFFD) or control characters names nobody
          // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
          const broken = /[\uFFFD\u0000-\u001f\u007f]/.test(n);
          return n && !broken && n.toLowerCase() !== address ? { address, name: n } : { address };
        });
        expect(mailboxes(value)).toEqual(expected);
      }),
    );
  });

  it('reads "Smith, Pat <pat@x>" unquoted as one mailbox, as Outlook writes it; a lone word before a bare address is no name', () => {
    expect(mailboxes('Smith, Pat <pat.smith@x.org>, Lee, Ann <ann@x.org>, bob@x.org')).toEqual([
      { address: 'pat.smith@x.org', name: 'Smith, Pat' },
      { address: 'ann@x.org', name: 'Lee, Ann' },
      { address: 'bob@x.org' },
    ]);
    expect(mailboxes("O'Neil, Mary-Kate <mk@x.org>")).toEqual([{ address: 'mk@x.org', name: "O'Neil, Mary-Kate" }]);
    expect(mailboxes('Smith, pat@x.org')).toEqual([{ address: 'pat@x.org' }]);
    // a name, a comma, then the address alone
    expect(mailboxes('Support, <s@x.org>, Sales Team, <st@x.org>, Müller, <mu@x.de>')).toEqual([
      { address: 's@x.org', name: 'Support' },
      { address: 'st@x.org', name: 'Sales Team' },
      { address: 'mu@x.de', name: 'Müller' },
    ]);
  });

  it('reads addresses parted by spaces alone, and an address written as a mailto: link', () => {
    expect(mailboxes('me@x.org ann@y.org')).toEqual([{ address: 'me@x.org' }, { address: 'ann@y.org' }]);
    expect(mailboxes('Mailto Guy <mailto:MG@x.org>')).toEqual([{ address: 'mg@x.org', name: 'Mailto Guy' }]);
  });

  it('gives no name for an encoded word that could not be decoded (a subject shows it as written)', () => {
    const m = parseHeaders(
      headers(
        `${DATE}\r\nFrom: =?UTF-8?B?!!!notbase64?= <b@x.org>\r\nTo: "=?UTF-8?B?!!!x?=" <c@x.org>, Ann =?UTF-8?Q?L=C3=A9a?= <a@x.org>\r\nSubject: =?UTF-8?B?!!!notbase64?=\r\n`,
      ),
      WHERE,
    );
    expect(m).toMatchObject({
      from: [{ address: 'b@x.org' }],
      to: [{ address: 'c@x.org' }, { address: 'a@x.org', name: 'Ann Léa' }],
      subject: '=?UTF-8?B?!!!notbase64?=',
    });
    expect((m as { from: object[] }).from[0]).not.toHaveProperty('name');
  });

  it('reads a name from a comment holding another comment', () => {
    expect(mailboxes('carl@example.com (Carl (the boss) King)')).toEqual([
      { address: 'carl@example.com', name: 'Carl the boss King' },
    ]);
    expect(mailboxes('"A (b) c" <a@x.org>, d@x.org (Dee)')).toEqual([
      { address: 'a@x.org', name: 'A (b) c' },
      { address: 'd@x.org', name: 'Dee' },
    ]);
  });
});

describe.skipIf(skipWithoutSharedData('enron-raw-messages', 'mail-headers.test'))('the Enron messages', () => {
  const dir = sharedPath('enron-raw-messages/messages');
  const messages = readdirSync(dir)
    .sort()
    .map((name, i) =>
      parseHeaders(headerBlock(readFileSync(`${dir}/${name}`)), { line: 1, record: `message ${i + 1}` }),
    )
    .map(asMessage);
  // Header-only counts below use: for f in messages/*; do awk '/^\r?$/{exit} …' "$f"; done
  const count = (test: (m: MailMessage) => boolean) => messages.filter(test).length;

  it('parses all 801 without an issue, each with a Message-ID and none with In-Reply-To', () => {
    // grep -l '^Message-ID:' messages/* | wc -l → 801; grep -il '^In-Reply-To:' messages/* | wc -l → 0
    expect(messages).toHaveLength(801);
    expect(count((m) => m.messageId !== undefined)).toBe(801);
    expect(count((m) => m.inReplyTo !== undefined || m.references.length > 0)).toBe(0);
  });

  it('finds 422 distinct senders', () => {
    // grep -h -m1 '^From:' messages/* | tr -d '\r' | tr A-Z a-z | sort -u | wc -l → 422
    expect(messages.every((m) => m.from.length === 1)).toBe(true);
    expect(new Set(messages.map((m) => m.from[0]?.address)).size).toBe(422);
  });

  it('finds every recipient address, folded lines included', () => {
    // awk '/^\r?$/{exit} /^[^ \t]/{inh = (index($0,"To:")==1)} inh{print}' per file, then tr -cd '@' | wc -c → 4523
    // (the same with "Cc:" and "Bcc:" → 877 each); files whose To holds an @ → 767; with a Cc header → 224
    const total = (pick: (m: MailMessage) => readonly unknown[]) => messages.reduce((n, m) => n + pick(m).length, 0);
    expect(total((m) => m.to)).toBe(4523);
    expect(total((m) => m.cc)).toBe(877);
    expect(total((m) => m.bcc)).toBe(877);
    expect(count((m) => m.to.length > 0)).toBe(767);
    expect(count((m) => m.cc.length > 0)).toBe(224);
    // the README: "Cc is repeated as Bcc"; here in every one of those 224
    expect(count((m) => m.cc.length > 0 && JSON.stringify(m.cc) === JSON.stringify(m.bcc))).toBe(224);
  });

  it('reads every Date, from 1997-06-12 to 2002-06-17 as the README says', () => {
    const dates = messages.map((m) => m.date ?? Number.NaN).sort((a, b) => a - b);
    expect(dates.every(Number.isFinite)).toBe(true);
    expect(new Date(dates[0] ?? 0).toISOString().slice(0, 10)).toBe('1997-06-12');
    expect(new Date(dates.at(-1) ?? 0).toISOString().slice(0, 10)).toBe('2002-06-17');
  });

  it('agrees with Date.parse on every Enron Date once the (zone) comment is removed', () => {
    for (const name of readdirSync(dir)) {
      const value = /^Date: (.*?)\r?$/m.exec(readFileSync(`${dir}/${name}`, 'latin1'))?.[1] ?? '';
      expect(parseMailDate(value)).toBe(Date.parse(value.replace(/\(.*\)/, '')));
    }
  });

  it('finds no list or automatic mail flags in this corpus', () => {
    expect(count((m) => m.list || m.autoSubmitted)).toBe(0);
  });
});

describe('parseHeaders on a header block cut at the cap', () => {
  it('says the Date or recipients may lie beyond the part read', () => {
    // (Received lines without a date: one with a date would date the message, see above)
    const received = 'Received: from relay.example by mx.example with ESMTP id 0123456789abcdef\r\n'.repeat(4000);
    const block = Buffer.from(`${received}From: a@x.example\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n`).subarray(
      0,
      HEADER_CAP,
    );
    expect(parseHeaders(block, { line: 1, record: 'message 1' })).toEqual({
      line: 1,
      record: 'message 1',
      code: 'bad_date',
      message: 'message 1 has no Date header in the first 256 KB of its headers (the rest was not read); skipped',
    });
    const dated = Buffer.concat([
      Buffer.from('From: a@x.example\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n'),
      Buffer.from(received),
    ]).subarray(0, HEADER_CAP);
    expect(parseHeaders(dated, { line: 1, record: 'message 1' })).toMatchObject({ code: 'headers_too_long' });
  });
});
