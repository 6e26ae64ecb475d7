import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  betterName,
  cleanDisplayName,
  completesName,
  identityConflicts,
  mayBeOneName,
  nameFromAddress,
  nameFromProfileUrl,
  nameIsDistinctive,
  nameParts,
  namesConflict,
  normalizeProfileUrl,
  phoneKey,
  sameOrganisation,
  sameOrganisationName,
  unionPhones,
} from './identity.js';
import { nameKey, normalizeEmail } from './person.js';

describe('normalizeProfileUrl', () => {
  it('gives one form for the ways a LinkedIn profile is written', () => {
    const forms = [
      'https://www.linkedin.com/in/Jane-Doe',
      'http://linkedin.com/in/jane-doe/',
      'www.linkedin.com/in/jane-doe?trk=public_profile',
      'https://uk.linkedin.com/in/jane-doe#about',
      ' https://www.linkedin.com/in/jane%2Ddoe ',
      'https://linkedin.com/in/jane-doe/details/experience/',
      'https://www.linkedin.com/in/jane-doe/recent-activity/all/',
      'https://www.linkedin.com/in/jane-doe/en',
      'https://www.linkedin.com/mwlite/in/jane-doe',
      // the mobile sites
      'https://m.linkedin.com/in/jane-doe',
      'http://mobile.linkedin.com/in/Jane-Doe/',
      'https://touch.www.linkedin.com/in/jane-doe',
    ];
    for (const f of forms) expect(normalizeProfileUrl(f)).toBe('https://www.linkedin.com/in/jane-doe');
  });

  it('refuses what is not a URL', () => {
    expect(normalizeProfileUrl('')).toBeUndefined();
    expect(normalizeProfileUrl('not a url')).toBeUndefined();
    expect(normalizeProfileUrl(undefined)).toBeUndefined();
  });

  it('gives nothing for a host that is only a prefix and a dot', () => {
    expect(normalizeProfileUrl('ab.')).toBeUndefined();
    expect(normalizeProfileUrl('www.')).toBeUndefined();
  });

  it('keeps escapes a URL parser would drop or read otherwise', () => {
    for (const url of ['http://a.aa/%00', 'http://a.aa/x%3Fy', 'http://a.aa/%2F', 'http://a.aa/a%20b']) {
      const once = normalizeProfileUrl(url);
      expect(once, url).toBeDefined();
      expect(normalizeProfileUrl(once), url).toBe(once);
    }
  });

  it('never throws, and is idempotent', () => {
    // an escaped Unicode space stays escaped: decoded, trimming would drop it the second time
    expect(normalizeProfileUrl('http://a.aa/%E2%80%80')).toBe('https://a.aa/%E2%80%80');
    // hosts such as "ab." once came out as "https://", which is no URL at all
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (s) => {
        const once = normalizeProfileUrl(s);
        if (once !== undefined) expect(normalizeProfileUrl(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizeProfileUrl(s);
        if (once !== undefined) expect(normalizeProfileUrl(once)).toBe(once);
      }),
    );
  });
});

describe('unionPhones', () => {
  it('keeps each number once, in the first spelling met', () => {
    expect(unionPhones(['+1 555 0102'], ['+1-555-0102', '(415) 555-0199'])).toEqual(['+1 555 0102', '(415) 555-0199']);
  });

  it('holds every number of both lists and no number twice', () => {
    const phone = fc.stringMatching(/^\+?[0-9 ()-]{0,16}$/);
    fc.assert(
      fc.property(fc.array(phone), fc.array(phone), (a, b) => {
        const key = (p: string) => phoneKey(p) || p.trim().toLowerCase();
        const out = unionPhones(a, b).map(key);
        expect(new Set(out).size).toBe(out.length);
        expect(new Set(out)).toEqual(new Set([...a, ...b].map(key)));
      }),
    );
  });
});

describe('phoneKey', () => {
  it('tells two extensions of one line apart, and a number with an extension from the line', () => {
    const keys = [
      '+1-418-656-9254 ext. 102',
      '+1 418 656 9254 ext 102',
      '(418) 656-9254 x102',
      '+1-418-656-9254;ext=102',
    ];
    expect(new Set(keys.map(phoneKey))).toEqual(new Set([phoneKey('+1-418-656-9254 ext. 102')]));
    expect(phoneKey('+1-418-656-9254 ext. 102')).not.toBe(phoneKey('+1-418-656-9254 ext. 103'));
    expect(phoneKey('+1-418-656-9254 ext. 102')).not.toBe(phoneKey('+1-418-656-9254'));
    expect(phoneKey('+1 (418) 656-9254')).toBe(phoneKey('001 418 656 9254'));
    expect(unionPhones(['+1-418-656-9254 ext. 102'], ['+1-418-656-9254 ext. 103', '418 656 9254 x102'])).toEqual([
      '+1-418-656-9254 ext. 102',
      '+1-418-656-9254 ext. 103',
    ]);
  });
});

