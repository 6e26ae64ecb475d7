import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { days, hours, T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import type { Summary } from '../../domain/summary.js';
import type { ContactRef, InteractionRecord, PersonRecord } from '../../importers/records.js';
import { findPerson } from '../../store/person.repository.js';
import { loadSummaries } from '../../store/summary.repository.js';
import { findDuplicates, markDistinct, mergePeople } from '../duplicates.js';
import { exportWorkspace } from '../export.js';
import { importJson } from '../import-json.js';
import { emptyReport, type ImportReport } from '../import-report.js';
import { addPerson, editPerson } from '../people.js';
import { rescore } from '../rescore.js';
import { showPerson } from '../show-person.js';
import { attachKnownParticipants } from './kept-aside.js';
import { countStrangers, ImportSession, toIssue } from './session.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

const person = (p: Partial<PersonRecord>, line = 1): PersonRecord => ({
  kind: 'person',
  where: { line },
  emails: [],
  phones: [],
  tags: [],
  ...p,
});

let n = 0;
const message = (
  counterparts: ContactRef[],
  direction: 'in' | 'out',
  at: number,
  extra: Partial<InteractionRecord> = {},
): InteractionRecord => ({
  kind: 'interaction',
  where: { line: null, record: `message ${++n}` },
  externalId: `m${n}@test`,
  at,
  channel: 'email',
  direction,
  depth: 'substantive',
  counterparts,
  ...(direction === 'in' ? { from: counterparts[0] } : {}),
  ...extra,
});

/** A second database restored from this one's JSON export; `close` removes it. */
async function jsonCopy(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-copy-'));
  let text = '';
  await exportWorkspace(t.ctx, 'json', async (chunk) => {
    text += chunk;
  });
  writeFileSync(join(dir, 'export.json'), text);
  const copy = await openTestDatabase(T0);
  await importJson(copy.ctx, [join(dir, 'export.json')], { dryRun: false });
  return {
    ...copy,
    close: async () => {
      await copy.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function session(
  work: (s: ImportSession) => Promise<void>,
  report: ImportReport = emptyReport('test', false),
  source = 'test',
) {
  await ImportSession.run(t.ctx, { file: 'test.file', source, report, dryRun: false }, work);
  // as importFiles does once its files are in
  await countStrangers(t.ctx, report);
  return report;
}

/** Imports each message in an import of its own, in the order given (files imported one by one). */
async function importEach(ctx: TestDatabase['ctx'], records: readonly InteractionRecord[]): Promise<void> {
  for (const r of records)
    await ImportSession.run(
      ctx,
      { file: 'test.file', source: 'test', report: emptyReport('test', false), dryRun: false },
      async (s) => {
        await s.interaction(r);
      },
    );
}

const peopleCount = async () =>
  Number(
    (
      await t.store.db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The stored summaries equal what a full rescore computes from the raw events. */
async function expectSummariesMatchRescore() {
  const ids = (await t.store.db.selectFrom('people').select('id').execute()).map((r) => Number(r.id));
  const incremental = await loadSummaries(t.store.db, t.ctx.workspaceId, ids);
  await rescore(t.ctx);
  expect(await loadSummaries(t.store.db, t.ctx.workspaceId, ids)).toEqual(incremental);
}

describe('identity resolution during an import', () => {
  it('matches emails whatever their case, spaces and display name', async () => {
    const report = await session(async (s) => {
      await s.person(person({ name: 'Jane Doe', emails: ['Jane.Doe@Example.com '] }));
      await s.interaction(message([{ email: '"Jane D." <jane.doe@example.COM>' }], 'in', T0 - days(3)));
    });
    expect(report.people).toEqual({ created: 1, matched: 0 });
    expect(await peopleCount()).toBe(1);
  });

  it('matches a profile URL however it is written', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Ravi Shah', profileUrl: 'https://www.linkedin.com/in/Ravi-Shah/' }));
      await s.person(person({ name: 'R. Shah', profileUrl: 'linkedin.com/in/ravi-shah?trk=abc' }));
    });
    expect(await peopleCount()).toBe(1);
  });

  it('merges a name-only match when nothing contradicts it, and the person gains the new email', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Lena Fischer', org: 'Nordwind' }));
      await s.interaction(message([{ name: 'Lena Fischer', email: 'lena@nordwind.example' }], 'in', T0 - days(1)));
    });
    expect(await peopleCount()).toBe(1);
    const lena = await findPerson(t.store.db, t.ctx.workspaceId, 1);
    expect(lena?.emails).toEqual(['lena@nordwind.example']);
    expect(lena?.org).toBe('Nordwind');
  });

  it('dates a person changed by a later import, when it gives them an address as when it gives a phone', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Up Dated', emails: ['up@dated.example'] }));
    });
    const later = (at: number, record: ReturnType<typeof person>) =>
      ImportSession.run(
        { ...t.ctx, now: at },
        { file: 'later.file', source: 'test', report: emptyReport('test', false), dryRun: false },
        async (s) => {
          await s.person(record);
        },
      );
    const updated = async () => (await findPerson(t.store.db, t.ctx.workspaceId, 1))?.updatedAt;
    await later(T0 + days(1), person({ name: 'Up Dated', emails: ['up@dated.example', 'up2@dated.example'] }, 2));
    expect(await updated()).toBe(T0 + days(1));
    await later(T0 + days(2), person({ name: 'Up Dated', emails: ['up@dated.example'], phones: ['+1 555 0123'] }, 3));
    expect(await updated()).toBe(T0 + days(2));
    // nothing new: the time stays
    await later(T0 + days(3), person({ name: 'Up Dated', emails: ['up2@dated.example'] }, 4));
    expect(await updated()).toBe(T0 + days(2));
  });

  it('never merges a name match whose details contradict it: a new person and a candidate duplicate', async () => {
    const report = await session(async (s) => {
      await s.person(person({ name: 'Tom Baker', emails: ['tom@bbc.example'] }));
      await s.person(person({ name: 'Tom Baker', emails: ['tom@bakery.example'] }));
    });
    expect(await peopleCount()).toBe(2);
    expect(report.candidates).toHaveLength(1);
    expect(report.candidates[0]?.reasons[0]).toMatch(/different emails/);
    const groups = await findDuplicates(t.ctx);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.people.map((p) => p.emails[0])).toEqual(['tom@bbc.example', 'tom@bakery.example']);
    await markDistinct(t.ctx, 1, 2);
    expect(await findDuplicates(t.ctx)).toEqual([]);
  });

  it('lists a name thousands share by its first 50 people, how many there are, and a few of their differences', async () => {
    await session(async (s) => {
      for (let i = 0; i < 300; i++) await s.person(person({ name: 'John Smith', emails: [`john${i}@smith.example`] }));
    });
    const [group, ...others] = await findDuplicates(t.ctx);
    expect(others).toEqual([]);
    expect(group?.total).toBe(300);
    expect(group?.people.map((p) => p.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(group?.reasons).toHaveLength(7);
    expect(group?.reasons.at(-1)).toBe('and other differences');
  });

  it('does not match on a lone first name', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Anna' }));
      await s.person(person({ name: 'Anna', emails: ['anna@x.example'] }));
    });
    expect(await peopleCount()).toBe(2);
  });

  it('keeps two entries of one list with the same name apart, and reports them as candidates', async () => {
    const report = await session(async (s) => {
      await s.person(person({ name: 'John Smith', org: 'Acme', title: 'Developer' }, 2));
      await s.person(person({ name: 'John Smith', title: 'Product manager' }, 3));
    });
    expect(await peopleCount()).toBe(2);
    expect(report.candidates).toEqual([expect.objectContaining({ reasons: ['two entries of the same file'] })]);
  });

  it('keeps entries of one list alike but for their notes or labels apart, and finds each again on a re-import', async () => {
    const entries = [
      person({ name: 'John Smith', notes: 'plumber' }, 2),
      person({ name: 'John Smith', notes: 'dentist' }, 3),
      person({ name: 'John Smith', tags: ['Golf'] }, 4),
      person({ name: 'John Smith', notes: 'plumber' }, 5),
    ];
    await session(async (s) => {
      for (const e of entries) await s.person(e);
    });
    const stored = async () =>
      (await t.store.db.selectFrom('people').select(['notes', 'tags']).orderBy('id').execute()).map((p) => [
        p.notes,
        p.tags,
      ]);
    // the fourth is the first written again: nothing tells them apart
    expect(await stored()).toEqual([
      ['plumber', '[]'],
      ['dentist', '[]'],
      [null, '["Golf"]'],
    ]);
    const again = await session(async (s) => {
      for (const e of entries) await s.person(e);
    });
    expect([again.people.created, await peopleCount()]).toEqual([0, 3]);
  });

  it('treats different organisations as a contradiction, but not one name inside the other', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Maria Garcia', org: 'Globex Corporation' }));
      await s.person(person({ name: 'Ines Ortega', org: 'Acme' }));
    });
    const report = await session(async (s) => {
      await s.person(person({ name: 'Maria Garcia', org: 'Initech' }));
      await s.person(person({ name: 'Ines Ortega', org: 'ACME Robotics, Inc.' }));
    });
    expect(await peopleCount()).toBe(3);
    expect(report.candidates).toEqual([
      expect.objectContaining({ reasons: ['different organisations (Globex Corporation and Initech)'] }),
    ]);
  });

  it('finds every contact again on a re-import, homonyms and one-word names included', async () => {
    const contacts = [
      person({ name: 'Mom', phones: ['+44 7700 900001'] }, 1),
      person({ name: 'John Smith', phones: ['+1 415 555 0101'] }, 2),
      person({ name: 'John Smith', phones: ['+1 415 555 0102'] }, 3),
      person({ name: 'Cher' }, 4),
      person({ name: 'Ann Lee', externalId: 'uid:card-7' }, 5),
    ];
    await session(async (s) => {
      for (const c of contacts) await s.person(c);
    });
    expect(await peopleCount()).toBe(5);
    // the same file again, and once more with the card of a known UID edited
    const again = await session(async (s) => {
      for (const c of contacts) await s.person(c);
    });
    const edited = await session(async (s) => {
      await s.person(person({ name: 'Ann Lee', org: 'Nordwind', externalId: 'uid:card-7' }, 5));
    });
    expect(await peopleCount()).toBe(5);
    expect(again.people).toEqual({ created: 0, matched: 5 });
    expect(edited.people).toEqual({ created: 0, matched: 1 });
    expect((await findPerson(t.store.db, t.ctx.workspaceId, 5))?.org).toBe('Nordwind');
  });

  it('matches the same name with a phone in common from another source, even a one-word name', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Mom', phones: ['+44 7700 900001'] }));
    });
    await session(
      async (s) => {
        await s.person(person({ name: 'mom', phones: ['07700 900001'], emails: ['mum@home.example'] }));
      },
      undefined,
      'other',
    );
    expect(await peopleCount()).toBe(1);
    expect((await findPerson(t.store.db, t.ctx.workspaceId, 1))?.emails).toEqual(['mum@home.example']);
    // a newer list with a new address beside the same name and mobile: the same person, with both
    await session(
      async (s) => {
        await s.person(person({ name: 'Mom', phones: ['+44 7700 900001'], emails: ['mum@newjob.example'] }));
      },
      undefined,
      'other',
    );
    expect(await peopleCount()).toBe(1);
    expect((await findPerson(t.store.db, t.ctx.workspaceId, 1))?.emails).toEqual([
      'mum@home.example',
      'mum@newjob.example',
    ]);
  });

  it('changes a job an import set when a newer file of its source or LinkedIn gives another, never the user’s', async () => {
    const chidi = (org: string, title?: string) =>
      person({ name: 'Chidi Okafor', emails: ['chidi@lv.example'], org, ...(title ? { title } : {}) });
    const job = async () => {
      const p = await findPerson(t.store.db, t.ctx.workspaceId, 1);
      return [p?.org, p?.title];
    };
    await session((s) => s.person(chidi('Lagos Ventures, Ltd.', 'Partner')).then(() => undefined), undefined, 'vcard');
    // the same organisation written otherwise is no change
    await session((s) => s.person(chidi('Lagos Ventures', 'Partner')).then(() => undefined), undefined, 'vcard');
    expect(await job()).toEqual(['Lagos Ventures, Ltd.', 'Partner']);
    // a newer card: a new organisation, and the old title goes with the old one
    await session((s) => s.person(chidi('Abuja Capital')).then(() => undefined), undefined, 'vcard');
    expect(await job()).toEqual(['Abuja Capital', null]);
    // LinkedIn, where people keep their job, changes what an import set
    await session((s) => s.person(chidi('NewCo', 'CEO')).then(() => undefined), undefined, 'linkedin');
    expect(await job()).toEqual(['NewCo', 'CEO']);
    // another source's file does not change LinkedIn's: the difference is reported
    const other = await session((s) => s.person(chidi('OldCo', 'CEO')).then(() => undefined), undefined, 'google');
    expect(await job()).toEqual(['NewCo', 'CEO']);
    expect(other.issues.map((i) => [i.code, i.message])).toEqual([
      [
        'job_kept',
        'Chidi Okafor: the file says CEO at OldCo; kept CEO at NewCo, which you or another source gave (rapport edit changes it)',
      ],
    ]);
    // what the user sets, no import changes
    await editPerson(t.ctx, 1, { org: 'Self-employed' });
    const after = await session((s) => s.person(chidi('NewCo', 'CEO')).then(() => undefined), undefined, 'linkedin');
    expect(await job()).toEqual(['Self-employed', 'CEO']);
    expect(after.issues.map((i) => i.code)).toEqual(['job_kept']);
  });

  it('keeps a job against an older file of its source or LinkedIn imported later, and reports it', async () => {
    const xia = (org: string, title: string, year: number) =>
      person({ name: 'Xia Li', emails: ['xia@li.example'], org, title, asOf: Date.UTC(year, 0, 1) });
    const job = async () => {
      const p = await findPerson(t.store.db, t.ctx.workspaceId, 1);
      return [p?.org, p?.title];
    };
    await session((s) => s.person(xia('NewCorp', 'VP', 2026)).then(() => undefined), undefined, 'linkedin');
    const older = await session(
      (s) => s.person(xia('OldCorp', 'Analyst', 2021)).then(() => undefined),
      undefined,
      'linkedin',
    );
    expect(await job()).toEqual(['NewCorp', 'VP']);
    expect(older.issues.map((i) => i.message)).toEqual([
      'Xia Li: the file says Analyst at OldCorp; kept VP at NewCorp, which a newer file gave (rapport edit changes it)',
    ]);
    // an older card does not replace it either; a newer one does
    await session((s) => s.person(xia('OldCo', 'Junior', 2019)).then(() => undefined), undefined, 'vcard');
    expect(await job()).toEqual(['NewCorp', 'VP']);
    await session((s) => s.person(xia('NextCorp', 'CEO', 2027)).then(() => undefined), undefined, 'linkedin');
    expect(await job()).toEqual(['NextCorp', 'CEO']);
  });

  it('keeps an imported job the import’s through a merge, and a dry run reports a job it would keep', async () => {
    const ada = (org: string, title: string) => person({ name: 'Ada Quist', emails: ['ada@acme.example'], org, title });
    await session((s) => s.person(ada('Acme', 'Engineer')).then(() => undefined), undefined, 'vcard');
    await addPerson(t.ctx, { name: 'Ada Q.', emails: ['ada.q@home.example'] });
    await mergePeople(t.ctx, 1, 2);
    await session((s) => s.person(ada('Beta Corp', 'CTO')).then(() => undefined), undefined, 'vcard');
    const p = await findPerson(t.store.db, t.ctx.workspaceId, 1);
    expect([p?.org, p?.title]).toEqual(['Beta Corp', 'CTO']);
    await editPerson(t.ctx, 1, { title: 'Chief Technology Officer' });
    const report = emptyReport('test', true);
    await ImportSession.run(t.ctx, { file: 'test.file', source: 'vcard', report, dryRun: true }, async (s) => {
      await s.person(ada('Gamma', 'CEO'));
    });
    expect(report.issues.map((i) => i.code)).toEqual(['job_kept']);
    expect((await findPerson(t.store.db, t.ctx.workspaceId, 1))?.org).toBe('Beta Corp');
  });

  it('makes one person of a name too common to match on, however often one import names them alone', async () => {
    const kim = [{ name: 'Kim' }];
    const report = await session(
      async (s) => {
        await s.interaction(message(kim, 'in', T0 - days(3)));
        await s.interaction(message(kim, 'out', T0 - days(2)));
        await s.interaction(message([{ name: ' kim ' }], 'in', T0 - days(1)));
      },
      undefined,
      'linkedin',
    );
    expect(report.people).toEqual({ created: 1, matched: 0 });
    expect(report.interactions.created).toBe(3);
    expect(await peopleCount()).toBe(1);
  });

  it('gives a reference by name alone to the namesake this file lists, and looks nobody up for a stored record', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Zoë Ångström', emails: ['zoe@client.example'] }));
    });
    const linkedin = async () =>
      session(
        async (s) => {
          await s.person(person({ name: 'Zoë Ångström', emails: ['zoe@nordlicht.example'], org: 'Nordlicht AB' }));
          await s.exchange({
            kind: 'exchange',
            where: { line: 2 },
            externalId: 'rec-1',
            person: { name: 'Zoë Ångström' },
            direction: 'given',
            category: 'talent',
            note: 'A recommendation',
            at: T0 - days(30),
          });
        },
        undefined,
        'linkedin',
      );
    const first = await linkedin();
    const again = await linkedin();
    expect(first.people).toEqual({ created: 1, matched: 0 });
    expect(first.exchanges).toEqual({ created: 1, duplicates: 0 });
    expect(again.people).toEqual({ created: 0, matched: 1 });
    expect(again.exchanges).toEqual({ created: 0, duplicates: 1 });
    expect(await peopleCount()).toBe(2);
    const given = await t.store.db.selectFrom('exchanges').select('person_id').execute();
    expect(given.map((r) => Number(r.person_id))).toEqual([2]);
  });

  it('holds one export to itself: its records of a profile and of a name find the person its connection became', async () => {
    await session(async (s) => {
      await s.person(
        person({
          name: 'Dr. Anna Maria Müller',
          emails: ['anna@acme.example'],
          profileUrl: 'https://www.linkedin.com/in/anna-one',
        }),
      );
    });
    const report = await session(
      async (s) => {
        // matched by email, with another profile than the one stored
        await s.person(
          person(
            { name: 'Anna Müller', emails: ['anna@acme.example'], profileUrl: 'https://www.linkedin.com/in/anna-two' },
            2,
          ),
        );
        await s.interaction(
          message([{ name: 'Anna Müller', profileUrl: 'https://www.linkedin.com/in/anna-two' }], 'in', T0 - days(2), {
            channel: 'message',
          }),
        );
        await s.exchange({
          kind: 'exchange',
          where: { line: 3 },
          externalId: 'rec-1',
          person: { name: 'Anna Müller', org: 'Acme GmbH' },
          direction: 'given',
          category: 'talent',
          note: 'A recommendation',
          at: T0 - days(30),
        });
      },
      undefined,
      'linkedin',
    );
    expect(await peopleCount()).toBe(1);
    expect(report.interactions.created).toBe(1);
    expect(report.exchanges.created).toBe(1);
    expect(report.issues.map((i) => [i.line, i.code])).toEqual([[2, 'profile_kept']]);
    const stored = await findPerson(t.store.db, t.ctx.workspaceId, 1);
    expect(stored?.linkedin).toBe('https://www.linkedin.com/in/anna-one');
  });

  it('gives a reference by name alone to the namesake at the organisation it names, or keeps that organisation', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Mei Chen', emails: ['mei@shenzhen.example'], org: 'Shenzhen Tech' }, 1));
      await s.person(person({ name: 'Mei Chen', emails: ['mei@bakery.example'], org: 'Sweet Bakery' }, 2));
    });
    const recommendation = (externalId: string, org: string) => ({
      kind: 'exchange' as const,
      where: { line: 2 },
      externalId,
      person: { name: 'Mei Chen', org, title: 'PM' },
      direction: 'received' as const,
      category: 'talent' as const,
      note: 'A recommendation',
      at: T0 - days(30),
    });
    const report = await session(
      async (s) => {
        await s.exchange(recommendation('rec-1', 'Shenzhen Tech Co., Ltd.'));
        await s.exchange(recommendation('rec-2', 'Globex'));
      },
      undefined,
      'linkedin',
    );
    expect(report.exchanges.created).toBe(2);
    const rows = await t.store.db.selectFrom('exchanges').select('person_id').orderBy('id').execute();
    expect(Number(rows[0]?.person_id)).toBe(1);
    // nobody at Globex: a third Mei Chen, who keeps where she works
    const third = await findPerson(t.store.db, t.ctx.workspaceId, Number(rows[1]?.person_id));
    expect(third).toMatchObject({ id: 3, org: 'Globex', title: 'PM' });
    // the same recommendation under a newer release's id, its former id the one stored: no second one
    const again = await session(
      async (s) => {
        await s.exchange({ ...recommendation('rec2-1', 'Shenzhen Tech Co., Ltd.'), formerIds: ['rec-1'] });
      },
      undefined,
      'linkedin',
    );
    expect(again.exchanges).toEqual({ created: 0, duplicates: 1 });
  });

  it('lists two people as possible duplicates when a message from one’s address bears the other’s name', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Alice Martin', emails: ['info@acme.example'] }, 1));
      await s.person(person({ name: 'Carol Diaz', emails: ['carol@gamma.example'] }, 2));
    });
    const mail = await session(
      async (s) => {
        await s.interaction(message([{ name: 'Alice Martin', email: 'info@acme.example' }], 'in', T0 - days(2)));
        await s.interaction(message([{ name: 'Carol Diaz', email: 'info@acme.example' }], 'in', T0 - days(1)));
      },
      undefined,
      'mbox',
    );
    expect(mail.interactions.created).toBe(2);
    const groups = await findDuplicates(t.ctx);
    expect(groups.map((g) => [g.people.map((p) => p.id), g.reasons])).toEqual([
      [[1, 2], ['a message or meeting with the email of one and the name "Carol Diaz" of the other']],
    ]);
  });

  it('lists two people of different names as possible duplicates when a record has the email of one and the name of the other', async () => {
    await session(
      async (s) => {
        await s.person(
          person({ name: 'Ana García López', profileUrl: 'https://www.linkedin.com/in/ana-garcia-lopez' }),
        );
      },
      undefined,
      'linkedin',
    );
    await session(
      async (s) => {
        await s.person(person({ name: 'Ana García', emails: ['ana.garcia@telefonica.example'] }));
      },
      undefined,
      'vcard',
    );
    const google = await session(
      async (s) => {
        await s.person(person({ name: 'Ana García López', emails: ['ana.garcia@telefonica.example'] }));
      },
      undefined,
      'google',
    );
    expect(await peopleCount()).toBe(2);
    expect(google.candidates).toEqual([
      {
        personId: 2,
        otherId: 1,
        name: 'Ana García López',
        reasons: ['a contact record with the email of one and the name "Ana García López" of the other'],
      },
    ]);
    const groups = await findDuplicates(t.ctx);
    // the record also writes out the vCard's shorter name: two people of one name, listed
    expect(groups.map((g) => [g.name, g.people.map((p) => p.id)])).toEqual([['Ana García López', [1, 2]]]);
    // a JSON copy lists them too
    const copy = await jsonCopy();
    try {
      expect((await findDuplicates(copy.ctx)).map((g) => [g.name, g.reasons])).toEqual(
        groups.map((g) => [g.name, g.reasons]),
      );
    } finally {
      await copy.close();
    }
    // said to differ: no longer listed, nor reported again
    await markDistinct(t.ctx, 1, 2);
    expect(await findDuplicates(t.ctx)).toEqual([]);
    // merged: the pair goes with the merged person
    await mergePeople(t.ctx, 1, 2);
    expect(await t.store.db.selectFrom('possible_duplicates').selectAll().execute()).toEqual([]);
  });

  it('names a person by the contact record for their address rather than a display name mail gave it, in either order', async () => {
    const mail = () => message([{ email: 'boss@corp.example', name: 'Amy Assist' }], 'in', T0);
    const card = () => person({ name: 'Boss Bob', emails: ['boss@corp.example'], org: 'Corp' });
    const result = async () => ({
      people: (await t.store.db.selectFrom('people').select(['name', 'org']).execute()).map((p) => [p.name, p.org]),
      duplicates: (await findDuplicates(t.ctx)).length,
    });
    await session((s) => s.interaction(mail()).then(() => undefined), undefined, 'email');
    await session((s) => s.person(card()).then(() => undefined), undefined, 'vcard');
    const mailFirst = await result();
    expect(mailFirst).toEqual({ people: [['Boss Bob', 'Corp']], duplicates: 0 });
    await t.close();
    t = await openTestDatabase(T0);
    await session((s) => s.person(card()).then(() => undefined), undefined, 'vcard');
    await session((s) => s.interaction(mail()).then(() => undefined), undefined, 'email');
    expect(await result()).toEqual(mailFirst);
  });

  it('lists the two people a later record gives both addresses of, with that reason first', async () => {
    await session(
      async (s) => {
        await s.person(person({ name: 'John Smith', emails: ['jsmith@home.example'] }));
      },
      undefined,
      'vcard',
    );
    await session(
      async (s) => {
        await s.interaction(message([{ email: 'john@smith.example', name: 'John Smith' }], 'out', T0));
      },
      undefined,
      'mbox',
    );
    const google = await session(
      async (s) => {
        await s.person(person({ name: 'John Smith', emails: ['john@smith.example', 'jsmith@home.example'] }));
      },
      undefined,
      'google',
    );
    expect(await peopleCount()).toBe(2);
    expect(google.candidates.map((c) => [c.personId, c.otherId, c.reasons])).toEqual([
      [2, 1, ['one contact record gives both their addresses (jsmith@home.example)']],
    ]);
    const groups = await findDuplicates(t.ctx);
    expect(groups.map((g) => [g.name, g.people.map((p) => p.id), g.reasons[0]])).toEqual([
      ['John Smith', [1, 2], 'one contact record gives both their addresses (jsmith@home.example)'],
    ]);
  });

  it('takes a name written with its accents over the same name stored without them, and no other name', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Zoe Angstrom', emails: ['zoe@x.example'] }));
      await s.person(person({ name: 'Bob Smith', emails: ['bob@x.example'] }, 2));
    });
    await session(async (s) => {
      await s.person(person({ name: 'Zoë Ångström', emails: ['zoe@x.example'] }));
      await s.person(person({ name: 'Róbert Smith', emails: ['bob@x.example'] }, 2));
    });
    const names = await t.store.db.selectFrom('people').select('name').orderBy('id').execute();
    expect(names.map((r) => r.name)).toEqual(['Zoë Ångström', 'Bob Smith']);
  });

  it('gives a real name to a person whose name was made from their address, and never replaces a name given', async () => {
    await session(async (s) => {
      // mail names them by address only: "Jsmith", "Ann Lee" (from ann.lee@)
      await s.interaction(message([{ email: 'jsmith@acme.example' }, { email: 'ann.lee@acme.example' }], 'in', T0));
    });
    await addPerson(t.ctx, { name: 'Kay', emails: ['kay@acme.example'] });
    await session(async (s) => {
      await s.person(person({ name: 'John Smith', emails: ['jsmith@acme.example'] }));
      // one word is not better than the two made from the address
      await s.person(person({ name: 'Ann', emails: ['ann.lee@acme.example'] }, 2));
      // the user named Kay: that name stays
      await s.person(person({ name: 'Kay Mann', emails: ['kay@acme.example'] }, 3));
    });
    const names = await t.store.db.selectFrom('people').select(['name', 'name_made']).orderBy('id').execute();
    expect(names.map((r) => [r.name, r.name_made])).toEqual([
      ['John Smith', 0],
      ['Ann Lee', 1],
      ['Kay', 0],
    ]);
    // a JSON copy knows which name was made: a later record names Ann there as here
    const copy = await jsonCopy();
    try {
      const made = await copy.store.db.selectFrom('people').select(['name', 'name_made']).orderBy('id').execute();
      expect(made).toEqual(names);
    } finally {
      await copy.close();
    }
    // the new name finds them: a later record with that name alone is the same person
    await session(async (s) => {
      await s.person(person({ name: 'John Smith', phones: ['+1 555 0100'] }, 4));
    });
    expect(await t.store.db.selectFrom('people').select('id').execute()).toHaveLength(3);
  });

  it('writes out a name an import gave more fully from a later contact record, in either order, never the user’s', async () => {
    await session(
      async (s) => {
        // a message names Kim by her first name only; Lou's card came first
        await s.interaction(message([{ email: 'kim@x.example', name: 'Kim' }], 'in', T0));
        await s.interaction(message([{ email: 'lee@x.example', name: 'Lee' }], 'in', T0));
      },
      undefined,
      'mbox',
    );
    await session(
      async (s) => {
        await s.person(person({ name: 'Lou Chen', emails: ['lou@x.example'] }));
      },
      undefined,
      'vcard',
    );
    await addPerson(t.ctx, { name: 'Kay', emails: ['kay@x.example'] });
    await session(
      async (s) => {
        // a display name is no contact record: "Lou Chen (Acme)" does not rename Lou
        await s.interaction(message([{ email: 'lou@x.example', name: 'Lou Chen (Acme)' }], 'in', T0 + hours(1)));
        await s.interaction(message([{ email: 'kim@x.example', name: 'Kim Lee Acme' }], 'in', T0 + hours(1)));
      },
      undefined,
      'mbox',
    );
    await session(
      async (s) => {
        await s.person(person({ name: 'Kim Lee', emails: ['kim@x.example'] }));
        await s.person(person({ name: 'Ana Lee', emails: ['lee@x.example'] }, 2));
        await s.person(person({ name: 'Lou', emails: ['lou@x.example'] }, 3));
        // the user named Kay: that name stays
        await s.person(person({ name: 'Kay Mann', emails: ['kay@x.example'] }, 4));
      },
      undefined,
      'google',
    );
    const names = await t.store.db.selectFrom('people').select(['name', 'name_source']).orderBy('id').execute();
    expect(names).toEqual([
      { name: 'Kim Lee', name_source: 'google' },
      { name: 'Ana Lee', name_source: 'google' },
      { name: 'Lou Chen', name_source: 'vcard' },
      { name: 'Kay', name_source: null },
    ]);
    // a JSON copy knows which names an import gave
    const copy = await jsonCopy();
    try {
      expect(await copy.store.db.selectFrom('people').select(['name', 'name_source']).orderBy('id').execute()).toEqual(
        names,
      );
    } finally {
      await copy.close();
    }
    // the user's own edit makes the name theirs
    await editPerson(t.ctx, 1, { name: 'Kim' });
    await session(
      async (s) => {
        await s.person(person({ name: 'Kim Lee', emails: ['kim@x.example'] }));
      },
      undefined,
      'vcard',
    );
    expect((await findPerson(t.store.db, t.ctx.workspaceId, 1))?.name).toBe('Kim');
  });

  it('reports two people a later contact record ties together: the name of one with the address or profile of the other', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Dana Dee', emails: ['dana@x.example'] }, 2));
      await s.person(person({ name: 'Carl Cee' }, 3));
      await s.person(person({ name: 'Alice Martin', emails: ['alice@acme.example'] }, 4));
      await s.person(person({ name: 'Alice Martin-Dupont', profileUrl: 'https://www.linkedin.com/in/alice-md' }, 5));
    });
    const report = await session(async (s) => {
      await s.person(person({ name: 'Carl Cee', emails: ['dana@x.example'] }, 2));
      await s.person(
        person(
          { name: 'Alice Martin', emails: ['alice@acme.example'], profileUrl: 'https://www.linkedin.com/in/alice-md' },
          3,
        ),
      );
    });
    expect([report.people.created, await peopleCount()]).toEqual([0, 4]);
    expect((await findDuplicates(t.ctx)).map((g) => g.people.map((p) => p.name))).toEqual([
      ['Dana Dee', 'Carl Cee'],
      ['Alice Martin', 'Alice Martin-Dupont'],
    ]);
  });

  it('keeps two entries of one file that share an address under different names as two people, reported', async () => {
    const report = await session(async (s) => {
      await s.person(person({ name: 'Twin One', emails: ['shared@family.example'] }, 2));
      await s.person(person({ name: 'Twin Two', emails: ['shared@family.example'], phones: ['+1 555 0102'] }, 3));
      // the same name again is the same entry written twice
      await s.person(person({ name: 'Twin One', emails: ['shared@family.example'], org: 'Acme' }, 4));
    });
    const people = await t.store.db
      .selectFrom('people')
      .select(['id', 'name', 'phones', 'org'])
      .orderBy('id')
      .execute();
    expect(people.map((p) => [p.name, p.phones, p.org])).toEqual([
      ['Twin One', '[]', 'Acme'],
      ['Twin Two', '["+1 555 0102"]', null],
    ]);
    expect(report.candidates.map((c) => [c.name, c.reasons])).toEqual([
      ['Twin Two', ['two entries of one file with different names share shared@family.example']],
    ]);
    expect((await findDuplicates(t.ctx)).map((g) => g.people.map((p) => p.name))).toEqual([['Twin One', 'Twin Two']]);
  });

  it('keeps apart, reported, a later file’s contact whose name is plainly another’s than the one stored with its address', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Alice Shared', emails: ['office@family.example'] }, 2));
      await s.person(person({ name: 'Robert Smith', emails: ['rob@smith.example'] }, 3));
    });
    const report = await session(async (s) => {
      await s.person(person({ name: 'Bob Shared', emails: ['Office@Family.example'] }, 2));
      // ways of writing the stored name are the same person
      await s.person(person({ name: 'Bob Smith', emails: ['rob@smith.example'], org: 'Smithy' }, 3));
    });
    const people = await t.store.db.selectFrom('people').select(['name', 'org']).orderBy('id').execute();
    expect(people.map((p) => [p.name, p.org])).toEqual([
      ['Alice Shared', null],
      ['Robert Smith', 'Smithy'],
      ['Bob Shared', null],
    ]);
    expect(report.candidates.map((c) => [c.name, c.reasons])).toEqual([
      [
        'Bob Shared',
        ['a contact record under another name has the address of this one (office@family.example): kept apart'],
      ],
    ]);
  });

  it('reports an email that is none, with its record, and keeps the person without it', async () => {
    const report = await session(async (s) => {
      await s.person(person({ name: 'Ann One', emails: ['ann@', 'ann\u0000@x.example', 'ann@x.example'] }, 7));
    });
    expect(report.issues.map((i) => [i.line, i.code, i.message])).toEqual([
      [7, 'bad_email', '"ann@" is not an email address; kept without it'],
      [7, 'bad_email', '"ann\\u0000@x.example" is not an email address; kept without it'],
    ]);
    expect((await findPerson(t.store.db, t.ctx.workspaceId, 1))?.emails).toEqual(['ann@x.example']);
  });

  it('keeps a contact saved with nothing but a number, named by it', async () => {
    await session(async (s) => {
      await s.person(person({ phones: ['+44 20 7946 0002'] }));
    });
    expect((await findPerson(t.store.db, t.ctx.workspaceId, 1))?.name).toBe('+44 20 7946 0002');
  });

  it('reports a record that names nobody, with its place in the file', async () => {
    const report = await session(async (s) => {
      await s.person(person({ where: { line: 7, record: 'card 2' } }));
    });
    expect(report.issues).toEqual([
      { file: 'test.file', line: 7, record: 'card 2', code: 'no_identity', message: expect.stringContaining('card 2') },
    ]);
  });
});

