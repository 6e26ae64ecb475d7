import { afterEach, describe, expect, it } from 'vitest';
import { expectSameSummary, jsonCopy } from '../../test/copies.js';
import { days, T0 } from '../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../test/store.js';
import { loadSummaries } from '../store/summary.repository.js';
import { createDemo } from './demo.js';
import { AppError } from './errors.js';
import { logInteraction } from './interactions.js';
import { recordExchange } from './ledger.js';
import { addNeed, addOffer } from './needs-offers.js';
import { addMilestone, addNextStep } from './next-steps.js';
import { addPerson } from './people.js';
import { removeRecord } from './remove.js';
import { rescore } from './rescore.js';
import { showPerson } from './show-person.js';

const open: TestDatabase[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});
async function database(now = T0): Promise<TestDatabase> {
  const d = await openTestDatabase(now);
  open.push(d);
  return d;
}

async function summaries(d: TestDatabase) {
  const ids = (await d.store.db.selectFrom('people').select('id').execute()).map((r) => Number(r.id));
  return { ids, map: await loadSummaries(d.store.db, d.ctx.workspaceId, ids) };
}

describe('remove', () => {
  it('takes back a logged interaction: the relationship reads as before it was logged', async () => {
    const d = await database();
    const ada = await addPerson(d.ctx, { name: 'Ada Lovelace', emails: ['ada@x.example'] });
    const bob = await addPerson(d.ctx, { name: 'Bob Stone', emails: ['bob@x.example'] });
    await logInteraction(d.ctx, { people: ['ada@x.example'], channel: 'meeting', at: T0 - days(40) });
    await logInteraction(d.ctx, { people: ['ada@x.example'], channel: 'email', direction: 'in', at: T0 - days(20) });
    const before = await summaries(d);
    const mistake = await logInteraction(d.ctx, {
      people: ['ada@x.example', 'bob@x.example'],
      channel: 'call',
      at: T0 - days(2),
    });
    expect((await showPerson(d.ctx, String(ada.id))).stats.interactions).toBe(3);

    const removed = await removeRecord(d.ctx, 'interaction', mistake.id);

    expect(removed).toMatchObject({ kind: 'interaction', record: { id: mistake.id, channel: 'call' } });
    expect(removed.kind === 'interaction' && [...removed.record.participantIds].sort()).toEqual(
      [ada.id, bob.id].sort(),
    );
    const after = await summaries(d);
    for (const id of before.ids) expectSameSummary(after.map.get(id), before.map.get(id), `person ${id}`);
    await expect(removeRecord(d.ctx, 'interaction', mistake.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('never gives a removed id again, so a second remove of the same id cannot hit another record', async () => {
    const d = await database();
    await addPerson(d.ctx, { name: 'Ada Lovelace', emails: ['ada@x.example'] });
    const last = await logInteraction(d.ctx, { people: ['ada@x.example'], channel: 'call', at: T0 - days(1) });
    await removeRecord(d.ctx, 'interaction', last.id);
    const next = await logInteraction(d.ctx, { people: ['ada@x.example'], channel: 'call', at: T0 - days(1) });
    expect(next.id).toBe(last.id + 1);
    const gift = await recordExchange(d.ctx, { who: 'ada@x.example', direction: 'given', category: 'time', note: 'x' });
    await removeRecord(d.ctx, 'exchange', gift.id);
    const again = await recordExchange(d.ctx, {
      who: 'ada@x.example',
      direction: 'given',
      category: 'time',
      note: 'y',
    });
    expect(again.id).toBe(gift.id + 1);
  });

  it('takes back value given, and the services component with it', async () => {
    const d = await database();
    const ada = await addPerson(d.ctx, { name: 'Ada Lovelace', emails: ['ada@x.example'] });
    await logInteraction(d.ctx, { people: ['ada@x.example'], channel: 'meeting', at: T0 - days(10) });
    const before = await summaries(d);
    const gift = await recordExchange(d.ctx, {
      who: 'ada@x.example',
      direction: 'given',
      category: 'access',
      note: 'an introduction',
      at: T0 - days(3),
    });
    expect((await showPerson(d.ctx, String(ada.id))).exchanges).toHaveLength(1);
    await removeRecord(d.ctx, 'exchange', gift.id);
    expectSameSummary((await summaries(d)).map.get(ada.id), before.map.get(ada.id));
    expect((await showPerson(d.ctx, String(ada.id))).exchanges).toEqual([]);
  });

  it('removes needs, offers, next steps and milestones with what indexes them', async () => {
    const d = await database();
    const ada = await addPerson(d.ctx, { name: 'Ada Lovelace', emails: ['ada@x.example'] });
    const need = await addNeed(d.ctx, 'ada@x.example', 'A facilitator for the spring offsite', true);
    const offer = await addOffer(d.ctx, { text: 'Offsite facilitation', category: 'talent', by: undefined, tags: [] });
    const step = await addNextStep(d.ctx, { who: 'ada@x.example', text: 'Send the agenda', due: T0 + days(3) });
    const day = await addMilestone(d.ctx, { who: 'ada@x.example', text: 'Founded', on: '2020-03-01', yearly: true });
    await removeRecord(d.ctx, 'need', need.id);
    await removeRecord(d.ctx, 'offer', offer.id);
    await removeRecord(d.ctx, 'step', step.id);
    await removeRecord(d.ctx, 'milestone', day.id);
    const shown = await showPerson(d.ctx, String(ada.id));
    expect([shown.needs, shown.nextSteps, shown.milestones]).toEqual([[], [], []]);
    for (const table of ['need_terms', 'offer_terms', 'needs', 'offers', 'next_steps', 'milestones'] as const) {
      const rows = await d.store.db.selectFrom(table).selectAll().execute();
      expect(rows, table).toEqual([]);
    }
    await expect(removeRecord(d.ctx, 'step', step.id)).rejects.toThrow('no next step with id');
  });

  it('refuses what came from a file, which its next import would store again', async () => {
    const d = await database();
    await addPerson(d.ctx, { name: 'Ada Lovelace', emails: ['ada@x.example'] });
    const imported = await d.store.db
      .insertInto('interactions')
      .values({
        workspace_id: d.ctx.workspaceId,
        uid: 'u-1',
        at: T0 - days(1),
        channel: 'email',
        direction: 'in',
        depth: 'substantive',
        from_person_id: null,
        minutes: null,
        note: null,
        source: 'mbox',
        external_id: '<1@x.example>',
        reply_to_id: null,
        created_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const error = await removeRecord(d.ctx, 'interaction', Number(imported.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe(
      `interaction ${imported.id} was imported (mbox); the next import of that file would store it again, so it stays`,
    );
    expect(await d.store.db.selectFrom('interactions').select('id').execute()).toHaveLength(1);
  });

  it('keeps scores and reply links whole when a message that was answered goes: as a rescore and a JSON copy read them', async () => {
    const d = await database();
    await createDemo(d.ctx, { people: 40, seed: 'remove' });
    // a message of the user's that the person answered: the answer no longer answers anything
    const target = await d.store.db
      .selectFrom('interactions as i')
      .innerJoin('interactions as a', 'a.reply_to_id', 'i.id')
      .select('i.id')
      .where('i.direction', '=', 'out')
      .where('a.direction', '=', 'in')
      .orderBy('i.id')
      .executeTakeFirstOrThrow();
    const id = Number(target.id);
    const answers = (
      await d.store.db.selectFrom('interactions').select('id').where('reply_to_id', '=', id).execute()
    ).map((r) => Number(r.id));
    expect(answers.length).toBeGreaterThan(0);

    await removeRecord(d.ctx, 'interaction', id);

    const left = await d.store.db.selectFrom('interactions').select('reply_to_id').where('id', 'in', answers).execute();
    expect(left.map((r) => r.reply_to_id)).toEqual(answers.map(() => null));
    // and an answer itself: its message awaits an answer again
    const answer = await d.store.db
      .selectFrom('interactions')
      .select('id')
      .where('reply_to_id', 'is not', null)
      .where('direction', '=', 'in')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await removeRecord(d.ctx, 'interaction', Number(answer.id));
    const kept = await summaries(d);
    await rescore(d.ctx);
    const rescored = await summaries(d);
    for (const p of kept.ids) expectSameSummary(rescored.map.get(p), kept.map.get(p), `person ${p}`);
    const copy = await jsonCopy(d);
    open.push(copy);
    const copied = await summaries(copy);
    expect(copied.ids.sort()).toEqual(kept.ids.sort());
    // (a copy numbers interactions anew: the last event folded is the same, its id in the copy is not)
    for (const p of kept.ids)
      expectSameSummary(copied.map.get(p), kept.map.get(p), `person ${p} in the copy`, ['asOfSeq']);
  });
});