describe('identityConflicts', () => {
  it('tells a work address apart from another organisation given without an address', () => {
    const mail = { emails: ['carol@umbrella.example'] };
    expect(identityConflicts(mail, { emails: [], org: 'Initech' })).toEqual([
      'an organisation (Initech) other than the one their address is at (umbrella.example)',
    ]);
    expect(identityConflicts({ emails: [], org: 'Initech' }, mail)).toHaveLength(1);
    // the organisation the address is at, however written
    for (const [email, org] of <[string, string][]>[
      ['carol@umbrella.example', 'Umbrella Corp'],
      ['bob@mail.initech.com', 'Initech, Inc.'],
      ['ann@initech-labs.com', 'Initech Labs'],
      ['ann@initechlabs.com', 'Initech'],
      ['ed@jpmorgan.com', 'J.P. Morgan'],
      ['hal@hewlett-packard.com', 'Hewlett Packard Enterprise'],
      ['bo@bcg.com', 'Boston Consulting Group'],
      ['ann@mit.edu', 'Massachusetts Institute of Technology'],
      ['ann@lse.ac.uk', 'London School of Economics'],
      ['ann@kcl.ac.uk', "King's College London"],
      ['ann@boa.com', 'Bank of America'],
      ['ann@mail.initech.co.uk', 'Initech'],
      ['ian@cam.ac.uk', 'Cam'],
    ])
      expect(identityConflicts({ emails: [email] }, { emails: [], org }), `${email} ${org}`).toEqual([]);
    // an address anyone can have says nothing of an organisation; nor does one side with both
    for (const email of [
      'carol@gmail.com',
      'carol@yahoo.co.uk',
      'carol@t-online.de',
      'c@comcast.net',
      'c@cox.net',
      'c@earthlink.net',
      'c@ntlworld.com',
      'c@uol.com.br',
      'c@rambler.ru',
    ])
      expect(identityConflicts({ emails: [email] }, { emails: [], org: 'Initech' }), email).toEqual([]);
    expect(
      identityConflicts({ emails: ['carol@gmail.com', 'carol@umbrella.example'] }, { emails: [], org: 'Initech' }),
    ).toEqual([]);
    expect(
      identityConflicts({ emails: ['carol@umbrella.example'], org: 'Initech' }, { emails: [], org: 'Initech' }),
    ).toEqual([]);
    // a subdomain named like a mail service is still the organisation's own
    for (const email of ['ann@mail.umbrella.com', 'ann@web.umbrella.com', 'ann@live.umbrella.co.uk'])
      expect(identityConflicts({ emails: [email] }, { emails: [], org: 'Initech' }), email).toHaveLength(1);
  });

  it('sees no conflict when one side lacks the detail', () => {
    expect(identityConflicts({ emails: ['a@x.org'] }, { emails: [] })).toEqual([]);
    expect(identityConflicts({ emails: [], profileUrl: 'linkedin.com/in/a' }, { emails: ['a@x.org'] })).toEqual([]);
  });

  it('sees a conflict in different emails, profiles or phones', () => {
    expect(identityConflicts({ emails: ['a@x.org'] }, { emails: ['A@Y.org'] })).toHaveLength(1);
    expect(identityConflicts({ emails: ['a@x.org'] }, { emails: [' A@X.org '] })).toEqual([]);
    // one mailbox written two ways: Gmail's dots and googlemail.com, a +tag
    expect(
      identityConflicts(
        { emails: ['bob@bravo.example', 'rob.brown@gmail.com'] },
        { emails: ['RobBrown@googlemail.com'] },
      ),
    ).toEqual([]);
    expect(identityConflicts({ emails: ['jane+news@x.org'] }, { emails: ['jane@x.org'] })).toEqual([]);
    expect(identityConflicts({ emails: ['rob.brown@gmail.com'] }, { emails: ['rob.brown@acme.example'] })).toHaveLength(
      1,
    );
    expect(
      identityConflicts(
        { emails: [], profileUrl: 'linkedin.com/in/jane-doe' },
        { emails: [], profileUrl: 'linkedin.com/in/jane-doe-2' },
      ),
    ).toHaveLength(1);
    expect(
      identityConflicts({ emails: [], phones: ['+44 20 7946 0000'] }, { emails: [], phones: ['020 7946 0000'] }),
    ).toEqual([]);
    expect(
      identityConflicts({ emails: [], phones: ['+44 20 7946 0000'] }, { emails: [], phones: ['+1 415 555 0100'] }),
    ).toHaveLength(1);
  });

  it('sees a conflict in organisations only when neither name is words of the other', () => {
    const orgs = (a: string, b: string) => identityConflicts({ emails: [], org: a }, { emails: [], org: b });
    expect(orgs('Acme, Inc.', 'ACME')).toEqual([]);
    expect(orgs('Acme', 'Acme Robotics')).toEqual([]);
    expect(orgs('I.B.M.', 'IBM Corp')).toEqual([]);
    expect(orgs('J.P. Morgan', 'JPMorgan Chase')).toEqual([]);
    // a name inside another word is another organisation
    expect(orgs('Ford', 'Stanford University')).toEqual(['different organisations (Ford and Stanford University)']);
    expect(orgs('ING', 'Boeing')).toHaveLength(1);
    expect(orgs('Apple', 'Microsoft')).toHaveLength(1);
    // a legal form alone names nothing to compare
    expect(orgs('Inc.', 'Microsoft')).toEqual([]);
    expect(sameOrganisation('Ford', 'Stanford')).toBe(false);
    expect(sameOrganisation('Stanford', 'Stanford University')).toBe(true);
  });

  it('takes an organisation named only by a legal form (Company, Co, Inc, Ltd, LLC, GmbH) for itself, not for another', () => {
    for (const org of ['Company', 'Co', 'Inc', 'Ltd', 'LLC', 'GmbH']) {
      expect(sameOrganisation(org, org)).toBe(true);
      expect(sameOrganisation(org, `${org.toUpperCase()}.`)).toBe(true);
      expect(sameOrganisation(org, 'Acme')).toBe(false);
    }
    expect(sameOrganisation('Inc', 'LLC')).toBe(false);
    expect(sameOrganisationName('Company', 'company')).toBe(true);
    expect(sameOrganisationName('Inc', 'LLC')).toBe(false);
    // still no reason to keep two records apart
    expect(identityConflicts({ emails: [], org: 'Company' }, { emails: [], org: 'Acme' })).toEqual([]);
  });

  it('sees a conflict in birthdays on different days, or in different years when both have one', () => {
    const days = (a: string, b: string) => identityConflicts({ emails: [], birthday: a }, { emails: [], birthday: b });
    expect(days('1950-03-14', '2004-11-02')).toEqual(['different birthdays (1950-03-14 and 2004-11-02)']);
    expect(days('1950-03-14', '1951-03-14')).toHaveLength(1);
    expect(days('--03-14', '--03-15')).toHaveLength(1);
    expect(days('1950-03-14', '--03-14')).toEqual([]);
    // Apple writes 1604 for a birthday without a year
    expect(days('1604-03-14', '1950-03-14')).toEqual([]);
    expect(days('1950-03-14', 'sometime in March')).toEqual([]);
  });

  it('is symmetric', () => {
    const org = fc.constantFrom('Acme', 'Acme Robotics', 'Ford', 'Stanford University', 'I.B.M.', 'IBM', undefined);
    const birthday = fc.constantFrom('1950-03-14', '--03-14', '1951-03-14', '--11-02', undefined);
    fc.assert(
      fc.property(org, org, birthday, birthday, (a, b, x, y) => {
        const one = identityConflicts({ emails: [], org: a, birthday: x }, { emails: [], org: b, birthday: y });
        const other = identityConflicts({ emails: [], org: b, birthday: y }, { emails: [], org: a, birthday: x });
        expect(one.length).toBe(other.length);
      }),
    );
  });
});

