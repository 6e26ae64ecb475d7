import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hours, T0 } from '../../test/factories.js';
import { openTestDatabase } from '../../test/store.js';
import { ANSWERS_SQL, type AnswerRow, answerChanges } from '../store/interaction.repository.js';
import { BulkLoader } from './bulk-load.js';
import { createPerson } from './people.js';

/** A message of the generated history: who is in it, which way it goes, and which earlier one it answers. */
const message = fc.record({
  people: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
  direction: fc.constantFrom('in' as const, 'out' as const),
  // few distinct times: ties, and answers loaded before earlier-dated ones
  at: fc.integer({ min: 0, max: 6 }),
  answers: fc.option(fc.nat(), { nil: undefined }),
  // now and then bulk mail (12 recipients), which awaits no answer
  bulk: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

type Generated = typeof message extends fc.Arbitrary<infer T> ? T : never;

/**
 * Loads the generated history among four people, each message at `atOf(message, n)`, through the
 * loader `loaderFor(n)` gives for the n-th message; returns the ids stored.
 */
async function loadHistory(
  t: Awaited<ReturnType<typeof openTestDatabase>>,
  history: readonly Generated[],
  loaderFor: (n: number) => BulkLoader,
  atOf: (m: Generated, n: number) => number,
): Promise<number[]> {
  const people: number[] = [];
  for (let i = 0; i < 4; i++) people.push(await createPerson(t.ctx, t.store.db, { name: `Person ${i}` }));
  const ids: number[] = [];
  for (const [n, m] of history.entries()) {
    const participants = m.people.map((i) => people[i] as number);
    const parent = m.answers === undefined || ids.length === 0 ? null : (ids[m.answers % ids.length] ?? null);
    const id = await loaderFor(n).interaction({
      at: atOf(m, n),
      channel: 'email',
      direction: m.direction,
      depth: 'substantive',
      participantIds: participants,
      fromPersonId: m.direction === 'in' ? (participants[0] ?? null) : null,
      minutes: null,
      note: null,
      source: 'test',
      externalId: null,
      replyToId: parent,
      audience: m.bulk ? 12 : undefined,
    });
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

describe('BulkLoader', () => {
  it('leaves every first-answer mark as settling each answered message in SQL would set it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 25 }), async (history) => {
        const t = await openTestDatabase(T0);
        try {
          const loader = new BulkLoader(t.ctx, t.store.db);
          const ids = await loadHistory(
            t,
            history,
            () => loader,
            (m) => T0 - hours(10 - m.at),
          );
          await loader.finish();
          const answers = t.store.sqlite?.prepare(ANSWERS_SQL);
          if (!answers) throw new Error('the test needs SQLite');
          for (const id of ids) expect(answerChanges(answers.all(id, id) as AnswerRow[])).toEqual([]);
        } finally {
          await t.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('marks no answer to the user’s bulk mail as a first answer, and marks the first to their mail to one', async () => {
    const t = await openTestDatabase(T0);
    try {
      const loader = new BulkLoader(t.ctx, t.store.db);
      const ana = await createPerson(t.ctx, t.store.db, { name: 'Ana Lima' });
      const mail = (at: number, direction: 'in' | 'out', replyToId: number | null, audience?: number) =>
        loader.interaction({
          at,
          channel: 'email',
          direction,
          depth: 'substantive',
          participantIds: [ana],
          fromPersonId: direction === 'in' ? ana : null,
          minutes: null,
          note: null,
          source: 'test',
          externalId: null,
          replyToId,
          audience,
        });
      const newsletter = (await mail(T0 - hours(10), 'out', null, 40)) as number;
      const answerToNewsletter = (await mail(T0 - hours(9), 'in', newsletter)) as number;
      const note = (await mail(T0 - hours(8), 'out', null)) as number;
      const answerToNote = (await mail(T0 - hours(7), 'in', note)) as number;
      // an answer found late is settled in SQL: the same rule
      const lateNewsletter = (await mail(T0 - hours(6), 'out', null, 40)) as number;
      const lateAnswer = (await mail(T0 - hours(5), 'in', null)) as number;
      await loader.linkReply(lateAnswer, lateNewsletter);
      await loader.finish();
      const firsts = t.store.sqlite
        ?.prepare('SELECT interaction_id FROM participations WHERE first_answer = 1 ORDER BY interaction_id')
        .all()
        .map((r) => (r as { interaction_id: number }).interaction_id);
      expect(firsts).toEqual([answerToNote]);
      expect(firsts).not.toContain(answerToNewsletter);
    } finally {
      await t.close();
    }
  });

  it('gives an answer the same view of its message whether the message was loaded just before or read back', async () => {
    // one loader keeps what it loaded last; a new loader per message reads every message back
    const load = async (history: Generated[], perMessage: boolean) => {
      const t = await openTestDatabase(T0);
      try {
        let loader = new BulkLoader(t.ctx, t.store.db);
        await loadHistory(
          t,
          history,
          () => {
            if (perMessage) loader = new BulkLoader(t.ctx, t.store.db);
            return loader;
          },
          (_m, n) => T0 - hours(30 - n),
        );
        return t.store.sqlite
          ?.prepare(
            'SELECT interaction_id, person_id, role, parent_at, parent_role FROM participations ORDER BY interaction_id, person_id',
          )
          .all();
      } finally {
        await t.close();
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 25 }), async (history) => {
        expect(await load(history, false)).toEqual(await load(history, true));
      }),
      { numRuns: 40 },
    );
  });
});
