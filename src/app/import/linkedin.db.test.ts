import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { logInteraction } from '../interactions.js';
import { listPeople } from '../list-people.js';
import { editPerson } from '../people.js';
import { buildPortfolio } from '../portfolio.js';
import { showPerson } from '../show-person.js';
import { buildToday } from '../today.js';
import { importFiles } from './index.js';

// LinkedIn exports imported and stored: whose messages are whose.

let t: TestDatabase;
let dir: string;
beforeEach(async () => {
  t = await openTestDatabase(T0);
  dir = dirname(t.path);
});
afterEach(async () => {
  await t.close();
});

const HEADER =
  'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER';

/** An export folder holding messages.csv with these rows. */
function exportWith(name: string, rows: string[]): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'messages.csv'), `${[HEADER, ...rows].join('\n')}\n`);
  return folder;
}

async function messages(): Promise<{ name: string; direction: string }[]> {
  return t.store.db
    .selectFrom('interactions as i')
    .innerJoin('participations as p', 'p.interaction_id', 'i.id')
    .innerJoin('people as n', 'n.id', 'p.person_id')
    .select(['n.name', 'i.direction'])
    .orderBy('i.at')
    .execute();
}

describe('a message the user sent in two parts', () => {
  it('is answered by their answer to the second part', async () => {
    const PAT = 'https://www.linkedin.com/in/PatOwner';
    const RAVI = 'https://www.linkedin.com/in/ravishankar';
    await importFiles(
      t.ctx,
      'linkedin',
      [
        exportWith('e1', [
          `c1,,Pat Owner,${PAT},Ravi Shankar,${RAVI},2022-09-01 10:00:00 UTC,,Hi Ravi,SENT`,
          `c1,,Pat Owner,${PAT},Ravi Shankar,${RAVI},2022-09-01 10:01:00 UTC,,(and one more thing),SENT`,
          `c1,,Ravi Shankar,${RAVI},Pat Owner,${PAT},2022-09-01 12:01:00 UTC,,Hi Pat,INBOX`,
        ]),
      ],
      { me: [PAT] },
    );
    const ravi = await showPerson(t.ctx, 'Ravi Shankar');
    expect(ravi.stats).toMatchObject({ outbound: 2, replies: 1, replyLatencyMedianHours: 2, repliedWithin24hShare: 1 });
    expect(ravi.evaluated.components.find((c) => c.key === 'responsiveness')?.evidence).toMatch(/they answered 100%/);
  });
});