describe('names', () => {
  it('builds names from addresses and profile URLs', () => {
    expect(nameFromAddress('jane.doe@example.com')).toBe('Jane Doe');
    expect(nameFromAddress('42@example.com')).toBe('42@example.com');
    expect(nameFromAddress('support@acme.com')).toBe('Acme Support');
    expect(nameFromAddress('customer.service@mail.globex.co.uk')).toBe('Globex Customer Service');
    // a +tag is no name; a hyphen joins a name beside a dot, parts one without; O' and D' names
    expect(nameFromAddress('john+news@example.com')).toBe('John');
    expect(nameFromAddress('mary-jane.watson@example.com')).toBe('Mary-Jane Watson');
    expect(nameFromAddress('jean-luc_picard@example.com')).toBe('Jean-Luc Picard');
    expect(nameFromAddress('jane-doe@example.com')).toBe('Jane Doe');
    expect(nameFromAddress("sean.o'brien@example.com")).toBe("Sean O'Brien");
    expect(nameFromAddress("o'neal.winfree@enron.com")).toBe("O'Neal Winfree");
    expect(nameFromAddress("d'angelo.rossi@example.com")).toBe("D'Angelo Rossi");
    expect(nameFromAddress('+tag@example.com')).toBe('Tag');
    expect(nameFromProfileUrl('https://www.linkedin.com/in/jane-doe-4a1b2c')).toBe('Jane Doe');
  });

  it('takes a mail program’s placeholder for no name ("e-mail <.tom@enron.com>"), and keeps a suffix', () => {
    for (const placeholder of ['e-mail', 'E-Mail', 'email', 'Undisclosed recipients'])
      expect(cleanDisplayName(placeholder)).toBeUndefined();
    expect(cleanDisplayName('Emil')).toBe('Emil');
    expect(cleanDisplayName('Lee, CFA')).toBe('Lee CFA');
  });

  it('turns "Last, First" into "First Last" and drops quotes', () => {
    expect(cleanDisplayName('"Doe, Jane"')).toBe('Jane Doe');
    expect(cleanDisplayName("'Kaminski, Vince J'")).toBe('Vince J Kaminski');
    expect(cleanDisplayName('Acme, Inc., Sales')).toBe('Acme, Inc., Sales');
    expect(cleanDisplayName('Acme, Inc.')).toBe('Acme, Inc.');
    expect(cleanDisplayName('"Globex, LLC"')).toBe('Globex, LLC');
    expect(cleanDisplayName('Volvo, AB')).toBe('Volvo, AB');
    expect(cleanDisplayName('Sa, Kim')).toBe('Kim Sa');
    expect(cleanDisplayName('Kim, Sa')).toBe('Sa Kim');
    expect(cleanDisplayName('"\'Jane Doe\'"')).toBe('Jane Doe');
    expect(cleanDisplayName('"Jane Doe')).toBe('Jane Doe');
  });

  it('keeps quotes that belong to the name: a nickname, an apostrophe', () => {
    expect(cleanDisplayName('O\'Neil, Carol "CJ"')).toBe('Carol "CJ" O\'Neil');
    expect(cleanDisplayName('"O\'Neil, Carol "CJ""')).toBe('Carol "CJ" O\'Neil');
    expect(cleanDisplayName("'Pat O'Neil'")).toBe("Pat O'Neil");
    expect(cleanDisplayName("D'Arcy Moss")).toBe("D'Arcy Moss");
    expect(cleanDisplayName('jane@x.org')).toBeUndefined();
  });

  it('keeps a suffix after the name, and drops a department or note in brackets at its end', () => {
    expect(cleanDisplayName('"Dave, Jr."')).toBe('Dave Jr.');
    expect(cleanDisplayName('Smith, John III')).toBe('John III Smith');
    expect(cleanDisplayName('Moreau, Anne, PhD')).toBe('Moreau, Anne, PhD');
    expect(cleanDisplayName("O'Neil, Pat (Sales)")).toBe("Pat O'Neil");
    expect(cleanDisplayName('Jane Doe [External]')).toBe('Jane Doe');
    expect(cleanDisplayName('(Sales)')).toBe('(Sales)');
  });

  it('keeps a comma where it is in a name read as written (put together from parts, a company’s)', () => {
    expect(cleanDisplayName('Morgan, Lewis & Bockius', { asWritten: true })).toBe('Morgan, Lewis & Bockius');
    expect(cleanDisplayName('Maria, Jr Lopez', { asWritten: true })).toBe('Maria, Jr Lopez');
    expect(cleanDisplayName('Morgan, Lewis & Bockius')).toBe('Lewis & Bockius Morgan');
  });

  it('keeps an address book’s name whole, "@" and brackets included; only an email address is no name', () => {
    const book = { addressBook: true };
    expect(cleanDisplayName('Mike @ Acme', book)).toBe('Mike @ Acme');
    expect(cleanDisplayName('Jane Doe (née Smith)', book)).toBe('Jane Doe (née Smith)');
    expect(cleanDisplayName('Alex Kim [Board]', book)).toBe('Alex Kim [Board]');
    expect(cleanDisplayName(' "Jane@X.org" ', book)).toBeUndefined();
    expect(cleanDisplayName('<jane@x.org>', book)).toBeUndefined();
    expect(cleanDisplayName('Doe, Jane', book)).toBe('Jane Doe');
    // a display name in a message: a department after it is dropped, an "@" makes it none
    expect(cleanDisplayName('Lou Chen (Acme)')).toBe('Lou Chen');
    expect(cleanDisplayName('Mike @ Acme')).toBeUndefined();
  });

  it('reads an email with an internationalised domain the same in its ASCII and Unicode spellings', () => {
    expect(normalizeEmail('Juergen@XN--BCHER-KVA.example')).toBe('juergen@bücher.example');
    expect(normalizeEmail('juergen@bu\u0308cher.example')).toBe('juergen@bücher.example');
    expect(normalizeEmail('<x@xn--zz>')).toBe('x@xn--zz'); // not a valid domain: as written
  });

  it('reads an email copied as a link (mailto:) or with its domain’s final dot as the address itself', () => {
    expect(normalizeEmail(' MAILTO:Bo@Chu.example ')).toBe('bo@chu.example');
    expect(normalizeEmail('ED@GU.EXAMPLE.')).toBe('ed@gu.example');
    expect(normalizeEmail('Ed <ed@gu.example.>')).toBe('ed@gu.example');
    expect(normalizeEmail('ed.@gu.example')).toBe('ed.@gu.example'); // a dot before the @ is the address's own
    expect(normalizeEmail('ed@.')).toBe('ed@.');
  });

  it('reads an email pasted with invisible characters (zero-width space, direction marks, BOM) as the address', () => {
    expect(normalizeEmail('\u200Bzoe@park.example')).toBe('zoe@park.example');
    expect(normalizeEmail('zoe\u200C@park\u200D.example\u2060')).toBe('zoe@park.example');
    expect(normalizeEmail('\u202Azoe@park.example\u202C\u200E')).toBe('zoe@park.example');
    expect(normalizeEmail('Zoe <\uFEFFzoe@park.example>\u200B')).toBe('zoe@park.example');
  });

  it.each([
    ['Jan van der Berg', { family: 'van der Berg', given: 'Jan', suffix: '' }],
    ['María de la Cruz', { family: 'de la Cruz', given: 'María', suffix: '' }],
    ['Ana García López', { family: 'López', given: 'Ana García', suffix: '' }],
    ['Dave Jr.', { family: '', given: 'Dave', suffix: 'Jr.' }],
    ['John Smith III', { family: 'Smith', given: 'John', suffix: 'III' }],
    ['Madonna', { family: '', given: 'Madonna', suffix: '' }],
    ['Van Morrison', { family: 'Morrison', given: 'Van', suffix: '' }],
    ['Acme, Inc.', { family: '', given: 'Acme, Inc.', suffix: '' }],
    ['Kim Sa', { family: 'Sa', given: 'Kim', suffix: '' }],
    ['Volvo Cars AB', { family: '', given: 'Volvo Cars AB', suffix: '' }],
    ['Plomberie Dupré & Fils SARL', { family: '', given: 'Plomberie Dupré & Fils SARL', suffix: '' }],
  ])('splits %j into the parts of a vCard N', (name, parts) => {
    expect(nameParts(name)).toEqual(parts);
  });

  it('treats single first names as too common to match on', () => {
    expect(nameIsDistinctive('Anna')).toBe(false);
    expect(nameIsDistinctive('Anna Berg')).toBe(true);
  });
});

