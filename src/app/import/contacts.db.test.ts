import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { findPeopleByName, findPerson } from '../../store/person.repository.js';
import { findDuplicates, mergePeople } from '../duplicates.js';
import { exportWorkspace } from '../export.js';
import { addPerson, editPerson, resolvePerson } from '../people.js';
import { importFiles } from './index.js';

// Address books (vCard, Google CSV) imported and stored: what the stored people are named.

let t: TestDatabase;
let dir: string;
beforeEach(async () => {
  t = await openTestDatabase(T0);
  dir = dirname(t.path);
});
afterEach(async () => {
  await t.close();
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Files beside the databases a test makes afresh (a new one for each order of the files). */
function scratchFiles(prefix: string) {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  return {
    write: (name: string, text: string) => {
      writeFileSync(join(folder, name), text);
      return join(folder, name);
    },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

const card = (...props: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...props, 'END:VCARD'].join('\r\n');

async function names(): Promise<string[]> {
  const rows = await t.store.db.selectFrom('people').select('name').orderBy('id').execute();
  return rows.map((r) => r.name);
}

describe('names stored from an address book', () => {
  it('stores a name with its accents written as one character each (NFC), however the file or the user wrote it', async () => {
    const nfd = 'Zoe\u0308 Stro\u0308m';
    const file = write('nfd.vcf', card(`FN:${nfd}`, 'EMAIL:zoe@ikea.example', 'ORG:Cafe\u0301 Socie\u0301te\u0301'));
    await importFiles(t.ctx, 'vcard', [file]);
    await addPerson(t.ctx, { name: 'Rene\u0301 Magritte' });
    const edited = await addPerson(t.ctx, { name: 'Jose Ruiz' });
    await editPerson(t.ctx, edited.id, { name: 'Jose\u0301 Ruiz' });
    const google = write('g.csv', `First Name,Last Name,E-mail 1 - Value\r\nA\u030Arne,Berg,arne@x.example\r\n`);
    await importFiles(t.ctx, 'google', [google]);
    expect(await names()).toEqual(['Zoë Ström', 'René Magritte', 'José Ruiz', 'Årne Berg']);
    for (const name of await names()) expect(name).toBe(name.normalize('NFC'));
    expect((await findPerson(t.store.db, t.ctx.workspaceId, 1))?.org).toBe('Café Société'.normalize('NFC'));
    await editPerson(t.ctx, edited.id, { org: 'Cafe\u0301', title: 'Pre\u0301sident' });
    const job = await findPerson(t.store.db, t.ctx.workspaceId, edited.id);
    expect([job?.org, job?.title]).toEqual(['Café', 'Président']);
    expect((await resolvePerson(t.ctx, 'Zoë Ström')).id).toBe(1);
  });

  it('stores a vCard’s name as written: a company-only card under its company, N’s parts in order, "@" and brackets kept', async () => {
    const file = write(
      'cards.vcf',
      [
        card('FN:Morgan\\, Lewis & Bockius', 'ORG:Morgan\\, Lewis & Bockius', 'TEL:+1 215 963 5001'),
        ['BEGIN:VCARD', 'VERSION:2.1', 'N:Smith;John;A., B.;;', 'EMAIL:a2@ex.com', 'END:VCARD'].join('\r\n'),
        card('N:Smith;John;Andrew\\, Bob;;', 'EMAIL:a3@ex.com'),
        card('FN:Mike @ Acme', 'EMAIL:m.k@acme.example'),
        card('FN:Joe @ Garage', 'TEL:+1 555 0700'),
        card('FN:Jane Doe (née Smith)', 'N:Doe;Jane;;;', 'EMAIL:jane.nee@ex.com'),
        card('FN:Tom Sawyer (Tommy)', 'EMAIL:tom@ex.com'),
        // a display name alone, family name first, and one that is an address
        card('FN:Roe\\, Sam', 'EMAIL:sam@ex.com'),
        card('FN:lee.park@ex.com', 'EMAIL:lee.park@ex.com'),
      ].join('\r\n'),
    );
    await importFiles(t.ctx, 'vcard', [file]);
    expect(await names()).toEqual([
      'Morgan, Lewis & Bockius',
      'John A., B. Smith',
      'John Andrew, Bob Smith',
      'Mike @ Acme',
      'Joe @ Garage',
      'Jane Doe (née Smith)',
      'Tom Sawyer (Tommy)',
      'Sam Roe',
      'Lee Park',
    ]);
  });

  it('stores a Google contact’s name as written: a company-only contact under its company, parts in order, "@" and brackets kept', async () => {
    const file = write(
      'contacts.csv',
      [
        'First Name,Middle Name,Last Name,Organization Name,Labels,E-mail 1 - Value,Phone 1 - Value',
        ',,,"Morgan, Lewis & Bockius",* myContacts,,+1 215 963 5000',
        'John,"A., B.",Smith,,* myContacts,gm1@ex.com,',
        '"Maria, Jr",,Lopez,,* myContacts,gm2@ex.com,',
        'Mike,,@ Acme,,* myContacts,m.k@acme.example,',
        'Alex,,Kim [Board],,* myContacts,gkim@ex.com,',
      ].join('\n'),
    );
    await importFiles(t.ctx, 'google', [file]);
    expect(await names()).toEqual([
      'Morgan, Lewis & Bockius',
      'John A., B. Smith',
      'Maria, Jr Lopez',
      'Mike @ Acme',
      'Alex Kim [Board]',
    ]);
  });
});

describe('namesakes', () => {
  it('gives a LinkedIn connection to the one namesake at its organisation, whichever file came first', async () => {
    // beside the databases, which each order makes afresh
    const { write, remove } = scratchFiles('rapport-namesakes-');
    const google = write(
      'g.csv',
      'First Name,Last Name,Organization Name,Labels,E-mail 1 - Label,E-mail 1 - Value\nBob,Jones,Initech,* myContacts,* Work,bob@initech.com\n',
    );
    const vcard = write('c.vcf', card('FN:Bob Jones', 'EMAIL:bob@other.com', 'ORG:Globex'));
    const connections = write(
      'Connections.csv',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nBob,Jones,https://www.linkedin.com/in/bobjones,,"Initech, Inc",Dev,13 Mar 2024\n',
    );
    const orders: [string, string][][] = [
      [
        ['google', google],
        ['vcard', vcard],
        ['linkedin', connections],
      ],
      [
        ['google', google],
        ['linkedin', connections],
        ['vcard', vcard],
      ],
    ];
    for (const order of orders) {
      await t.close();
      t = await openTestDatabase(T0);
      for (const [format, file] of order)
        await importFiles(t.ctx, format as 'google', [file], { me: ['https://www.linkedin.com/in/me'] });
      const rows = await t.store.db.selectFrom('people').select(['org', 'linkedin']).orderBy('org').execute();
      expect(rows, order.map(([f]) => f).join(' then ')).toEqual([
        { org: 'Globex', linkedin: null },
        { org: 'Initech', linkedin: 'https://www.linkedin.com/in/bobjones' },
      ]);
    }
    // two namesakes at organisations alike ("Initech", "Initech Labs"): the one written as the record writes it
    const a = write('a.vcf', card('FN:Bob Jones', 'ORG:Initech', 'EMAIL:bob@a.example'));
    const b = write('b.vcf', card('FN:Bob Jones', 'ORG:Initech Labs', 'EMAIL:bob@b.example'));
    const initech = write(
      'c2.csv',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nBob,Jones,https://www.linkedin.com/in/bobjones-x,,Initech,Dev,13 Mar 2024\n',
    );
    for (const order of [
      [a, b, initech],
      [b, a, initech],
      [initech, a, b],
    ]) {
      await t.close();
      t = await openTestDatabase(T0);
      for (const file of order)
        await importFiles(t.ctx, file.endsWith('.csv') ? 'linkedin' : 'vcard', [file], {
          me: ['https://www.linkedin.com/in/me'],
        });
      const rows = await t.store.db.selectFrom('people').select(['org', 'linkedin']).orderBy('org').execute();
      expect(rows, order.join(' then ')).toEqual([
        { org: 'Initech', linkedin: 'https://www.linkedin.com/in/bobjones-x' },
        { org: 'Initech Labs', linkedin: null },
      ]);
    }
    remove();
  });
});

describe('a name with and without a middle name at one organisation', () => {
  it('is listed as a possible duplicate whichever file came first, and merged by none', async () => {
    const { write, remove } = scratchFiles('rapport-middle-');
    const google = write(
      'g.csv',
      'First Name,Middle Name,Last Name,Organization Name,E-mail 1 - Value\nAnna,Maria,Müller,Umbrella,anna@umbrella.example\n',
    );
    const connections = write(
      'Connections.csv',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnna,Müller,https://www.linkedin.com/in/anna-mueller,,Umbrella,Designer,10 Feb 2024\n',
    );
    // …and one at another organisation is someone else
    const elsewhere = write('e.vcf', card('FN:Anna Müller', 'ORG:Initech', 'EMAIL:anna@initech.example'));
    for (const order of [
      [google, connections, elsewhere],
      [connections, google, elsewhere],
      [elsewhere, connections, google],
    ]) {
      await t.close();
      t = await openTestDatabase(T0);
      for (const file of order) {
        const format = file.endsWith('g.csv') ? 'google' : file.endsWith('.csv') ? 'linkedin' : 'vcard';
        await importFiles(t.ctx, format, [file], { me: ['https://www.linkedin.com/in/me'] });
      }
      const label = order.map((f) => f.split('/').at(-1)).join(' then ');
      const pairs = await t.store.db
        .selectFrom('possible_duplicates as d')
        .innerJoin('people as a', 'a.id', 'd.person_a')
        .innerJoin('people as b', 'b.id', 'd.person_b')
        .select(['a.org as orgA', 'b.org as orgB', 'd.reason'])
        .execute();
      expect(
        pairs.map((p) => [p.orgA, p.orgB]),
        label,
      ).toEqual([['Umbrella', 'Umbrella']]);
      expect(pairs[0]?.reason, label).toMatch(/at Umbrella: the same name but for a middle name$/);
      expect(await t.store.db.selectFrom('people').select('id').execute(), label).toHaveLength(3);
    }
    remove();
  });
});

describe('a namesake known by mail and one at another organisation on LinkedIn', () => {
  it('are kept apart and listed, in every order of the files', async () => {
    const { write, remove } = scratchFiles('rapport-carol-');
    const mbox = write(
      'carol.mbox',
      [
        'From x Mon Jan  1 00:00:00 2024',
        'From: pat@consult.example',
        'To: Carol Lee <carol@umbrella.example>',
        'Subject: Proposal',
        'Date: Wed, 20 Mar 2024 09:00:00 +0000',
        'Message-ID: <c1@consult>',
        '',
        'Body.',
        '',
      ].join('\n'),
    );
    const connections = write(
      'Connections.csv',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nCarol,Lee,https://www.linkedin.com/in/carollee-initech,,Initech,Engineer,20 Feb 2023\n',
    );
    const google = write(
      'g.csv',
      'First Name,Last Name,Organization Name,Organization Title,E-mail 1 - Label,E-mail 1 - Value\nCarol,Lee,Umbrella,Director,* Work,carol@umbrella.example\n',
    );
    const orders: [string, string][][] = [
      [
        ['mbox', mbox],
        ['linkedin', connections],
        ['google', google],
      ],
      [
        ['linkedin', connections],
        ['google', google],
        ['mbox', mbox],
      ],
      [
        ['google', google],
        ['mbox', mbox],
        ['linkedin', connections],
      ],
    ];
    for (const order of orders) {
      await t.close();
      t = await openTestDatabase(T0);
      for (const [format, file] of order)
        await importFiles(t.ctx, format as 'google', [file], {
          me: format === 'mbox' ? ['pat@consult.example'] : ['https://www.linkedin.com/in/pat'],
        });
      const label = order.map(([f]) => f).join(' then ');
      const rows = await t.store.db.selectFrom('people').select(['org', 'linkedin']).orderBy('org').execute();
      expect(rows, label).toEqual([
        { org: 'Initech', linkedin: 'https://www.linkedin.com/in/carollee-initech' },
        { org: 'Umbrella', linkedin: null },
      ]);
      expect(
        (await findDuplicates(t.ctx)).map((g) => g.name),
        label,
      ).toEqual(['Carol Lee']);
    }
    remove();
  });
});

describe('a namesake known by a work address, and cards of two organisations', () => {
  it('joins the card of the organisation the address is at, in every order of the files', async () => {
    const { write, remove } = scratchFiles('rapport-bob-');
    const mbox = write(
      'm.mbox',
      [
        'From x Mon Jan  1 00:00:00 2024',
        'From: Bob Jones <bob@initech.com>',
        'To: me@me.example',
        'Subject: Hello',
        'Date: Wed, 20 Mar 2024 09:00:00 +0000',
        'Message-ID: <b1@initech>',
        '',
        'Body.',
        '',
      ].join('\n'),
    );
    const initech = write('org.vcf', card('FN:Bob Jones', 'N:Jones;Bob;;;', 'ORG:Initech Inc'));
    const umbrella = write('umb.vcf', card('FN:Bob Jones', 'N:Jones;Bob;;;', 'ORG:Umbrella'));
    const files3: [string, string][] = [
      ['mbox', mbox],
      ['vcard', initech],
      ['vcard', umbrella],
    ];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      await t.close();
      t = await openTestDatabase(T0);
      for (const i of order) {
        const [format, file] = files3[i] as [string, string];
        await importFiles(t.ctx, format as 'vcard', [file], { me: ['me@me.example'] });
      }
      const rows = await t.store.db.selectFrom('people').select('id').execute();
      const people = await Promise.all(rows.map((r) => findPerson(t.store.db, t.ctx.workspaceId, Number(r.id))));
      expect(
        people.map((p) => [p?.org, p?.emails]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        order.join(' '),
      ).toEqual([
        ['Initech Inc', ['bob@initech.com']],
        ['Umbrella', []],
      ]);
    }
    remove();
  });
});

describe('profiles', () => {
  it('matches a card’s mobile-site LinkedIn URL to the connection with the www. one: one person', async () => {
    const connections = write(
      'Connections.csv',
      [
        'Notes:',
        '"When exporting your connection data, you may notice that some of the email addresses are missing."',
        '',
        'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
        'Mobile,Guy,https://www.linkedin.com/in/mobile-guy,,MG,Eng,12 Mar 2024',
      ].join('\n'),
    );
    await importFiles(t.ctx, 'linkedin', [connections]);
    const cards = write(
      'm.vcf',
      card('FN:Mobile Guy', 'EMAIL:mobile@guy.example', 'URL:https://m.linkedin.com/in/mobile-guy'),
    );
    const report = await importFiles(t.ctx, 'vcard', [cards]);
    expect(report.people).toMatchObject({ created: 0, matched: 1 });
    const rows = await t.store.db.selectFrom('people').select(['name', 'linkedin']).execute();
    expect(rows).toEqual([{ name: 'Mobile Guy', linkedin: 'https://www.linkedin.com/in/mobile-guy' }]);
  });

  it('finds a card’s person by the other profile their connection gave, in a later import of the export’s messages', async () => {
    await importFiles(t.ctx, 'vcard', [
      write(
        'a.vcf',
        card('FN:Alice Anders', 'EMAIL:alice@other.example', 'URL:https://www.linkedin.com/in/alice-anders-2'),
      ),
    ]);
    const connections = write(
      'Connections.csv',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAlice,Anders,https://www.linkedin.com/in/alice-anders,alice@other.example,A,B,12 Mar 2024\n',
    );
    expect((await importFiles(t.ctx, 'linkedin', [connections])).people).toEqual({ created: 0, matched: 1 });
    const messages = write(
      'messages.csv',
      [
        'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
        'c1,,Alice Anders,https://www.linkedin.com/in/alice-anders,Me Myself,https://www.linkedin.com/in/me-myself,2024-03-13 09:00:00 UTC,,Hi,INBOX',
        'c2,,Bob Brown,https://www.linkedin.com/in/bob,Me Myself,https://www.linkedin.com/in/me-myself,2024-03-13 10:00:00 UTC,,Hi,INBOX',
      ].join('\n'),
    );
    const report = await importFiles(t.ctx, 'linkedin', [messages], { me: ['https://www.linkedin.com/in/me-myself'] });
    expect(report.people).toEqual({ created: 1, matched: 1 });
    expect(await names()).toEqual(['Alice Anders', 'Bob Brown']);
  });
});

describe('importing a file again', () => {
  const orgs = async () =>
    (await t.store.db.selectFrom('people').select('org').orderBy('id').execute()).map((r) => r.org);

  it('takes a card whose revision is dated after now as of its file, so a newer export can still change the job', async () => {
    const future = write(
      'future.vcf',
      card('FN:Fay Future', 'EMAIL:fay@x.example', 'ORG:FutureCo', 'REV:20310101T000000Z'),
    );
    utimesSync(future, new Date(T0 - 86_400_000), new Date(T0 - 86_400_000));
    const report = await importFiles(t.ctx, 'vcard', [future]);
    expect(report.issues.map((i) => [i.line, i.code])).toEqual([[1, 'future_revision']]);
    // the next export, written later and without REV: its job wins
    const newer = write('newer.vcf', card('FN:Fay Future', 'EMAIL:fay@x.example', 'ORG:TodayCo'));
    utimesSync(newer, new Date(T0), new Date(T0));
    await importFiles(t.ctx, 'vcard', [newer]);
    expect(await orgs()).toEqual(['TodayCo']);
  });

  it('leaves the job a merge kept when an unchanged card is imported again, with or without a UID', async () => {
    for (const uid of [[], ['UID:yara-b']]) {
      await t.close();
      t = await openTestDatabase(T0);
      dir = dirname(t.path);
      const a = write('a.vcf', card('FN:Yara Young', 'TEL:+1 555 0501', 'ORG:Alpha'));
      const b = write('b.vcf', card('FN:Yara Young', 'TEL:+1 555 0599', 'ORG:Beta', ...uid));
      await importFiles(t.ctx, 'vcard', [a]);
      await importFiles(t.ctx, 'vcard', [b]);
      expect(await orgs()).toEqual(['Alpha', 'Beta']);
      await mergePeople(t.ctx, 1, 2);
      expect(await orgs()).toEqual(['Alpha']);
      const again = await importFiles(t.ctx, 'vcard', [b]);
      expect(await orgs(), `UID ${uid.length > 0}`).toEqual(['Alpha']);
      expect(again.people).toMatchObject({ created: 0, matched: 1 });
      // the difference is said, as for a job the user set
      expect(again.issues.map((i) => i.code)).toEqual(['job_kept']);
      // the card changed since (a newer export) still gives its new job
      write('b.vcf', card('FN:Yara Young', 'TEL:+1 555 0599', 'ORG:Gamma', ...uid));
      await importFiles(t.ctx, 'vcard', [b]);
      expect(await orgs(), `UID ${uid.length > 0}`).toEqual(['Gamma']);
    }
  });

  it('leaves the name a merge kept when an unchanged card or row is imported again, and finds the person in a changed one', async () => {
    const cards = write(
      'two.vcf',
      [card('FN:J. Doe', 'EMAIL:j@x.example'), card('FN:Jane Doe', 'EMAIL:jane@y.example')].join('\r\n'),
    );
    const rows = write(
      'g.csv',
      'First Name,Middle Name,Last Name,E-mail 1 - Value\r\nAnna,Maria,Müller,anna@umbrella.example\r\n',
    );
    // a name an import gave, which a fuller one from a contact record would complete
    const short = write('anna.vcf', card('FN:Anna Müller', 'EMAIL:a.mueller@home.example'));
    await importFiles(t.ctx, 'vcard', [cards]);
    await importFiles(t.ctx, 'google', [rows]);
    await importFiles(t.ctx, 'vcard', [short]);
    expect(await names()).toEqual(['J. Doe', 'Jane Doe', 'Anna Maria Müller', 'Anna Müller']);
    await mergePeople(t.ctx, 1, 2);
    await mergePeople(t.ctx, 4, 3);
    const kept = ['J. Doe', 'Anna Müller'];
    expect(await names()).toEqual(kept);
    const again = await importFiles(t.ctx, 'vcard', [cards]);
    await importFiles(t.ctx, 'google', [rows]);
    expect(await names()).toEqual(kept);
    expect(again.people).toMatchObject({ created: 0, matched: 1 });
    // a card changed since (a newer export) is still the person the user merged it into, not a new
    // one beside them without an address
    write(
      'two.vcf',
      [card('FN:J. Doe', 'EMAIL:j@x.example'), card('FN:Jane Doe', 'EMAIL:jane@y.example', 'TITLE:CTO')].join('\r\n'),
    );
    const changed = await importFiles(t.ctx, 'vcard', [cards]);
    expect(changed.people).toMatchObject({ created: 0, matched: 1 });
    expect(await names()).toEqual(kept);
    expect((await findPerson(t.store.db, t.ctx.workspaceId, 1))?.title).toBe('CTO');
  });

  it('puts back nothing the user removed or changed when the same contact is imported again; a changed contact still adds', async () => {
    const row = (emails: string, labels: string) =>
      ['First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Labels', `Hana,Kim,${emails},+1 555 0100,${labels}`].join(
        '\r\n',
      );
    const csv = write('google.csv', row('hana@old.example ::: hana@new.example', 'Friends'));
    await importFiles(t.ctx, 'google', [csv]);
    await editPerson(t.ctx, 1, { emails: ['hana@new.example'], phones: ['+1 555 0199'], tags: ['mentor'] });
    const hana = async () => {
      const p = await findPerson(t.store.db, t.ctx.workspaceId, 1);
      return [p?.emails, p?.phones, p?.tags];
    };
    const edited = [['hana@new.example'], ['+1 555 0199'], ['mentor']];
    expect(await hana()).toEqual(edited);
    const again = await importFiles(t.ctx, 'google', [csv]);
    expect(again.people).toEqual({ created: 0, matched: 1 });
    expect(await hana()).toEqual(edited);
    // a newer export that says more is heard, but what the user took off stays off
    write('google.csv', row('hana@old.example ::: hana@new.example ::: hana@work.example', 'Friends'));
    const newer = await importFiles(t.ctx, 'google', [csv]);
    expect(newer.people).toEqual({ created: 0, matched: 1 });
    expect((await hana()).slice(0, 2)).toEqual([['hana@new.example', 'hana@work.example'], ['+1 555 0199']]);
    // until the user gives it back, and takes off another: it alone is remembered as taken off
    await editPerson(t.ctx, 1, { emails: ['hana@new.example', 'hana@old.example'] });
    const removed = await t.store.db
      .selectFrom('person_keys')
      .select('record_key')
      .where('source', '=', 'removed')
      .orderBy('record_key')
      .execute();
    expect(removed.map((r) => r.record_key.split(' ').slice(0, 2).join(' '))).toEqual([
      'email hana@work.example',
      'phone 15550100',
    ]);
  });

  it('keeps the date of a LinkedIn connection beside how the user wrote they met, once', async () => {
    await addPerson(t.ctx, {
      name: 'Bob Baker',
      linkedin: 'https://www.linkedin.com/in/bob-baker',
      met: 'Web Summit 2023',
    });
    const file = write(
      'Connections.csv',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nBob,Baker,https://www.linkedin.com/in/bob-baker,,X,CEO,12 Mar 2024\n',
    );
    await importFiles(t.ctx, 'linkedin', [file]);
    await importFiles(t.ctx, 'linkedin', [file]);
    expect((await findPerson(t.store.db, t.ctx.workspaceId, 1))?.met).toBe(
      'Web Summit 2023; connected on LinkedIn on 2024-03-12',
    );
  });

  it('finds a merged person again by the profile and the name the one merged away had, in a changed record', async () => {
    const connections = (url: string) =>
      write(
        'Connections.csv',
        `First Name,Last Name,URL,Email Address,Company,Position,Connected On\nDan,Ray,${url},,Xco,CEO,2 Feb 2024\n`,
      );
    await importFiles(t.ctx, 'linkedin', [connections('https://www.linkedin.com/in/danray1')]);
    await importFiles(t.ctx, 'vcard', [
      write('dan.vcf', card('FN:Dan Ray', 'URL:https://www.linkedin.com/in/danray2')),
    ]);
    await mergePeople(t.ctx, 1, 2);
    // a newer export under the second profile: the same person
    const newer = await importFiles(t.ctx, 'linkedin', [connections('https://linkedin.com/in/DanRay2/')]);
    expect(newer.people).toEqual({ created: 0, matched: 1 });
    // a card named otherwise, merged, then changed (no UID: found by nothing but its name and phone)
    await importFiles(t.ctx, 'vcard', [write('bob.vcf', card('FN:Bob Brown', 'EMAIL:bob@b.example'))]);
    await importFiles(t.ctx, 'vcard', [write('robert.vcf', card('FN:Robert Brown', 'TEL:+1 555 0100'))]);
    const [bob, robert] = (await t.store.db.selectFrom('people').select('id').where('id', '>', 1).execute()).map((r) =>
      Number(r.id),
    );
    await mergePeople(t.ctx, bob as number, robert as number);
    const changed = await importFiles(t.ctx, 'vcard', [
      write('robert.vcf', card('FN:Robert Brown', 'TEL:+1 555 0100', 'ORG:Acme')),
    ]);
    expect(changed.people).toEqual({ created: 0, matched: 1 });
    expect(await names()).toEqual(['Dan Ray', 'Bob Brown']);
  });

  it('does not put back an address the user took off when a merge moved the person', async () => {
    const csv = write(
      'google.csv',
      'First Name,Last Name,E-mail 1 - Value\r\nIvo,Ruiz,ivo@old.example ::: ivo@new.example\r\n',
    );
    await importFiles(t.ctx, 'google', [csv]);
    await editPerson(t.ctx, 1, { emails: ['ivo@new.example'] });
    const other = write('other.vcf', card('FN:Ivo Ruiz', 'EMAIL:ivo@home.example'));
    await importFiles(t.ctx, 'vcard', [other]);
    await mergePeople(t.ctx, 2, 1);
    write(
      'google.csv',
      'First Name,Last Name,E-mail 1 - Value,Notes\r\nIvo,Ruiz,ivo@old.example ::: ivo@new.example,changed\r\n',
    );
    await importFiles(t.ctx, 'google', [csv]);
    const ivo = await findPerson(t.store.db, t.ctx.workspaceId, 2);
    expect(ivo?.emails).toEqual(['ivo@home.example', 'ivo@new.example']);
  });
});

describe('phones', () => {
  it('stores a number a card or a row gives in several spellings once, as first written', async () => {
    const v4 = ['BEGIN:VCARD', 'VERSION:4.0', 'FN:Ola Nowak', 'TEL:+48 601 234 567', 'TEL:+48-601-234-567'];
    const file = write(
      'pl.vcf',
      [...v4, 'TEL;VALUE=uri:tel:+48601234567', 'TEL:+48 22 123 45 67', 'END:VCARD'].join('\r\n'),
    );
    const row = write(
      'pl.csv',
      'First Name,Last Name,Phone 1 - Label,Phone 1 - Value\r\nEwa,Nowak,Mobile,+48601234568 ::: +48 (601) 234-568\r\n',
    );
    await importFiles(t.ctx, 'vcard', [file]);
    await importFiles(t.ctx, 'google', [row]);
    const phones = (await t.store.db.selectFrom('people').select('phones').orderBy('id').execute()).map((r) =>
      JSON.parse(String(r.phones)),
    );
    expect(phones).toEqual([['+48 601 234 567', '+48 22 123 45 67'], ['+48601234568']]);
  });

  it('stores a tel: URI’s extension with the number: two extensions of one line are two numbers, each found again', async () => {
    const v4 = (...props: string[]) => ['BEGIN:VCARD', 'VERSION:4.0', ...props, 'END:VCARD'].join('\r\n');
    const file = write(
      'ext.vcf',
      v4(
        'FN:Ext Person',
        'TEL;VALUE=uri;TYPE=work:tel:+1-418-656-9254;ext=102',
        'TEL;VALUE=uri;TYPE=work:tel:+1-418-656-9254;ext=103',
      ),
    );
    await importFiles(t.ctx, 'vcard', [file]);
    const phones = async () =>
      (await t.store.db.selectFrom('people').select('phones').execute()).map((r) => JSON.parse(String(r.phones)));
    expect(await phones()).toEqual([['+1-418-656-9254 ext. 102', '+1-418-656-9254 ext. 103']]);
    // the same number written otherwise is the same person's, and adds nothing
    const again = write('again.vcf', card('FN:Ext Person', 'TEL:+1 418 656 9254 x103', 'EMAIL:ext@ex.com'));
    const report = await importFiles(t.ctx, 'vcard', [again]);
    expect(report.people).toMatchObject({ created: 0, matched: 1 });
    expect(await phones()).toEqual([['+1-418-656-9254 ext. 102', '+1-418-656-9254 ext. 103']]);
  });

  it('finds a contact saved with nothing but a number in a named card with it, in either order', async () => {
    const nameless = write(
      'po.csv',
      'First Name,Last Name,Labels,Phone 1 - Label,Phone 1 - Value\r\n,,* myContacts,Mobile,+44 20 7946 0000\r\n',
    );
    const named = write('po.vcf', card('FN:Pat Jones', 'TEL;type=CELL:+442079460000', 'EMAIL:pat@jones.example'));
    expect((await importFiles(t.ctx, 'google', [nameless])).people).toEqual({ created: 1, matched: 0 });
    expect((await importFiles(t.ctx, 'vcard', [named])).people).toEqual({ created: 0, matched: 1 });
    expect(await names()).toEqual(['Pat Jones']);
    await t.close();
    t = await openTestDatabase(T0);
    dir = dirname(t.path);
    const named2 = write('po.vcf', card('FN:Pat Jones', 'TEL;type=CELL:+442079460000'));
    const nameless2 = write(
      'po.csv',
      'First Name,Last Name,Labels,Phone 1 - Label,Phone 1 - Value\r\n,,,Mobile,020 7946 0000\r\n',
    );
    await importFiles(t.ctx, 'vcard', [named2]);
    expect((await importFiles(t.ctx, 'google', [nameless2])).people).toEqual({ created: 0, matched: 1 });
    expect(await names()).toEqual(['Pat Jones']);
  });

  it('takes the name a card of the same UID corrects, unless the user typed another or merged someone in', async () => {
    const v1 = write('v1.vcf', card('UID:abc-123', 'FN:Jhon Smith', 'EMAIL:js@ex.com', 'TITLE:Dev'));
    const v2 = write('v2.vcf', card('UID:abc-123', 'FN:John Smith', 'EMAIL:js@ex.com', 'TITLE:Lead Dev'));
    await importFiles(t.ctx, 'vcard', [v1]);
    expect((await importFiles(t.ctx, 'vcard', [v2])).people).toEqual({ created: 0, matched: 1 });
    expect(await names()).toEqual(['John Smith']);
    expect((await resolvePerson(t.ctx, 'John Smith')).title).toBe('Lead Dev');
    // the name the user typed stays
    await editPerson(t.ctx, (await resolvePerson(t.ctx, 'John Smith')).id, { name: 'Johnny Smith' });
    await importFiles(t.ctx, 'vcard', [write('v3.vcf', card('UID:abc-123', 'FN:Jon Smith', 'EMAIL:js@ex.com'))]);
    expect(await names()).toEqual(['Johnny Smith']);
    // another card corrected the same way, beside them
    await importFiles(t.ctx, 'vcard', [write('v4.vcf', card('UID:xyz-9', 'FN:Jane Doe', 'EMAIL:jane@ex.com'))]);
    await importFiles(t.ctx, 'vcard', [write('v5.vcf', card('UID:xyz-9', 'FN:Janet Doe', 'EMAIL:jane@ex.com'))]);
    expect(await names()).toEqual(['Johnny Smith', 'Janet Doe']);
  });

  it('keeps the birthday held when a card gives another day, and says so; a card without the year is no other day', async () => {
    await importFiles(t.ctx, 'vcard', [
      write('b1.vcf', card('UID:tb-77', 'FN:Olga Berg', 'EMAIL:olga@berg.se', 'BDAY:19900101')),
    ]);
    const report = await importFiles(t.ctx, 'vcard', [
      write('b2.vcf', card('UID:tb-77', 'FN:Olga Berg', 'EMAIL:olga@berg.se', 'BDAY:19910101')),
    ]);
    expect(report.issues).toEqual([
      expect.objectContaining({
        code: 'birthday_kept',
        line: 1,
        record: 'card 1',
        message:
          'Olga Berg: the file gives the birthday 1991-01-01; kept 1990-01-01 (rapport edit --birthday changes it)',
      }),
    ]);
    expect((await resolvePerson(t.ctx, 'Olga Berg')).birthday).toBe('1990-01-01');
    const yearless = await importFiles(t.ctx, 'vcard', [
      write('b3.vcf', card('FN:Olga Berg', 'EMAIL:olga@berg.se', 'BDAY:--0101')),
    ]);
    expect(yearless.issues).toEqual([]);
  });

  it('keeps a contact saved with nothing but a number that way through a vCard copy, so that the named card finds it', async () => {
    const nameless = write(
      'po.csv',
      'First Name,Last Name,Labels,Phone 1 - Label,Phone 1 - Value\r\n,,* myContacts,Mobile,+44 20 7946 0000\r\n',
    );
    await importFiles(t.ctx, 'google', [nameless]);
    let vcf = '';
    await exportWorkspace(t.ctx, 'vcard', async (chunk) => {
      vcf += chunk;
    });
    // no name in parts for a number
    expect(vcf).toMatch(/\r\nN:;;;;\r\n/);
    await t.close();
    t = await openTestDatabase(T0);
    dir = dirname(t.path);
    await importFiles(t.ctx, 'vcard', [write('copy.vcf', vcf)]);
    const named = write(
      'named.csv',
      'First Name,Last Name,Labels,Phone 1 - Label,Phone 1 - Value\r\nDana,White,* myContacts,Mobile,+44 20 7946 0000\r\n',
    );
    expect((await importFiles(t.ctx, 'google', [named])).people).toEqual({ created: 0, matched: 1 });
    expect(await names()).toEqual(['Dana White']);
  });

  it('keeps apart two named people who share a number (a desk, a home), and two numberless rows of one file', async () => {
    const home = write(
      'home.vcf',
      [card('FN:Pat Jones', 'TEL:+44 20 7946 0000'), card('FN:Sam Jones', 'TEL:+44 20 7946 0000')].join('\r\n'),
    );
    const report = await importFiles(t.ctx, 'vcard', [home]);
    expect(report.people).toEqual({ created: 2, matched: 0 });
    // a third, later, with that number and a name of their own: someone else again
    const later = write('later.vcf', card('FN:Lee Jones', 'TEL:020 7946 0000'));
    expect((await importFiles(t.ctx, 'vcard', [later])).people).toEqual({ created: 1, matched: 0 });
    // a row with the number alone: two people hold it, so it is neither
    const bare = write('bare.csv', 'First Name,Last Name,Labels,Phone 1 - Value\r\n,,,+44 20 7946 0000\r\n');
    expect((await importFiles(t.ctx, 'google', [bare])).people).toEqual({ created: 1, matched: 0 });
    expect(await names()).toEqual(['Pat Jones', 'Sam Jones', 'Lee Jones', '+44 20 7946 0000']);
  });
});

describe('Apple’s social profiles', () => {
  it('stores the LinkedIn profile an X-SOCIALPROFILE names by its x-user', async () => {
    const file = write(
      'apple.vcf',
      card(
        'PRODID:-//Apple Inc.//macOS 14.0//EN',
        'N:Social;Apple;;;',
        'FN:Apple Social',
        'EMAIL;type=INTERNET;type=pref:apple@social.example',
        'X-SOCIALPROFILE;type=linkedin;x-user=apple-social:x-apple:apple-social',
      ),
    );
    await importFiles(t.ctx, 'vcard', [file]);
    const rows = await t.store.db.selectFrom('people').select(['name', 'linkedin']).execute();
    expect(rows).toEqual([{ name: 'Apple Social', linkedin: 'https://www.linkedin.com/in/apple-social' }]);
  });
});

describe('one name, two people', () => {
  async function people() {
    const rows = await t.store.db
      .selectFrom('people')
      .select(['id', 'name', 'title', 'birthday'])
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }
  async function pairs(): Promise<(readonly string[])[]> {
    return (await findDuplicates(t.ctx)).map((g) => g.reasons);
  }

  it('lists a record giving two people’s addresses under a third name beside both, and an import again adds nothing', async () => {
    await importFiles(t.ctx, 'google', [
      write('two.csv', 'First Name,Last Name,E-mail 1 - Value\nXavier,One,x@one.example\nYolanda,Two,y@two.example\n'),
    ]);
    const combo = write(
      'combo.csv',
      'First Name,Last Name,Organization Name,E-mail 1 - Value,E-mail 2 - Value\nCombo,Person,,x@one.example,y@two.example\n',
    );
    await importFiles(t.ctx, 'google', [combo]);
    const stored = () =>
      t.store.db.selectFrom('possible_duplicates').select(['person_a', 'person_b']).orderBy('person_a').execute();
    const first = await stored();
    expect(first.map((r) => [Number(r.person_a), Number(r.person_b)])).toEqual([
      [1, 3],
      [2, 3],
    ]);
    const again = await importFiles(t.ctx, 'google', [combo]);
    expect(await stored()).toEqual(first);
    expect(again.candidates).toEqual([]);
  });

  it('lists a nickname or an initial with the same phone as a possible duplicate, keeping them apart', async () => {
    await importFiles(t.ctx, 'google', [
      write(
        'g.csv',
        'First Name,Last Name,Nickname,Organization Name,Phone 1 - Label,Phone 1 - Value\n' +
          'Robert,Brown,Bob,Initech,Mobile,+44 20 7946 0958\n' +
          'Zoe,Quinn,,,Mobile,(555) 010-7777\n' +
          'Ann,Other,,,Mobile,(555) 010-9999\n',
      ),
    ]);
    const report = await importFiles(t.ctx, 'vcard', [
      write(
        'v.vcf',
        [
          card('FN:Bob Brown', 'TEL:+442079460958'),
          card('FN:Z. Quinn', 'TEL:555-010-7777'),
          // the same number under a name that cannot be hers: a desk or a home shared, nothing asked
          card('FN:Carl Jones', 'TEL:555-010-9999'),
        ].join('\r\n'),
      ),
    ]);
    expect(report.people).toEqual({ created: 3, matched: 0 });
    expect(await pairs()).toEqual([
      ['"Bob Brown" and "Robert Brown" have the same phone (+442079460958)'],
      ['"Z. Quinn" and "Zoe Quinn" have the same phone (555-010-7777)'],
    ]);
  });

  it('keeps a father and a son with one name and different birthdays apart, and lists them as possible duplicates', async () => {
    await importFiles(t.ctx, 'vcard', [
      write('bob.vcf', card('FN:Bob Stone', 'BDAY:1950-03-14', 'TEL:+1 555 010 2020')),
    ]);
    const report = await importFiles(t.ctx, 'google', [
      write(
        'bob.csv',
        'First Name,Last Name,Birthday,Labels,E-mail 1 - Label,E-mail 1 - Value\nBob,Stone,2004-11-02,* myContacts,Home,bobby.stone@gmail.example\n',
      ),
    ]);
    expect(report.people).toEqual({ created: 1, matched: 0 });
    expect((await people()).map((p) => [p.name, p.birthday])).toEqual([
      ['Bob Stone', '1950-03-14'],
      ['Bob Stone', '2004-11-02'],
    ]);
    expect(await pairs()).toEqual([['different birthdays (1950-03-14 and 2004-11-02)']]);
  });

  it('keeps someone at Stanford apart from someone of the same name at Ford', async () => {
    await importFiles(t.ctx, 'vcard', [
      write('ford.vcf', card('FN:John Miller', 'ORG:Ford', 'EMAIL:john.miller@ford.example')),
    ]);
    await importFiles(t.ctx, 'google', [
      write(
        'ford.csv',
        'First Name,Last Name,Organization Name,Organization Title,Labels\nJohn,Miller,Stanford University,Professor of Law,* myContacts\n',
      ),
    ]);
    expect((await people()).map((p) => [p.name, p.title])).toEqual([
      ['John Miller', null],
      ['John Miller', 'Professor of Law'],
    ]);
    expect(await pairs()).toEqual([['different organisations (Ford and Stanford University)']]);
  });

  it('finds the son (John Smith Jr.) of a Google row with Name Suffix, not his father', async () => {
    await importFiles(t.ctx, 'vcard', [
      write(
        'smiths.vcf',
        [
          card('N:Smith;John;;;', 'FN:John Smith', 'EMAIL:john.smith@acme.example'),
          card('N:Smith;John;;;Jr.', 'FN:John Smith Jr.', 'TEL;TYPE=CELL:+1 555 123 9876'),
        ].join('\r\n'),
      ),
    ]);
    const report = await importFiles(t.ctx, 'google', [
      write(
        'jr.csv',
        'First Name,Middle Name,Last Name,Name Suffix,Labels,Phone 1 - Label,Phone 1 - Value\nJohn,,Smith,Jr.,* myContacts,Mobile,+1 555 123 9876\n',
      ),
    ]);
    expect(report.people).toEqual({ created: 0, matched: 1 });
    const [father, son] = await people();
    expect((await findPerson(t.store.db, t.ctx.workspaceId, father?.id ?? 0))?.phones).toEqual([]);
    expect((await findPerson(t.store.db, t.ctx.workspaceId, son?.id ?? 0))?.phones).toEqual(['+1 555 123 9876']);
  });

  it('finds a card’s person by name in a meeting that writes their Gmail address another way (dots, googlemail.com)', async () => {
    await importFiles(t.ctx, 'vcard', [
      write(
        'bob.vcf',
        card('FN:Robert Brown', 'N:Brown;Robert;;;', 'EMAIL:bob@bravo.example', 'EMAIL:rob.brown@gmail.com'),
      ),
    ]);
    const meeting = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//T//EN',
      'BEGIN:VEVENT',
      'UID:g1',
      'DTSTART:20260102T100000Z',
      'DTEND:20260102T110000Z',
      'ORGANIZER:mailto:me@example.com',
      'ATTENDEE;CN=Robert Brown:mailto:RobBrown@googlemail.com',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const report = await importFiles(t.ctx, 'ics', [write('g.ics', meeting)], { me: ['me@example.com'] });
    expect(report.people).toEqual({ created: 0, matched: 1 });
  });

  it('finds a card’s person at another spelling of their mailbox under another name, and gives them that spelling', async () => {
    await importFiles(t.ctx, 'vcard', [
      write('bob.vcf', card('FN:Robert Brown', 'N:Brown;Robert;;;', 'EMAIL:rob.brown@gmail.com')),
      write('ann.vcf', card('FN:Ann Lee', 'EMAIL:ann@lee.example')),
      write('alice.vcf', card('FN:Alice Desk', 'EMAIL:desk+alice@shared.example')),
    ]);
    const meeting = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//T//EN',
      'BEGIN:VEVENT',
      'UID:g2',
      'DTSTART:20260102T100000Z',
      'DTEND:20260102T110000Z',
      'ORGANIZER:mailto:me@example.com',
      // Gmail's dots and googlemail.com, and another provider's +tag: the same mailboxes
      'ATTENDEE;CN=Rob Brown:mailto:RobBrown@googlemail.com',
      'ATTENDEE;CN=Annie:mailto:ann+events@lee.example',
      // two +tags of one shared mailbox are two people
      'ATTENDEE;CN=Carol:mailto:desk+carol@shared.example',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const report = await importFiles(t.ctx, 'ics', [write('g2.ics', meeting)], { me: ['me@example.com'] });
    expect(report.people).toEqual({ created: 1, matched: 2 });
    expect(await names()).toEqual(['Robert Brown', 'Ann Lee', 'Alice Desk', 'Carol']);
    const bob = await resolvePerson(t.ctx, 'Robert Brown');
    expect(bob.emails).toEqual(['rob.brown@gmail.com', 'robbrown@googlemail.com']);
    // a command names him by any spelling of his mailbox
    expect((await resolvePerson(t.ctx, 'ROB.BROWN+x@googlemail.com')).id).toBe(bob.id);
    // another Gmail mailbox is someone else
    await expect(resolvePerson(t.ctx, 'rob.browne@gmail.com')).rejects.toThrow(/no person matches/);
  });

  it('finds a Chinese name of a card in a Google row of its given and family names', async () => {
    await importFiles(t.ctx, 'vcard', [
      write('li.vcf', card('N:李;雷;;;', 'FN:李雷', 'TEL;TYPE=CELL:+86 139 0013 9000')),
    ]);
    const report = await importFiles(t.ctx, 'google', [
      write(
        'li.csv',
        'First Name,Last Name,Labels,Phone 1 - Label,Phone 1 - Value\n雷,李,* myContacts,Mobile,+86 139 0013 9000\n',
      ),
    ]);
    expect(report.people).toEqual({ created: 0, matched: 1 });
    expect(await names()).toEqual(['李雷']);
  });

  it('finds a Chinese name stored given name first ("雷 李", as an earlier release wrote N) in a card written family name first', async () => {
    await importFiles(t.ctx, 'vcard', [write('old.vcf', card('FN:雷 李', 'ORG:Acme'))]);
    const report = await importFiles(t.ctx, 'vcard', [write('li.vcf', card('N:李;雷;;;', 'ORG:Acme'))]);
    expect(report.people).toEqual({ created: 0, matched: 1 });
    expect(await t.store.db.selectFrom('people').select(['name', 'name_key']).execute()).toEqual([
      { name: '李雷', name_key: '李雷' },
    ]);
    // found by its family name, whatever order its key holds its characters in
    await importFiles(t.ctx, 'vcard', [write('wang.vcf', card('N:王;小明;;;', 'ORG:Acme'))]);
    expect((await findPeopleByName(t.store.db, t.ctx.workspaceId, '王')).people.map((p) => p.name)).toEqual(['王小明']);
    expect((await findPeopleByName(t.store.db, t.ctx.workspaceId, '小明')).people.map((p) => p.name)).toEqual([
      '王小明',
    ]);
  });
});

describe('names typed without their letters', () => {
  it('puts a name typed without Ł, Ø or ß beside the one written with them, as it does without accents', async () => {
    await importFiles(t.ctx, 'vcard', [
      write(
        'a.vcf',
        [card('FN:Zoë Łukasiewicz', 'EMAIL:zoe@a.example'), card('FN:Johann Strauß', 'TEL:+43 1 234 5678')]
          .flat()
          .join('\r\n'),
      ),
    ]);
    const report = await importFiles(t.ctx, 'vcard', [
      write(
        'b.vcf',
        [card('FN:Zoe Lukasiewicz', 'EMAIL:zoe@b.example'), card('FN:Johann Strauss', 'TEL:+43 1 234 5678')]
          .flat()
          .join('\r\n'),
      ),
    ]);
    // a different address: kept apart and listed; the same number: the same person
    expect(report.people).toEqual({ created: 1, matched: 1 });
    const groups = await findDuplicates(t.ctx);
    expect(groups.map((g) => g.people.map((p) => p.name))).toEqual([['Zoë Łukasiewicz', 'Zoe Lukasiewicz']]);
  });
});

describe('two entries of one file that are one person', () => {
  it('says the same details only of the same entry twice, not of two namesakes the user merged since', async () => {
    const file = write(
      'Connections.csv',
      [
        'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
        'John,Smith,https://www.linkedin.com/in/john-smith-1,,Acme,CTO,01 Mar 2025',
        'John,Smith,https://www.linkedin.com/in/john-smith-2,,Globex,Designer,02 Mar 2025',
        'Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,CEO,03 Mar 2025',
        'Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,CEO,03 Mar 2025',
      ].join('\n'),
    );
    const said = (r: Awaited<ReturnType<typeof importFiles>>) =>
      r.issues.filter((i) => i.code === 'same_contact').map((i) => [i.line, i.message]);
    const sameEntry = 'the same person as an earlier entry of the file (same details); taken as one';
    expect(said(await importFiles(t.ctx, 'linkedin', [file]))).toEqual([[5, sameEntry]]);
    await mergePeople(t.ctx, 1, 2);
    expect(said(await importFiles(t.ctx, 'linkedin', [file]))).toEqual([
      [
        3,
        'the same person as an earlier entry of the file: an earlier import took both as this person (found by an address, or two people merged since); taken as one',
      ],
      [5, sameEntry],
    ]);
  });
});

describe('one contact in two files of one import', () => {
  it('counts the person once and says, once for the later file, that its entries are people already read', async () => {
    const text = [card('FN:Ann Lee', 'EMAIL:ann@x.org'), card('FN:Bo Ray', 'TEL:+1 555 0100')].join('\r\n');
    const report = await importFiles(t.ctx, 'vcard', [write('a.vcf', text), write('copy.vcf', text)]);
    expect([report.records, report.people]).toEqual([4, { created: 2, matched: 0 }]);
    // once for the file: a second export holds most of the people of the first
    expect(report.issues.map((i) => [i.file.split('/').pop(), i.line, i.code, i.message])).toEqual([
      [
        'copy.vcf',
        1,
        'same_contact',
        'this entry and 1 later one are people an earlier file of this import already gave; each was taken as that person, not added again',
      ],
    ]);
  });
});