describe('the user’s own LinkedIn profile', () => {
  const PAT = 'https://www.linkedin.com/in/PatOwner';

  it('keeps the messages of an earlier export when --me names the profile remembered, in another spelling', async () => {
    await importFiles(t.ctx, 'linkedin', [
      exportWith('e1', [
        `c1,,Pat Owner,${PAT},Ravi Shankar,https://www.linkedin.com/in/ravishankar,2022-09-01 10:00:00 UTC,,Hi Ravi,SENT`,
        `c1,,Ravi Shankar,https://www.linkedin.com/in/ravishankar,Pat Owner,${PAT},2022-09-01 12:00:00 UTC,,Hi Pat,INBOX`,
        `c3,,Pat Owner,${PAT},Kim Lee,https://www.linkedin.com/in/kimlee,2022-09-03 10:00:00 UTC,,Hi Kim,SENT`,
      ]),
    ]);
    const second = await importFiles(
      t.ctx,
      'linkedin',
      [
        exportWith('e2', [
          `c2,,Pat Owner,${PAT},Ann Bell,https://www.linkedin.com/in/ann-bell,2024-09-02 10:00:00 UTC,,Hi Ann,SENT`,
          `c2,,Ann Bell,https://www.linkedin.com/in/ann-bell,Pat Owner,${PAT},2024-09-02 11:00:00 UTC,,Hi Pat,INBOX`,
        ]),
      ],
      { me: [PAT] },
    );
    expect([second.interactions.created, second.interactions.removed]).toEqual([2, undefined]);
    expect(await messages()).toEqual([
      { name: 'Ravi Shankar', direction: 'out' },
      { name: 'Ravi Shankar', direction: 'in' },
      { name: 'Kim Lee', direction: 'out' },
      { name: 'Ann Bell', direction: 'out' },
      { name: 'Ann Bell', direction: 'in' },
    ]);
  });

  it('reads again only the messages of the export given when --me names another profile than the one remembered', async () => {
    // a new public URL: the old export's messages were the user's under the old one
    const old = 'https://www.linkedin.com/in/pat-old';
    await importFiles(t.ctx, 'linkedin', [
      exportWith('e1', [
        `c1,,Pat Owner,${old},Ravi Shankar,https://www.linkedin.com/in/ravishankar,2022-09-01 10:00:00 UTC,,Hi Ravi,SENT`,
        `c2,,Pat Owner,${old},Kim Lee,https://www.linkedin.com/in/kimlee,2022-09-03 10:00:00 UTC,,Hi Kim,SENT`,
      ]),
    ]);
    const renamed = await importFiles(
      t.ctx,
      'linkedin',
      [
        exportWith('e2', [
          `c3,,Pat Owner,${PAT},Ann Bell,https://www.linkedin.com/in/ann-bell,2024-09-02 10:00:00 UTC,,Hi Ann,SENT`,
          `c3,,Ann Bell,https://www.linkedin.com/in/ann-bell,Pat Owner,${PAT},2024-09-02 11:00:00 UTC,,Hi Pat,INBOX`,
        ]),
      ],
      { me: [PAT] },
    );
    expect(renamed.interactions.created).toBe(2);
    expect((await messages()).map((m) => m.name)).toEqual(['Ravi Shankar', 'Kim Lee', 'Ann Bell', 'Ann Bell']);
  });

  it('takes the user by the name --me gives in an old export without profile URLs, and says whom it took when it guessed', async () => {
    const folder = join(dir, 'old');
    mkdirSync(folder, { recursive: true });
    const old = (rows: string[]) =>
      writeFileSync(
        join(folder, 'messages.csv'),
        `${['CONVERSATION ID,CONVERSATION TITLE,FROM,TO,DATE,SUBJECT,CONTENT,FOLDER', ...rows].join('\n')}\n`,
      );
    old([
      'a,,Me Myself,Alice Anders,2020-01-01 10:00:00 UTC,,hi alice,SENT',
      'a,,Alice Anders,Me Myself,2020-01-01 11:00:00 UTC,,hi back,INBOX',
    ]);
    const stages: string[] = [];
    const unsure = await importFiles(t.ctx, 'linkedin', [folder], {
      onProgress: (stage) => {
        if (stages.at(-1) !== stage) stages.push(stage);
      },
    });
    // the export is read whole first: a stage of its own
    expect(stages[0]).toBe('reading');
    expect(unsure.interactions.created).toBe(0);
    expect(unsure.issues.map((i) => i.message)).toEqual([expect.stringContaining('--me "YOUR NAME"')]);
    const named = await importFiles(t.ctx, 'linkedin', [folder], { me: ['Me Myself'] });
    expect([named.interactions.created, named.me]).toEqual([2, { addresses: [], name: 'Me Myself', guessed: false }]);
    expect(await messages()).toEqual([
      { name: 'Alice Anders', direction: 'out' },
      { name: 'Alice Anders', direction: 'in' },
    ]);
    // a name is no address for mail
    await expect(importFiles(t.ctx, 'mbox', [folder], { me: ['Me Myself'] })).rejects.toThrow(
      '--me "Me Myself" is neither an email address nor a LinkedIn profile URL',
    );
    // two conversations tell who the user is: the guess is said
    old([
      'a,,Me Myself,Alice Anders,2020-01-01 10:00:00 UTC,,hi alice,SENT',
      'b,,Bob Brown,Me Myself,2020-01-02 10:00:00 UTC,,hi,INBOX',
    ]);
    const guessed = await importFiles(t.ctx, 'linkedin', [folder]);
    expect(guessed.me).toEqual({ addresses: [], name: 'Me Myself', guessed: true });
  });

  it('finds a profile with letters outside ASCII given as the export writes it or as a browser shows it', async () => {
    const jorg = 'https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-1a';
    const rows = [
      `c1,,Jörg Müller,${jorg},Ravi Shankar,https://www.linkedin.com/in/ravishankar,2024-09-01 10:00:00 UTC,,Hi Ravi,SENT`,
      `c1,,Ravi Shankar,https://www.linkedin.com/in/ravishankar,Jörg Müller,${jorg},2024-09-01 12:00:00 UTC,,Hi Jörg,INBOX`,
      `c2,,Jörg Müller,${jorg},Ann Bell,https://www.linkedin.com/in/ann-bell,2024-09-02 10:00:00 UTC,,Hi Ann,SENT`,
    ];
    for (const me of [jorg, 'https://www.linkedin.com/in/jörg-müller-1a']) {
      await t.close();
      t = await openTestDatabase(T0);
      dir = dirname(t.path);
      const report = await importFiles(t.ctx, 'linkedin', [exportWith('exp', rows)], { me: [me] });
      expect([report.interactions.created, report.issues], me).toEqual([3, []]);
    }
  });
});