describe('betterName', () => {
  it('takes a real name over one made from an address, when it has as many words', () => {
    expect(betterName('Jsmith', 'John Smith', true)).toBe('John Smith');
    expect(betterName('Ann Lee', 'Ann Lee-Park', true)).toBe('Ann Lee-Park');
    expect(betterName('J Smith', 'John', true)).toBeUndefined();
    expect(betterName('Jsmith', 'jsmith@acme.example', true)).toBeUndefined();
    expect(betterName('Jsmith', '  ', true)).toBeUndefined();
    expect(betterName('Jsmith', '12345', true)).toBeUndefined();
  });

  it('takes any real name over one made of a phone number', () => {
    expect(betterName('+44 20 7946 0000', 'Pat', true)).toBe('Pat');
    expect(betterName('+44 20 7946 0000', '+44 20 7946 0001', true)).toBeUndefined();
    // a number the user typed as the name stays
    expect(betterName('+44 20 7946 0000', 'Pat', false)).toBeUndefined();
  });

  it('takes the same name with more accents, whoever gave the one stored', () => {
    expect(betterName('Zoe Angstrom', 'Zoë Ångström', false)).toBe('Zoë Ångström');
    expect(betterName('Zoë Ångström', 'Zoe Angstrom', false)).toBeUndefined();
  });

  it('never replaces a name someone gave by another name', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        (stored, offered) => {
          const name = betterName(stored, offered, false);
          if (name !== undefined) expect(nameKey(name)).toBe(nameKey(stored));
        },
      ),
    );
  });
});