describe('an import session', () => {
  it('creates nothing when the same records arrive again', async () => {
    const records = [
      message([{ email: 'a@x.example' }], 'out', T0 - days(5)),
      message([{ email: 'a@x.example' }, { email: 'b@x.example' }], 'in', T0 - days(4)),
    ];
    await session(async (s) => {
      for (const r of records) await s.interaction(r);
    });
    const again = await session(async (s) => {
      for (const r of records) await s.interaction(r);
    });
    expect(again.interactions).toEqual({ created: 0, duplicates: 2 });
    // both known from the messages found stored
    expect(again.people).toEqual({ created: 0, matched: 2 });
    expect(await peopleCount()).toBe(2);
  });

  it('leaves the database as it was when the file fails halfway', async () => {
    await session(async (s) => {
      await s.interaction(message([{ email: 'keep@x.example' }], 'out', T0 - days(9)));
    });
    const before = await t.store.db.selectFrom('interactions').selectAll().execute();
    await expect(
      session(async (s) => {
        await s.interaction(message([{ email: 'new@x.example' }], 'in', T0 - days(2)));
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await t.store.db.selectFrom('interactions').selectAll().execute()).toEqual(before);
    expect(await peopleCount()).toBe(1);
  });

  it('links an answer imported before the message it answers, across files', async () => {
    const ask = message([{ email: 'kim@x.example' }], 'out', T0 - days(10));
    const answer = message([{ email: 'kim@x.example' }], 'in', T0 - days(10) + hours(3), { replyTo: ask.externalId });
    await session(async (s) => {
      await s.interaction(answer); // the Inbox export first
    });
    await session(async (s) => {
      await s.interaction(ask); // then the Sent one
    });
    const kim = await showPerson(t.ctx, 'kim@x.example');
    expect(kim.stats.replies).toBe(1);
    expect(kim.stats.replyLatencyMedianHours).toBe(3);
    expect(await t.store.db.selectFrom('reply_keys').selectAll().execute()).toEqual([]);
    await expectSummariesMatchRescore();
  });

  it('counts an answer to a message not imported as starting nothing and awaiting nothing, until the message comes', async () => {
    const question = message([{ email: 'ali@x.example' }], 'in', T0 - days(20));
    // the Sent folder alone: three answers to her questions, whose messages are not imported
    const answers = [0, 1, 2].map((k) =>
      message([{ email: 'ali@x.example' }], 'out', T0 - days(10 - k), {
        replyTo: k === 0 ? question.externalId : `other${k}@x.example`,
      }),
    );
    await session(async (s) => {
      for (const a of answers) await s.interaction(a);
    });
    const summary = async () => {
      const sum = (await loadSummaries(t.store.db, t.ctx.workspaceId, [1])).get(1);
      // decayed counts: any start of theirs is above 0
      return { initUser: sum?.initUser, initThem: Math.ceil(sum?.initThem ?? 0), respSent: sum?.respSent };
    };
    expect(await summary()).toEqual({ initUser: 0, initThem: 0, respSent: 0 });
    await expectSummariesMatchRescore();
    // a JSON copy keeps them answers
    const copy = await jsonCopy();
    try {
      const sum = (await loadSummaries(copy.store.db, copy.ctx.workspaceId, [1])).get(1);
      expect([sum?.initUser, sum?.respSent]).toEqual([0, 0]);
    } finally {
      await copy.close();
    }
    // her question comes: she started that exchange, and the first answer answers it
    await session(async (s) => {
      await s.interaction(question);
    });
    expect(await summary()).toEqual({ initUser: 0, initThem: 1, respSent: 0 });
    await expectSummariesMatchRescore();
  });

  it('gives a person not in the message an answer answers the same part in it, whichever file comes first', async () => {
    const ivy = { email: 'ivy@x.example', name: 'Ivy' };
    const henry = { email: 'henry@x.example', name: 'Henry' };
    const plan = message([ivy], 'in', T0 - days(10), { from: ivy });
    // Henry answers Ivy's message (he was not in it), the user in copy
    const answer = message([henry, ivy], 'in', T0 - days(10) + hours(2), { from: henry, replyTo: plan.externalId });
    const henrysSummary = async () => {
      const id = (await showPerson(t.ctx, 'henry@x.example')).person.id;
      // ids aside (they follow the order of storing): who started what, and what awaits an answer
      const {
        asOfSeq: _seq,
        common: _common,
        ...sum
      } = (await loadSummaries(t.store.db, t.ctx.workspaceId, [id])).get(id) as Summary;
      return sum;
    };
    await importEach(t.ctx, [plan, answer]);
    const inOrder = await henrysSummary();
    await t.close();
    t = await openTestDatabase(T0);
    await importEach(t.ctx, [answer, plan]);
    expect(await henrysSummary()).toEqual(inOrder);
    await expectSummariesMatchRescore();
  });

  it('links an answer to the ancestor its References name when that comes later, until its own message comes', async () => {
    const ivy = { email: 'ivy@x.example', name: 'Ivy' };
    const henry = { email: 'henry@x.example', name: 'Henry' };
    const plan = message([ivy], 'in', T0 - days(10), { from: ivy });
    // another reader's answer the user was not sent; the user's answer to it names both
    const other = message([henry, ivy], 'in', T0 - days(10) + hours(1), { from: henry, replyTo: plan.externalId });
    const mine = message([ivy, henry], 'out', T0 - days(10) + hours(3), {
      replyTo: other.externalId,
      replyAncestors: [plan.externalId],
    });
    const answered = async () =>
      (
        await t.store.db
          .selectFrom('interactions as c')
          .innerJoin('interactions as p', 'p.id', 'c.reply_to_id')
          .select('p.external_id')
          .where('c.external_id', '=', mine.externalId)
          .executeTakeFirst()
      )?.external_id;
    await importEach(t.ctx, [plan, mine]);
    const planFirst = await answered();
    expect(planFirst).toBe(plan.externalId);
    await t.close();
    t = await openTestDatabase(T0);
    await importEach(t.ctx, [mine, plan]);
    expect(await answered()).toBe(planFirst);
    // its own message comes: it answers that one
    await importEach(t.ctx, [other]);
    expect(await answered()).toBe(other.externalId);
    expect(await t.store.db.selectFrom('reply_keys').selectAll().execute()).toEqual([]);
    await expectSummariesMatchRescore();
  });

  it('threads an answer without reply headers by its subject, the same person, within 21 days', async () => {
    const li = [{ email: 'li@x.example' }];
    const mail = (direction: 'in' | 'out', at: number, note: string) =>
      message(li, direction, at, { note, threadKey: 'budget' });
    await session(async (s) => {
      await s.interaction(mail('out', T0 - days(30), 'Budget'));
      await s.interaction(mail('in', T0 - days(30) + hours(5), 'Re: Budget'));
      // over 21 days later the same subject is a new conversation, not an answer
      await s.interaction(mail('out', T0 - days(60), 'Budget'));
      await s.interaction(mail('in', T0 - days(60) + days(22), 'RE: Budget'));
      // a forward, or the same subject written again, answers nothing
      await s.interaction(mail('out', T0 - days(2), 'Budget'));
      await s.interaction(mail('in', T0 - days(2) + hours(1), 'Fwd: Budget'));
      await s.interaction(mail('in', T0 - days(2) + hours(2), 'Budget'));
    });
    const shown = await showPerson(t.at(T0 + days(30)), 'li@x.example');
    expect(shown.stats.replies).toBe(1);
    expect(shown.stats.replyLatencyMedianHours).toBe(5);
  });

  it('threads a second answer without reply headers to the same message, as its headers would, in one file or several', async () => {
    const sam = [{ email: 'sam@vee.example' }];
    const mail = (direction: 'in' | 'out', at: number, note: string) =>
      message(sam, direction, at, { note, threadKey: 'budget sync' });
    const mine = mail('out', T0 - days(29), 'Budget sync');
    const first = mail('in', T0 - days(29) + hours(2), 'Re: Budget sync');
    const second = mail('in', T0 - days(28) + hours(6), 'Re: Budget sync');
    await session(async (s) => {
      for (const m of [mine, first, second]) await s.interaction(m);
    });
    const together = (await showPerson(t.ctx, 'sam@vee.example')).stats;
    expect([together.replies, together.replyLatencyMedianHours]).toEqual([2, 16]);
    // the same messages in three imports, the last answer first
    const other = await openTestDatabase(T0);
    try {
      await importEach(other.ctx, [second, mine, first]);
      expect((await showPerson(other.ctx, 'sam@vee.example')).stats).toEqual(together);
    } finally {
      await other.close();
    }
  });

  it('links an answer dated before its message (a clock gone wrong) in either order, and in a JSON copy', async () => {
    const jo = [{ email: 'jo@kappa.example' }];
    const question = message(jo, 'out', T0 - days(3));
    const answer = message(jo, 'in', T0 - days(3) - 10 * 60_000, { replyTo: question.externalId });
    await session(async (s) => {
      await s.interaction(question);
      await s.interaction(answer);
    });
    const inOrder = (await showPerson(t.ctx, 'jo@kappa.example')).stats;
    expect([inOrder.replies, inOrder.replyLatencyMedianHours, inOrder.repliedWithin24hShare]).toEqual([1, 0, 1]);
    const other = await openTestDatabase(T0);
    try {
      await importEach(other.ctx, [answer, question]);
      expect((await showPerson(other.ctx, 'jo@kappa.example')).stats).toEqual(inOrder);
    } finally {
      await other.close();
    }
    const copy = await jsonCopy();
    try {
      expect((await showPerson(copy.ctx, 'jo@kappa.example')).stats).toEqual(inOrder);
    } finally {
      await copy.close();
    }
  });

  it('takes in the people only the Sent copy’s Bcc names when the Inbox copy was stored first', async () => {
    const bob = { email: 'bob@acme.example' };
    const ann = { email: 'ann@acme.example' };
    const inboxCopy = { ...message([bob], 'out', T0 - days(4)), externalId: 'bcc-1@x' };
    const sentCopy: InteractionRecord = { ...inboxCopy, counterparts: [bob, ann], blindCopies: true };
    const answer = { ...message([ann], 'in', T0 - days(4) + hours(1)), replyTo: 'bcc-1@x' };
    const load = async (ctx: TestDatabase['ctx'], records: InteractionRecord[]) => {
      await importEach(ctx, records);
      return (await showPerson(ctx, 'ann@acme.example')).stats;
    };
    const sentFirst = await load(t.ctx, [sentCopy, answer, inboxCopy]);
    expect([sentFirst.interactions, sentFirst.outbound, sentFirst.replies, sentFirst.repliedWithin24hShare]).toEqual([
      2, 1, 1, 1,
    ]);
    const other = await openTestDatabase(T0);
    try {
      expect(await load(other.ctx, [inboxCopy, answer, sentCopy])).toEqual(sentFirst);
      const ids = (await other.store.db.selectFrom('people').select('id').execute()).map((r) => Number(r.id));
      const kept = await loadSummaries(other.store.db, other.ctx.workspaceId, ids);
      await rescore(other.ctx);
      expect(await loadSummaries(other.store.db, other.ctx.workspaceId, ids)).toEqual(kept);
    } finally {
      await other.close();
    }
  });

  const stagedKeys = async () =>
    (await t.store.db.selectFrom('reply_keys').select('parent_key').execute()).map((r) =>
      r.parent_key.replace(/:.*/, ':'),
    );

  // Sent and Inbox are often separate mailboxes, imported one after the other in either order
  const subjectMail = (direction: 'in' | 'out', at: number, subject: string, who = 'li@x.example') =>
    message([{ email: who }], direction, at, { note: subject, threadKey: subject.replace(/^(re|aw):\s*/i, '') });

  it('threads an answer without reply headers to a message a former import stored, by its subject', async () => {
    await session(async (s) => {
      await s.interaction(subjectMail('out', T0 - days(10), 'Budget 2025'));
    });
    await session(async (s) => {
      await s.interaction(subjectMail('in', T0 - days(10) + hours(4), 'Re: Budget 2025'));
    });
    const li = await showPerson(t.ctx, 'li@x.example');
    expect(li.stats.replies).toBe(1);
    expect(li.stats.replyLatencyMedianHours).toBe(4);
    expect(await stagedKeys()).toEqual(['subject:']); // kept: a closer message may come
    await expectSummariesMatchRescore();
  });

  it('threads an answer without reply headers stored before its message, once the message is imported', async () => {
    await session(async (s) => {
      // the Inbox first: their answer, whose message is in the Sent mailbox
      await s.interaction(subjectMail('in', T0 - days(10) + hours(6), 'AW: Budget 2025'));
    });
    expect((await t.store.db.selectFrom('reply_keys').select('parent_key').execute()).length).toBe(1);
    await session(async (s) => {
      await s.interaction(subjectMail('out', T0 - days(10), 'Budget 2025'));
    });
    const li = await showPerson(t.ctx, 'li@x.example');
    expect(li.stats.replies).toBe(1);
    expect(li.stats.replyLatencyMedianHours).toBe(6);
    expect(await stagedKeys()).toEqual(['subject:']); // kept: a closer message may come
    await expectSummariesMatchRescore();
  });

  it('links an answer to the latest message before it whatever order the files come in', async () => {
    const answer = subjectMail('in', T0 - days(10) + days(1), 'Re: Status');
    const early = subjectMail('out', T0 - days(20), 'Status');
    const late = subjectMail('out', T0 - days(10), 'Status');
    for (const r of [answer, early, late]) await session(async (s) => void (await s.interaction(r)));
    const li = await showPerson(t.ctx, 'li@x.example');
    expect(li.stats.replies).toBe(1);
    expect(li.stats.replyLatencyMedianHours).toBe(24);
    await expectSummariesMatchRescore();
  });

  it('does not thread by subject across imports another subject, another person, a follow-up or an answer over 21 days late', async () => {
    await session(async (s) => {
      await s.interaction(subjectMail('out', T0 - days(40), 'Budget 2025'));
      await s.interaction(subjectMail('out', T0 - days(10), 'Offsite'));
    });
    await session(async (s) => {
      await s.interaction(subjectMail('in', T0 - days(40) + days(22), 'Re: Budget 2025')); // too late
      await s.interaction(subjectMail('in', T0 - days(10) + hours(1), 'Re: Offsite plans')); // another subject
      await s.interaction(subjectMail('in', T0 - days(10) + hours(2), 'Re: Offsite', 'kim@x.example')); // another person
    });
    await session(async (s) => {
      await s.interaction(subjectMail('out', T0 - days(10) + hours(3), 'Re: Offsite')); // the user again: a follow-up
    });
    const linked = await t.store.db
      .selectFrom('interactions')
      .select('id')
      .where('reply_to_id', 'is not', null)
      .execute();
    expect(linked).toEqual([]);
  });
});

describe('a crowd in an import (a meeting with over 25 people)', () => {
  it('links its organizer and the people already known, adds no stranger, and keeps its audience', async () => {
    const guests = Array.from({ length: 28 }, (_, i) => ({ email: `g${i}@corp.example` }));
    const organizer = { email: 'ceo@corp.example', name: 'Dana Chief' };
    const meeting = (people: ContactRef[], at: number) =>
      message(people, 'in', at, { channel: 'meeting', from: organizer, externalId: `allhands-${at}` });
    const report = await session(async (s) => {
      await s.interaction(message([{ email: 'bob@corp.example' }], 'in', T0 - days(3)));
      await s.interaction(meeting([organizer, { email: 'bob@corp.example' }, ...guests], T0 - days(2)));
      // a team meeting of 12 is not a crowd: its people are met
      await s.interaction(meeting([organizer, ...guests.slice(0, 11)], T0 - days(1)));
    });
    expect(await peopleCount()).toBe(13);
    expect([report.skipped, report.notAdded]).toEqual([{}, { crowd_attendees: 17 }]);
    const audiences = await t.store.db
      .selectFrom('participations')
      .select('audience')
      .where('at', '=', T0 - days(2))
      .execute();
    // the 11 met at the team meeting joined the all-hands too, as they would had they come first
    expect(audiences.map((r) => Number(r.audience))).toEqual(Array(13).fill(30));
    await expectSummariesMatchRescore();
  });
});

describe('bulk mail in an import', () => {
  it('links its sender and the people already known, adds no stranger, and still weighs as bulk', async () => {
    const strangers = Array.from({ length: 28 }, (_, i) => ({ email: `p${i}@corp.example` }));
    const report = await session(async (s) => {
      await s.interaction(message([{ email: 'bob@corp.example', name: 'Bob Stone' }], 'in', T0 - days(3)));
      await s.interaction(
        message([{ email: 'ann@corp.example' }, { email: 'bob@corp.example' }, ...strangers], 'in', T0 - days(2)),
      );
      await s.interaction(message(strangers.slice(0, 20), 'out', T0 - days(1)));
      // one of the strangers writes later, one to one: added then, and no longer counted as left out
      await s.interaction(message([strangers[0] as ContactRef], 'in', T0 - hours(5)));
    });
    expect(await peopleCount()).toBe(3);
    expect([report.skipped, report.notAdded]).toEqual([{ bulk_unknown: 1 }, { bulk_recipients: 27 }]);
    const audiences = await t.store.db
      .selectFrom('participations')
      .select(['person_id', 'audience'])
      .where('at', '=', T0 - days(2))
      .orderBy('person_id')
      .execute();
    // Ann, Bob and the stranger who wrote later (joined once known)
    expect(audiences.map((r) => Number(r.audience))).toEqual([30, 30, 30]);
    await expectSummariesMatchRescore();

    // a JSON export keeps the audience, and importing it elsewhere gives the same rows
    const copy = await jsonCopy();
    try {
      const copied = await copy.store.db
        .selectFrom('participations')
        .select('audience')
        .where('at', '=', T0 - days(2))
        .execute();
      expect(copied.map((r) => Number(r.audience))).toEqual([30, 30, 30]);
    } finally {
      await copy.close();
    }
  });
});

describe('people who were nobody when a message to them was stored', () => {
  const allHands = () =>
    message(
      [
        { email: 'boss@x.example', name: 'Boss' },
        { email: 'carol@x.example' },
        ...Array.from({ length: 10 }, (_, i) => ({ email: `u${i}@x.example` })),
      ],
      'in',
      T0 - days(3),
      { from: { email: 'boss@x.example', name: 'Boss' } },
    );
  const carolCard = () => person({ name: 'Carol Known', emails: ['carol@x.example'] });
  const carolsMessages = async (ctx = t.ctx) => (await showPerson(ctx, 'carol@x.example')).stats.interactions;

  it('join it once a later import makes them known, as when they were known first', async () => {
    const mail = allHands();
    await session(async (s) => {
      await s.person(carolCard());
    });
    await session(async (s) => {
      await s.interaction(mail);
    });
    expect(await carolsMessages()).toBe(1);
    await t.close();
    t = await openTestDatabase(T0);
    // the other order: the all-hands mail first, Carol a stranger then
    await session(async (s) => {
      await s.interaction(mail);
    });
    expect(await peopleCount()).toBe(1); // Boss
    const copy = await jsonCopy();
    const report = await session(async (s) => {
      await s.person(carolCard());
    });
    await attachKnownParticipants(t.ctx, report, false);
    expect([report.participantsJoined, report.joined]).toEqual([1, { people: 1, messages: 1 }]);
    expect(await carolsMessages()).toBe(1);
    expect(await t.store.db.selectFrom('pending_participants').selectAll().execute()).toHaveLength(10);
    await expectSummariesMatchRescore();
    // nothing joins twice
    const again = emptyReport('test', false);
    await attachKnownParticipants(t.ctx, again, false);
    expect(again.participantsJoined).toBeUndefined();
    // a JSON copy taken before Carol was known keeps the addresses waiting
    try {
      await ImportSession.run(
        copy.ctx,
        { file: 'test.file', source: 'test', report: emptyReport('test', false), dryRun: false },
        async (s) => {
          await s.person(carolCard());
        },
      );
      await attachKnownParticipants(copy.ctx, emptyReport('test', false), false);
      expect(await carolsMessages(copy.ctx)).toBe(1);
    } finally {
      await copy.close();
    }
  });

  it('wait for the first 1,000 strangers of a message, and the report says when it named more', async () => {
    const strangers = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `p${i}@big.example` }));
    const report = await session(async (s) => {
      await s.person(carolCard());
      await s.interaction(message([{ email: 'carol@x.example' }, ...strangers(1500)], 'out', T0 - days(3)));
      await s.interaction(message([{ email: 'carol@x.example' }, ...strangers(1000)], 'out', T0 - days(2)));
    });
    const waiting = await t.store.db.selectFrom('pending_participants').select('interaction_id').execute();
    expect(waiting).toHaveLength(2000);
    expect(report.issues.filter((i) => i.code === 'many_strangers').map((i) => i.message)).toEqual([
      '1 message named over 1,000 addresses of nobody known yet: only the first 1,000 of each will join it once they are known',
    ]);
  });
});