describe('a folder of LinkedIn exports', () => {
  const connections = (company: string, title: string) =>
    `First Name,Last Name,URL,Email Address,Company,Position,Connected On\nJane,Smith,https://www.linkedin.com/in/jane-smith-42,,${company},${title},12 Mar 2024\n`;

  it('reads each export of its own date: the newer one’s job stands whichever sorts first', async () => {
    const folder = join(dir, 'exports');
    for (const [name, company, title] of [
      ['Basic_LinkedInDataExport_12-01-2023', 'Acme', 'VP Sales'],
      ['Basic_LinkedInDataExport_06-01-2024', 'Globex', 'CEO'],
    ] as const) {
      mkdirSync(join(folder, name), { recursive: true });
      writeFileSync(join(folder, name, 'Connections.csv'), connections(company, title));
    }
    const report = await importFiles(t.ctx, 'linkedin', [folder]);
    expect(report.files).toEqual([
      join(folder, 'Basic_LinkedInDataExport_06-01-2024'),
      join(folder, 'Basic_LinkedInDataExport_12-01-2023'),
    ]);
    expect(await t.store.db.selectFrom('people').select(['name', 'org', 'title']).execute()).toEqual([
      { name: 'Jane Smith', org: 'Globex', title: 'CEO' },
    ]);
  });

  it('reads a zip holding several exports as those exports: a message both hold is stored once', async () => {
    const text = (t: string) => new TextEncoder().encode(t);
    const ME = 'https://www.linkedin.com/in/me-person';
    const JANE = 'https://www.linkedin.com/in/jane-smith-42';
    const message = (day: number) =>
      `c1,,Jane Smith,${JANE},Me Person,${ME},2024-0${day}-01 10:00:00 UTC,,Hello ${day},INBOX`;
    const older = [HEADER, message(1), message(2)].join('\n');
    const newer = [HEADER, message(1), message(2), message(5)].join('\n');
    const file = join(dir, 'both.zip');
    writeFileSync(
      file,
      zipSync({
        'Basic_LinkedInDataExport_06-01-2024/Connections.csv': text(connections('Globex', 'CEO')),
        'Basic_LinkedInDataExport_06-01-2024/messages.csv': text(newer),
        'Basic_LinkedInDataExport_03-01-2024/Connections.csv': text(connections('Acme', 'VP Sales')),
        'Basic_LinkedInDataExport_03-01-2024/messages.csv': text(older),
      }),
    );
    const report = await importFiles(t.ctx, 'linkedin', [file], { me: [ME] });
    expect(report.files).toEqual([
      join(file, 'Basic_LinkedInDataExport_03-01-2024'),
      join(file, 'Basic_LinkedInDataExport_06-01-2024'),
    ]);
    expect(report.interactions).toEqual({ created: 3, duplicates: 2 });
    expect(await t.store.db.selectFrom('people').select(['name', 'org', 'title']).execute()).toEqual([
      { name: 'Jane Smith', org: 'Globex', title: 'CEO' },
    ]);
    // and again: nothing new
    expect((await importFiles(t.ctx, 'linkedin', [file], { me: [ME] })).interactions).toEqual({
      created: 0,
      duplicates: 5,
    });
  });

  it('reads the zips a folder holds', async () => {
    const folder = join(dir, 'downloads');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'Basic_LinkedInDataExport_12-01-2023.zip'),
      zipSync({ 'Connections.csv': new TextEncoder().encode(connections('Acme', 'VP Sales')) }),
    );
    writeFileSync(
      join(folder, 'export.zip'),
      zipSync({ 'Connections.csv': new TextEncoder().encode(connections('Acme', 'VP Sales')) }),
    );
    const report = await importFiles(t.ctx, 'linkedin', [folder]);
    expect(report.files).toEqual([join(folder, 'Basic_LinkedInDataExport_12-01-2023.zip'), join(folder, 'export.zip')]);
    expect(report.people.created).toBe(1);
  });
});