describe('mayBeOneName', () => {
  it('takes a name written out more fully, or a short form of the given name, as maybe one name', () => {
    expect(mayBeOneName('Z. Quinn', 'Zoe Quinn')).toBe(true);
    expect(mayBeOneName('Robert Brown', 'Bob Brown')).toBe(true);
    expect(mayBeOneName('Kim', 'Kim Lee')).toBe(true);
    expect(mayBeOneName('Kate Lee', 'Catherine Lee')).toBe(true);
    expect(mayBeOneName('Cathy Lee', 'Kathryn Lee')).toBe(true);
    expect(mayBeOneName('Steve Roe', 'Steven Roe')).toBe(true);
    expect(mayBeOneName('Bob Brown', 'Bob Brown')).toBe(false);
    expect(mayBeOneName('Carl Jones', 'Ann Other')).toBe(false);
    expect(mayBeOneName('Robert Brown', 'Bob Green')).toBe(false);
    expect(mayBeOneName('Bob', 'Robert')).toBe(false);
  });
});

describe('completesName', () => {
  it('tells a name written out more fully from another name', () => {
    expect(completesName('Kim', 'Kim Lee')).toBe(true);
    expect(completesName('Lee', 'Kim Lee')).toBe(true);
    expect(completesName('Kim Lee', 'Kim A. Lee')).toBe(true);
    expect(completesName('J. Smith', 'John Smith')).toBe(true);
    expect(completesName('Zoe', 'Zoë Ångström')).toBe(true);
    expect(completesName('Kim Lee', 'Kim Lee')).toBe(false);
    expect(completesName('Kim Lee', 'Kim')).toBe(false);
    expect(completesName('Smith, John', 'John Smith')).toBe(false);
    expect(completesName('Kim', 'Kimberly Lee')).toBe(false);
    expect(completesName('Bob Smith', 'Robert Smith')).toBe(false);
    expect(completesName('Acme', 'Acme Corp')).toBe(false);
  });

  it('never takes a name with fewer words, and always keeps every word of the shorter one', () => {
    const word = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(word, { maxLength: 4 }), (a, b) => {
        const short = a.join(' ');
        const long = b.join(' ');
        if (completesName(short, long)) {
          expect(b.length).toBeGreaterThanOrEqual(a.length);
          for (const w of a) if (w.length > 1) expect(b).toContain(w);
        }
      }),
    );
  });

  it('lets betterName take the fuller name only when the stored one may be completed', () => {
    expect(betterName('Kim', 'Kim Lee', false, true)).toBe('Kim Lee');
    expect(betterName('Kim', 'Kim Lee', false, false)).toBeUndefined();
    expect(betterName('Kim', 'Ann Lee', false, true)).toBeUndefined();
    // a display name a message gave gives way to a contact record's name, whatever it is
    expect(betterName('Amy Assist', 'Boss Bob', false, true, true)).toBe('Boss Bob');
    expect(betterName('Amy Assist', 'boss@corp.example', false, true, true)).toBeUndefined();
  });
});

describe('namesConflict', () => {
  it('tells two people who share an address from two ways of writing one name', () => {
    expect(namesConflict('Alice Shared', 'Bob Shared')).toBe(true);
    expect(namesConflict('Alice Shared', 'Tom Other')).toBe(true);
    expect(namesConflict('Robert Smith', 'Bob Smith')).toBe(false);
    expect(namesConflict('Robert Smith', 'R. Smith')).toBe(false);
    expect(namesConflict('Robert Smith', 'Smith, Robert')).toBe(false);
    expect(namesConflict('Mary Jones', 'Mary Smith')).toBe(false);
    expect(namesConflict('Dr. Anna Maria Müller', 'Anna Müller')).toBe(false);
    expect(namesConflict('Anna', 'Bob Shared')).toBe(false);
    expect(namesConflict('Acme Support', 'Globex Ltd')).toBe(false);
  });
});
