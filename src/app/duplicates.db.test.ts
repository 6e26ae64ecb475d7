import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonCopy } from '../../test/copies.js';
import { days, hours, T0 } from '../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../test/store.js';
import type { ContactRef, InteractionRecord } from '../importers/records.js';
import { NOT_IN_PARENT } from '../store/interaction.repository.js';
import { loadSummaries } from '../store/summary.repository.js';
import { findDuplicates, listDuplicates, mergePeople } from './duplicates.js';
import { exportWorkspace } from './export.js';
import { importFiles } from './import/index.js';
import { countStrangers, ImportSession } from './import/session.js';
import { importJson } from './import-json.js';
import { emptyReport } from './import-report.js';
import { addPerson, editPerson } from './people.js';
import { rescore } from './rescore.js';
import { showPerson } from './show-person.js';
import { showView } from './views.js';

const WORK = 'bob@work.example';
const HOME = 'bob@home.example';
const CAROL = 'carol@x.example';
/** ids: Bob's work address 1, his home address 2 (two people until the merge), Carol 3 */
const BOB = 1;
const CAROL_ID = 3;

let open: TestDatabase[] = [];
beforeEach(() => {
  open = [];
});
afterEach(async () => {
  for (const d of open) await d.close();
});

async function database(): Promise<TestDatabase> {
  const d = await openTestDatabase(T0);
  open.push(d);
  return d;
}

const message = (
  id: string,
  counterparts: readonly string[],
  direction: 'in' | 'out',
  at: number,
  extra: Partial<InteractionRecord> = {},
): InteractionRecord => {
  const refs: ContactRef[] = counterparts.map((email) => ({ email }));
  return {
    kind: 'interaction',
    where: { line: null, record: id },
    externalId: id,
    at,
    channel: 'email',
    direction,
    depth: 'substantive',
    counterparts: refs,
    ...(direction === 'in' ? { from: refs[0] } : {}),
    ...extra,
  };
};

async function importMail(d: TestDatabase, records: readonly InteractionRecord[]) {
  const report = emptyReport('test', false);
  await ImportSession.run(d.ctx, { file: 'test.mbox', source: 'test', report, dryRun: false }, async (s) => {
    for (const r of records) await s.interaction(r);
  });
  await countStrangers(d.ctx, report);
}

/**
 * The same mail imported twice: into a workspace where Bob's two addresses are two people, then
 * merged; and into one where they are one person from the start (a person without interactions
 * holds id 2, so that Carol is 3 in both).
 */
async function mergedAndOne(records: readonly InteractionRecord[]) {
  const merged = await database();
  await addPerson(merged.ctx, { name: 'Bob Stone', emails: [WORK] });
  await addPerson(merged.ctx, { name: 'Robert Stone', emails: [HOME] });
  await addPerson(merged.ctx, { name: 'Carol Reed', emails: [CAROL] });
  await importMail(merged, records);
  const before = await participations(merged);
  await mergePeople(merged.ctx, BOB, 2);

  const one = await database();
  await addPerson(one.ctx, { name: 'Bob Stone', emails: [WORK, HOME] });
  await addPerson(one.ctx, { name: 'Placeholder' });
  await addPerson(one.ctx, { name: 'Carol Reed', emails: [CAROL] });
  await importMail(one, records);
  return { merged, one, before };
}

/** Every participation, by interaction and person, with its derived columns. */
async function participations(d: TestDatabase) {
  return (
    await d.store.db
      .selectFrom('participations')
      .select(['interaction_id', 'person_id', 'role', 'audience', 'parent_at', 'parent_role', 'first_answer', 'co_ids'])
      .orderBy('interaction_id')
      .orderBy('person_id')
      .execute()
  ).map((r) => ({ ...r, co_ids: r.co_ids === null ? null : (JSON.parse(r.co_ids) as number[]).sort() }));
}