describe('a group message of the user’s to over ten people', () => {
  const ANA = 'https://www.linkedin.com/in/ana';
  const url = (i: number) => `https://www.linkedin.com/in/p${i}`;
  const names = Array.from({ length: 11 }, (_, i) => `P${i} X`).join(',');
  const urls = Array.from({ length: 11 }, (_, i) => url(i)).join(',');
  const rows = [
    `g1,G,Ana S,${ANA},"${names}","${urls}",2024-01-01 10:00:00 UTC,,announce,INBOX`,
    `g1,G,P0 X,${url(0)},Ana S,${ANA},2024-01-01 11:00:00 UTC,,thanks,INBOX`,
  ];

  it('is stored by the import whose later row makes one of its recipients known, and importing it again changes nothing', async () => {
    const folder = exportWith('e1', rows);
    const first = await importFiles(t.ctx, 'linkedin', [folder], { me: [ANA] });
    expect([first.interactions.created, first.interactions.duplicates, first.skipped]).toEqual([2, 0, {}]);
    expect(await messages()).toEqual([
      { name: 'P0 X', direction: 'out' },
      { name: 'P0 X', direction: 'in' },
    ]);
    const aside = await t.store.db.selectFrom('pending_interactions').select('id').execute();
    expect(aside).toEqual([]);
    const again = await importFiles(t.ctx, 'linkedin', [folder]);
    expect([again.interactions.created, again.interactions.duplicates]).toEqual([0, 2]);
  });
});

describe('a connection whose organisation is only a legal form', () => {
  it('is the same job on every import: no conflict said for Company, Co, Inc, Ltd, LLC or GmbH', async () => {
    const folder = join(dir, 'e1');
    mkdirSync(folder, { recursive: true });
    const orgs = ['Company', 'Co', 'Inc', 'Ltd', 'LLC', 'GmbH'];
    const rows = orgs.map((org, i) => `P${i},Q,https://www.linkedin.com/in/pq${i},,${org},Eng,01 Jan 2023`);
    writeFileSync(
      join(folder, 'Connections.csv'),
      `First Name,Last Name,URL,Email Address,Company,Position,Connected On\n${rows.join('\n')}\n`,
    );
    const first = await importFiles(t.ctx, 'linkedin', [folder]);
    expect([first.people.created, first.issues]).toEqual([orgs.length, []]);
    const again = await importFiles(t.ctx, 'linkedin', [folder]);
    expect([again.people.matched, again.issues]).toEqual([orgs.length, []]);
    const stored = await t.store.db.selectFrom('people').select(['org', 'title']).orderBy('name').execute();
    expect(stored).toEqual(orgs.map((org) => ({ org, title: 'Eng' })));
  });
});