describe('merging two people', () => {
  it('moves history and emails, counts a shared meeting once, and agrees with a rescore', async () => {
    await session(async (s) => {
      await s.person(person({ name: 'Sam Lee', emails: ['sam@work.example'] }));
      await s.person(person({ name: 'Samuel Lee', emails: ['sam@home.example'], org: 'Lee & Co' }));
      await s.interaction(message([{ email: 'sam@work.example' }], 'out', T0 - days(20)));
      await s.interaction(message([{ email: 'sam@home.example' }], 'in', T0 - days(19)));
      await s.interaction({
        ...message(
          [{ email: 'sam@work.example' }, { email: 'sam@home.example' }, { email: 'pat@x.example' }],
          'out',
          T0 - days(2),
        ),
        channel: 'meeting',
      });
    });
    const r = await mergePeople(t.ctx, 1, 2);
    expect(r.kept.emails).toEqual(['sam@work.example', 'sam@home.example']);
    expect(r.kept.org).toBe('Lee & Co');
    // one of them the meeting both were in
    expect([r.moved.interactions, r.shared]).toEqual([2, 1]);
    const sam = await showPerson(t.ctx, '1');
    expect(sam.stats.interactions).toBe(3);
    expect(await findPerson(t.store.db, t.ctx.workspaceId, 2)).toBeUndefined();
    await expectSummariesMatchRescore();
  });

  it('keeps a merged contact merged when its file is imported again', async () => {
    const cards = [person({ name: 'Jo Park', phones: ['+1 415 555 0199'] }, 1), person({ name: 'Jo Park' }, 2)];
    await session(async (s) => {
      for (const c of cards) await s.person(c);
    });
    await mergePeople(t.ctx, 1, 2);
    const again = await session(async (s) => {
      for (const c of cards) await s.person(c);
    });
    expect(again.people.created).toBe(0);
    expect(await peopleCount()).toBe(1);
  });
});