async function summaries(d: TestDatabase, ids: readonly number[]) {
  return loadSummaries(d.store.db, d.ctx.workspaceId, ids);
}

/** What `show --json` scores of a person (ids and uids differ between workspaces). */
async function shown(d: TestDatabase, who: string) {
  const v = showView(await showPerson(d.ctx, who));
  return {
    strength: v.strength,
    class: v.class,
    stage: v.stage,
    components: v.components,
    flags: v.flags,
    stats: v.stats,
    classReason: v.classReason,
    twoWayInteractions: v.twoWayInteractions,
    strengthBefore: v.strengthBefore,
    trend: v.trend,
    layer: v.layer,
  };
}

/** The merged workspace agrees with the one-person import, with a rescore, and with its JSON copy. */
async function expectSameAsOne(merged: TestDatabase, one: TestDatabase) {
  const ids = [BOB, CAROL_ID];
  expect(await participations(merged)).toEqual(await participations(one));
  const incremental = await summaries(merged, ids);
  expect(incremental).toEqual(await summaries(one, ids));
  await rescore(merged.ctx);
  expect(await summaries(merged, ids)).toEqual(incremental);
  const copy = await jsonCopy(merged);
  open.push(copy);
  for (const who of [WORK, CAROL]) {
    expect(await shown(merged, who)).toEqual(await shown(one, who));
    expect(await shown(copy, who)).toEqual(await shown(merged, who));
  }
}