describe('a group message of the user’s to over ten people, none of them known', () => {
  const ANA = 'https://www.linkedin.com/in/ana';
  const url = (i: number) => `https://www.linkedin.com/in/p${i}`;

  it('is stored by the import of Connections.csv that makes one of them known, and reading the messages again adds nothing', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `P${i} X`).join(',');
    const urls = Array.from({ length: 11 }, (_, i) => url(i)).join(',');
    const folder = exportWith('m', [
      `g1,G,Ana S,${ANA},"${names}","${urls}",2024-01-01 10:00:00 UTC,,announce,INBOX`,
      `g2,H,Ana S,${ANA},Zed Z,https://www.linkedin.com/in/zed,2024-01-02 10:00:00 UTC,,hi,INBOX`,
    ]);
    const first = await importFiles(t.ctx, 'linkedin', [folder], { me: [ANA] });
    expect([first.interactions.created, first.skipped]).toEqual([1, { bulk_unknown: 1 }]);
    const connections = join(dir, 'c');
    mkdirSync(connections, { recursive: true });
    writeFileSync(
      join(connections, 'Connections.csv'),
      `First Name,Last Name,URL,Email Address,Company,Position,Connected On\nP7,X,${url(7)},,Acme,Eng,01 Jan 2023\n`,
    );
    const second = await importFiles(t.ctx, 'linkedin', [connections]);
    expect(second.pendingStored).toBe(1);
    expect(await messages()).toEqual([
      { name: 'P7 X', direction: 'out' },
      { name: 'Zed Z', direction: 'out' },
    ]);
    const again = await importFiles(t.ctx, 'linkedin', [folder]);
    expect([again.interactions.created, again.interactions.duplicates]).toEqual([0, 2]);
    expect(await t.store.db.selectFrom('pending_interactions').select('id').execute()).toEqual([]);
  });
});

describe('a past day replayed', () => {
  it('leaves out the connections made after it, unless they had met by then', async () => {
    const folder = join(dir, 'export');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'Connections.csv'),
      [
        'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
        'Ada,Early,https://www.linkedin.com/in/ada-early,,Acme,CTO,01 Mar 2025',
        'Ben,Later,https://www.linkedin.com/in/ben-later,,Globex,CEO,01 Jun 2026',
        'Cy,Met,https://www.linkedin.com/in/cy-met,cy@met.example,Initech,CFO,01 Jun 2026',
      ].join('\n'),
    );
    await importFiles(t.ctx, 'linkedin', [folder]);
    await logInteraction(t.ctx, { people: ['cy@met.example'], channel: 'meeting', at: Date.UTC(2025, 11, 1) });
    const at = (now: number) => ({ ...t.ctx, now });
    const names = async (now: number) => (await listPeople(at(now))).map((e) => e.person.name).sort();
    const then = Date.UTC(2026, 0, 1);
    expect(await names(then)).toEqual(['Ada Early', 'Cy Met']);
    expect((await listPeople(at(then), { limit: 5 })).map((e) => e.person.name).sort()).toEqual([
      'Ada Early',
      'Cy Met',
    ]);
    expect((await buildPortfolio(at(then))).people).toBe(2);
    // someone the user put in their inner circle since, with a birthday the day after
    await editPerson(t.ctx, 2, { tier: 'inner', birthday: '1990-01-02' });
    expect((await buildToday(at(then))).map((i) => i.personId)).not.toContain(2);
    expect((await buildToday(at(Date.UTC(2027, 0, 1)))).map((i) => i.personId)).toContain(2);
    // the day they connected, and after
    expect(await names(Date.UTC(2026, 5, 1))).toEqual(['Ada Early', 'Ben Later', 'Cy Met']);
    expect((await buildPortfolio(t.ctx)).people).toBe(3);
    // who came later can still be looked at
    expect((await showPerson(at(then), 'Ben Later')).person.name).toBe('Ben Later');
  });
});