describe('a JSON export imported elsewhere', () => {
  it('imported where the same mail was imported already, finds the answers waiting for their message there', async () => {
    // an answer whose message is not imported, and a bulk message to a stranger: both keyed by uid in the copy
    const answer = message([{ email: 'kim@x.example' }], 'in', T0 - days(3), { replyTo: 'lost@x' });
    const crowd = Array.from({ length: 12 }, (_, i) => ({ email: `p${i}@crowd.example` }));
    const bulk = message([{ email: 'kim@x.example' }, ...crowd], 'out', T0 - days(2));
    const mail = async (s: ImportSession) => {
      await s.interaction(answer);
      await s.interaction(bulk);
    };
    await session(mail);
    let text = '';
    await exportWorkspace(t.ctx, 'json', async (chunk) => {
      text += chunk;
    });
    expect(JSON.parse(text).replyKeys).toHaveLength(1);
    expect(JSON.parse(text).pendingParticipants).toHaveLength(12);
    const dir = mkdtempSync(join(tmpdir(), 'rapport-copy-'));
    const other = await openTestDatabase(T0);
    try {
      const report = emptyReport('mbox', false);
      await ImportSession.run(other.ctx, { file: 'same.mbox', source: 'test', report, dryRun: false }, mail);
      writeFileSync(join(dir, 'export.json'), text);
      const r = await importJson(other.ctx, [join(dir, 'export.json')], { dryRun: false });
      expect([r.interactions, r.issues]).toEqual([{ created: 0, duplicates: 2 }, []]);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the source of an imported job and the date it was true as of', async () => {
    await session(
      (s) =>
        s
          .person(person({ name: 'Xia Li', emails: ['xia@li.example'], org: 'NewCorp', asOf: Date.UTC(2026, 0, 1) }))
          .then(() => undefined),
      undefined,
      'linkedin',
    );
    const copy = await jsonCopy();
    try {
      const row = await copy.store.db.selectFrom('people').select(['job_source', 'job_at']).executeTakeFirst();
      expect(row).toEqual({ job_source: 'linkedin', job_at: Date.UTC(2026, 0, 1) });
    } finally {
      await copy.close();
    }
  });

  it('keeps what imports must find again, and who the user said differ', async () => {
    const cards = [
      person({ name: 'Mom', phones: ['+44 7700 900001'] }, 1),
      person({ name: 'John Smith', org: 'Acme' }, 2),
      person({ name: 'John Smith', org: 'Globex' }, 3),
    ];
    // an answer whose message is in a mailbox not imported yet
    const ask = message([{ email: 'kim@x.example' }], 'out', T0 - days(3));
    const answer = message([{ email: 'kim@x.example' }], 'in', T0 - days(3) + hours(2), { replyTo: ask.externalId });
    await session(async (s) => {
      for (const c of cards) await s.person(c);
      await s.keepEventVersion('standup@x', 3, Date.UTC(2026, 0, 2));
      await s.noteExpandedTo('standup@x', Date.UTC(2026, 0, 3));
      await s.callOffEvent('review@x', 1, 2);
      await s.keepEventAnswer('plan@x', 'quinn@g.example', { sequence: 0, stamp: 5, partstat: 'DECLINED' });
      await s.interaction(answer);
    });
    await markDistinct(t.ctx, 2, 3);
    const copy = await jsonCopy();
    try {
      const report = emptyReport('test', false);
      let version: { sequence: number; modified: number | null; expandedTo: number | null } | undefined;
      let calledOff: unknown;
      let answers: unknown;
      await ImportSession.run(copy.ctx, { file: 'test.file', source: 'test', report, dryRun: false }, async (s) => {
        for (const c of cards) await s.person(c);
        version = (await s.eventVersions()).get('standup@x');
        calledOff = (await s.calledOffEvents()).get('review@x');
        answers = [...((await s.eventAnswers()).get('plan@x') ?? [])];
      });
      expect(report.people).toEqual({ created: 0, matched: 3 });
      expect(version).toEqual({ sequence: 3, modified: Date.UTC(2026, 0, 2), expandedTo: Date.UTC(2026, 0, 3) });
      // a meeting the user declined, and a guest's answer, hold in the copy for files imported there
      expect(calledOff).toEqual({ sequence: 1, how: 2, from: null });
      expect(answers).toEqual([['quinn@g.example', { sequence: 0, stamp: 5, partstat: 'DECLINED' }]]);
      expect(await findDuplicates(copy.ctx)).toEqual([]);
      // the copy links the answer when the message comes
      await ImportSession.run(
        copy.ctx,
        { file: 'sent.mbox', source: 'test', report: emptyReport('test', false), dryRun: false },
        async (s) => {
          await s.interaction(ask);
        },
      );
      expect((await showPerson(copy.ctx, 'kim@x.example')).stats.replies).toBe(1);
    } finally {
      await copy.close();
    }
  });
});

describe('toIssue', () => {
  it('names an entry of a zip or folder inside it, as the entry is written', () => {
    const issue = (entry: string) => toIssue('/home/me/export.zip', { line: 9, code: 'x', message: 'm', entry }).file;
    expect(issue('Connections.csv')).toBe('/home/me/export.zip/Connections.csv');
    expect(issue('../../etc/Connections.csv')).toBe('/home/me/export.zip/../../etc/Connections.csv');
    expect(toIssue('/home/me/export/', { line: 1, code: 'x', message: 'm', entry: 'a/b.csv' }).file).toBe(
      '/home/me/export/a/b.csv',
    );
    expect(
      toIssue('/home/me/Connections.csv', { line: 1, code: 'x', message: 'm', entry: 'Connections.csv' }).file,
    ).toBe('/home/me/Connections.csv');
    // files of one export given one by one: the session names no file, the entry is the path
    expect(toIssue('', { line: 1, code: 'x', message: 'm', entry: '/home/me/messages.csv' }).file).toBe(
      '/home/me/messages.csv',
    );
  });
});