describe('merging two people sets again what their participations derive from the people in them', () => {
  it('keeps only the earlier of two answers to a message sent to both addresses as the first answer', async () => {
    const p1 = message('p1@mine', [WORK, HOME], 'out', T0 - days(26));
    const p2 = message('p2@x', [HOME], 'in', T0 - days(26) + hours(2), { replyTo: 'p1@mine' });
    const p3 = message('p3@x', [WORK], 'in', T0 - days(25) + hours(2), { replyTo: 'p1@mine' });
    const { merged, one, before } = await mergedAndOne([p1, p2, p3]);
    // before the merge both answered their own copy first, and the message went to two
    expect(before.filter((r) => r.first_answer === 1)).toHaveLength(2);
    expect(before.filter((r) => r.interaction_id === 1).map((r) => r.audience)).toEqual([2, 2]);
    const after = await participations(merged);
    expect(after.map((r) => [r.interaction_id, r.audience, r.first_answer])).toEqual([
      [1, 1, 0],
      [2, 1, 1],
      [3, 1, 0],
    ]);
    const bob = showView(await showPerson(merged.ctx, String(BOB)));
    expect(bob.components.find((c) => c.key === 'responsiveness')?.value).toBe(0.8);
    await expectSameAsOne(merged, one);
  });

  it('counts the merged person once in the audience of a meeting both were in, for everyone in it', async () => {
    const meeting: InteractionRecord = {
      ...message('meet@cal', [WORK, HOME, CAROL], 'out', T0 - days(10)),
      channel: 'meeting',
    };
    const after = message('m2@mine', [WORK, HOME, CAROL], 'out', T0 - days(5));
    const reply = message('m3@x', [CAROL, HOME], 'in', T0 - days(4), { replyTo: 'm2@mine' });
    const { merged, one, before } = await mergedAndOne([meeting, after, reply]);
    expect(before.filter((r) => r.person_id === CAROL_ID).map((r) => r.audience)).toEqual([3, 3, 2]);
    const rows = await participations(merged);
    expect(rows.filter((r) => r.person_id === CAROL_ID).map((r) => [r.audience, r.co_ids])).toEqual([
      [2, [BOB]],
      [2, [BOB]],
      [2, [BOB]],
    ]);
    // nobody lists the dropped person, the kept one twice, or themselves
    for (const r of rows) {
      expect(r.co_ids ?? []).not.toContain(2);
      expect(r.co_ids ?? []).not.toContain(r.person_id);
      expect(new Set(r.co_ids ?? []).size).toBe((r.co_ids ?? []).length);
    }
    await expectSameAsOne(merged, one);
  });

  it('makes a message from one address copied to the other the merged person’s own', async () => {
    // Bob writes from home with his work address in Cc, and answers the user's message to his work address
    const ask = message('a1@mine', [WORK], 'out', T0 - days(12));
    const answer = message('a2@x', [HOME, WORK], 'in', T0 - days(12) + hours(3), { replyTo: 'a1@mine' });
    const { merged, one } = await mergedAndOne([ask, answer]);
    const rows = await participations(merged);
    expect(rows.find((r) => r.interaction_id === 2)).toMatchObject({ person_id: BOB, first_answer: 1 });
    await expectSameAsOne(merged, one);
  });

  it('sets again the first answers to the merged person’s messages and to the user’s answers to them', async () => {
    // Bob writes from home, the user answers that one at his work address, Bob answers from work:
    // an answer to the user's answer to his own message awaited nothing once he is one person
    const hi = message('h1@x', [HOME], 'in', T0 - days(30));
    const answer = message('h2@mine', [WORK], 'out', T0 - days(29), { replyTo: 'h1@x' });
    const again = message('h3@x', [WORK], 'in', T0 - days(29) + hours(1), { replyTo: 'h2@mine' });
    const later = message('h4@mine', [HOME, CAROL], 'out', T0 - days(3));
    const back = message('h5@x', [WORK], 'in', T0 - days(3) + hours(5), { replyTo: 'h4@mine' });
    const { merged, one, before } = await mergedAndOne([hi, answer, again, later, back]);
    expect(before.find((r) => r.interaction_id === 3)?.first_answer).toBe(1);
    // Bob's work address was not in the message it answers: it answers one all the same
    expect(before.find((r) => r.interaction_id === 5)).toMatchObject({
      parent_at: T0 - days(3) + hours(5),
      parent_role: NOT_IN_PARENT,
      first_answer: 0,
    });
    const rows = await participations(merged);
    expect(rows.find((r) => r.interaction_id === 3)?.first_answer).toBe(0);
    expect(rows.find((r) => r.interaction_id === 5)).toMatchObject({
      parent_at: T0 - days(3),
      first_answer: 1,
    });
    await expectSameAsOne(merged, one);
  });

  it('takes one from the audience of bulk mail both got, which also counts recipients who are no one', async () => {
    const strangers = Array.from({ length: 10 }, (_, i) => `s${i}@list.example`);
    const bulk = message('b1@mine', [WORK, HOME, CAROL, ...strangers], 'out', T0 - days(2));
    const { merged, before } = await mergedAndOne([bulk]);
    expect(before.map((r) => r.audience)).toEqual([13, 13, 13]);
    const rows = await participations(merged);
    expect(rows.map((r) => [r.person_id, r.audience, r.co_ids])).toEqual([
      [BOB, 12, null],
      [CAROL_ID, 12, null],
    ]);
    const ids = [BOB, CAROL_ID];
    const incremental = await summaries(merged, ids);
    await rescore(merged.ctx);
    expect(await summaries(merged, ids)).toEqual(incremental);
  });
});

describe('merging people after their mail was imported', () => {
  it('finds an answer by its subject once its sender and the person the message went to are one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-merge-'));
    const mail = (headers: string[]) => ['From x Mon Jan  1 00:00:00 2024', ...headers, '', 'Body.', ''].join('\n');
    const file = join(dir, 'mail.mbox');
    writeFileSync(
      file,
      mail([
        'From: me@example.com',
        'To: alice@acme.example',
        'Subject: Second',
        'Date: Thu, 5 Mar 2026 09:00:00 +0000',
        'Message-ID: <u2@ex>',
      ]) +
        mail([
          'From: Alice Ames <alice.ames@gmail.example>',
          'To: me@example.com',
          'Subject: Re: Second',
          'Date: Thu, 5 Mar 2026 13:00:00 +0000',
          'Message-ID: <a2@gmail>',
        ]),
    );
    try {
      const stats = async (d: TestDatabase) => {
        const s = (await showPerson(d.ctx, 'alice@acme.example')).stats;
        return [s.replies, s.replyLatencyMedianHours, s.repliedWithin24hShare];
      };
      // one person from the start: the answer is hers
      const one = await database();
      await addPerson(one.ctx, { name: 'Alice Ames', emails: ['alice@acme.example', 'alice.ames@gmail.example'] });
      await importFiles(one.ctx, 'mbox', [file], { me: ['me@example.com'] });
      expect(await stats(one)).toEqual([1, 4, 1]);
      // two people merged after the import: the same
      const merged = await database();
      await importFiles(merged.ctx, 'mbox', [file], { me: ['me@example.com'] });
      const ids = (await merged.store.db.selectFrom('people').select('id').orderBy('id').execute()).map((r) =>
        Number(r.id),
      );
      expect(ids).toHaveLength(2);
      await mergePeople(merged.ctx, ids[0] as number, ids[1] as number);
      expect(await stats(merged)).toEqual([1, 4, 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a merge of a person named after their address with one known by name', () => {
  it('takes the name they are known by, whichever is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-merge-'));
    try {
      const file = join(dir, 'n.mbox');
      writeFileSync(
        file,
        'From x Mon Jan  1 00:00:00 2024\nFrom: jsmith@corp.example\nTo: me@x.example\nSubject: hi\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\nBody.\n',
      );
      const card = join(dir, 'js.vcf');
      writeFileSync(
        card,
        'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Smith\r\nEMAIL:john.smith@home.example\r\nEND:VCARD\r\n',
      );
      for (const keepMade of [true, false]) {
        const d = await database();
        await importFiles(d.ctx, 'mbox', [file], { me: ['me@x.example'] });
        await importFiles(d.ctx, 'vcard', [card]);
        const made = (await showPerson(d.ctx, 'jsmith@corp.example')).person;
        const named = (await showPerson(d.ctx, 'john.smith@home.example')).person;
        expect(made.name).toBe('Jsmith');
        const [keep, drop] = keepMade ? [made, named] : [named, made];
        const merged = await mergePeople(d.ctx, keep.id, drop.id);
        expect(merged.kept).toMatchObject({ id: keep.id, name: 'John Smith' });
        expect((await showPerson(d.ctx, 'jsmith@corp.example')).person.name).toBe('John Smith');
        // the card imported again finds them by that name and changes nothing
        const again = await importFiles(d.ctx, 'vcard', [card]);
        expect([again.people.created, again.issues]).toEqual([0, []]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a merge of a person added long ago with one added since', () => {
  it('keeps the person known since the earlier, so a past day replayed still shows them', async () => {
    const d = await database();
    const then = { ...d.ctx, now: T0 - days(30) };
    await addPerson(then, { name: 'Kim Old', emails: ['kim@old.example'] });
    await addPerson(d.ctx, { name: 'Kim New', emails: ['kim@new.example'] });
    await mergePeople(d.ctx, 2, 1);
    const [kept] = await d.store.db.selectFrom('people').select(['id', 'created_at']).execute();
    expect([Number(kept?.id), Number(kept?.created_at)]).toEqual([2, T0 - days(30)]);
  });
});

describe('a LinkedIn profile is one person’s', () => {
  const ANN = 'https://www.linkedin.com/in/annlee';

  it('is refused to a second person added or edited, in any spelling, as an email is', async () => {
    const d = await database();
    const ann = await addPerson(d.ctx, { name: 'Ann Lee', linkedin: ANN });
    for (const spelling of ['https://uk.linkedin.com/in/AnnLee/', 'http://linkedin.com/in/annlee?trk=x'])
      await expect(addPerson(d.ctx, { name: 'Bo Park', linkedin: spelling })).rejects.toThrow(
        `${ANN} already belongs to person ${ann.id}`,
      );
    const cy = await addPerson(d.ctx, { name: 'Cy Dunn' });
    await expect(editPerson(d.ctx, cy.id, { linkedin: 'linkedin.com/in/annlee' })).rejects.toThrow(
      `already belongs to person ${ann.id}`,
    );
    // the holder may give it again
    expect((await editPerson(d.ctx, ann.id, { linkedin: 'https://www.linkedin.com/in/AnnLee' })).linkedin).toBe(ANN);
  });

  it('lists people an earlier release let hold one profile, by it, and keeps a copy from giving it twice', async () => {
    const d = await database();
    const ann = await addPerson(d.ctx, { name: 'Ann Lee', linkedin: ANN });
    const twin = await addPerson(d.ctx, { name: 'Ann Lee', emails: ['ann@x.example'] });
    const bo = await addPerson(d.ctx, { name: 'Bo Park' });
    // as an earlier release stored them
    await d.store.db.updateTable('people').set({ linkedin: ANN }).where('id', 'in', [twin.id, bo.id]).execute();
    const groups = await findDuplicates(d.ctx);
    expect(groups.map((g) => [g.name, g.people.map((p) => p.id), g.reasons])).toEqual([
      ['Ann Lee', [ann.id, twin.id], [`the same LinkedIn profile (${ANN})`]],
      ['Ann Lee / Ann Lee / Bo Park', [ann.id, twin.id, bo.id], [`the same LinkedIn profile (${ANN})`]],
    ]);
    // a copy into a workspace where someone else holds the profile leaves it with them, the copy's
    // Ann found there by her address too
    const other = await database();
    const holder = await addPerson(other.ctx, { name: 'Someone Else', linkedin: ANN });
    await addPerson(other.ctx, { name: 'Ann Lee', emails: ['ann@x.example'] });
    const dir = mkdtempSync(join(tmpdir(), 'rapport-profile-copy-'));
    let text = '';
    await exportWorkspace(d.ctx, 'json', async (chunk) => {
      text += chunk;
    });
    writeFileSync(join(dir, 'export.json'), text);
    const report = await importJson(other.ctx, [join(dir, 'export.json')], { dryRun: false });
    rmSync(dir, { recursive: true, force: true });
    // each record is named: the two made apart (another name holds the profile) and the one found by address
    expect(report.issues.filter((i) => i.code === 'profile_taken').map((i) => i.message)).toEqual([
      `${ANN} already belongs to person ${holder.id}; not added to Ann Lee`,
      `${ANN} already belongs to person ${holder.id}; not added to Ann Lee`,
      `${ANN} already belongs to person ${holder.id}; not added to Bo Park`,
    ]);
    // a copy into the workspace it came from changes nothing and says nothing of the profile
    const dir2 = mkdtempSync(join(tmpdir(), 'rapport-profile-copy-'));
    writeFileSync(join(dir2, 'export.json'), text);
    const back = await importJson(d.ctx, [join(dir2, 'export.json')], { dryRun: false });
    rmSync(dir2, { recursive: true, force: true });
    expect([back.issues, back.people.created]).toEqual([[], 0]);
    const holders = await other.store.db.selectFrom('people').select('id').where('linkedin', '=', ANN).execute();
    expect(holders.map((h) => Number(h.id))).toEqual([holder.id]);
  });
});

describe('a JSON copy finds people by their mailbox', () => {
  it('matches another spelling of an address, or lists the pair when the names are two people’s', async () => {
    const d = await database();
    await addPerson(d.ctx, { name: 'Tom Plus', emails: ['tom+news@plus.example'] });
    // (plainly another's name: "Rob Brown" would be Robert's, found as a contact record is)
    await addPerson(d.ctx, { name: 'Alice Brown', emails: ['rob.brown@gmail.com'] });
    const dir = mkdtempSync(join(tmpdir(), 'rapport-mailbox-copy-'));
    let text = '';
    await exportWorkspace(d.ctx, 'json', async (chunk) => {
      text += chunk;
    });
    writeFileSync(join(dir, 'export.json'), text);
    const other = await database();
    const tom = await addPerson(other.ctx, { name: 'Tom Plus', emails: ['tom@plus.example'] });
    const robert = await addPerson(other.ctx, { name: 'Robert Brown', emails: ['robbrown@googlemail.com'] });
    const report = await importJson(other.ctx, [join(dir, 'export.json')], { dryRun: false });
    rmSync(dir, { recursive: true, force: true });
    expect(report.people).toMatchObject({ created: 1, matched: 1 });
    expect(report.candidates.map((c) => c.otherId)).toEqual([robert.id]);
    expect((await showPerson(other.ctx, String(tom.id))).person.emails).toEqual([
      'tom@plus.example',
      'tom+news@plus.example',
    ]);
  });
});

describe('people added at two spellings of one mailbox', () => {
  it('are listed as possible duplicates, not refused nor merged', async () => {
    const d = await database();
    const bob = await addPerson(d.ctx, { name: 'Bob B', emails: ['bob@b.example'] });
    const cy = await addPerson(d.ctx, { name: 'Cy', emails: ['bob+x@b.example'] });
    const dee = await addPerson(d.ctx, { name: 'Dee' });
    await editPerson(d.ctx, dee.id, { emails: ['b.o.b@gmail.com'] });
    const rob = await addPerson(d.ctx, { name: 'Rob', emails: ['bob@googlemail.com'] });
    const groups = await findDuplicates(d.ctx);
    expect(groups.map((g) => [g.people.map((p) => p.id), g.reasons])).toEqual([
      [[bob.id, cy.id], ['two spellings of one mailbox (bob@b.example and bob+x@b.example)']],
      [[dee.id, rob.id], ['two spellings of one mailbox (b.o.b@gmail.com and bob@googlemail.com)']],
    ]);
  });
});

describe('people added or edited with a phone someone holds', () => {
  it('are listed when their names may be one (a short form, an initial), not when they cannot be', async () => {
    const d = await database();
    const robert = await addPerson(d.ctx, {
      name: 'Robert Brown',
      emails: ['rb@a.example'],
      phones: ['+1 555 010 1010'],
    });
    const bob = await addPerson(d.ctx, { name: 'Bob Brown', emails: ['bob@b.example'], phones: ['+15550101010'] });
    // a household's landline: nothing asked
    await addPerson(d.ctx, { name: 'Mark Jones', phones: ['+1 555 010 1010'] });
    const zoe = await addPerson(d.ctx, { name: 'Zoe Quinn', phones: ['555-010-7777'] });
    const z = await addPerson(d.ctx, { name: 'Z. Quinn' });
    await editPerson(d.ctx, z.id, { phones: ['(555) 010-7777'] });
    const groups = await findDuplicates(d.ctx);
    expect(groups.map((g) => [g.people.map((p) => p.id), g.reasons])).toEqual([
      [[robert.id, bob.id], ['"Bob Brown" and "Robert Brown" have the same phone (+1 555 010 1010)']],
      [[zoe.id, z.id], ['"Z. Quinn" and "Zoe Quinn" have the same phone (555-010-7777)']],
    ]);
  });
});

describe('the list of possible duplicates', () => {
  it('says when it lists fewer groups than there are', async () => {
    const d = await database();
    for (const name of ['Ann Lee', 'Bo Chen', 'Cy Diaz'])
      for (const place of ['a', 'b']) await addPerson(d.ctx, { name, emails: [`${name[0]}@${place}.example`] });
    const two = await listDuplicates(d.ctx, 2);
    expect([two.groups.map((g) => g.name), two.more]).toEqual([['Ann Lee', 'Bo Chen'], true]);
    const three = await listDuplicates(d.ctx, 3);
    expect([three.groups.length, three.more]).toEqual([3, false]);
  });
});
