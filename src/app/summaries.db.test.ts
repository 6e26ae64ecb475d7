import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyInAnyOrder } from '../../test/arbitraries.js';
import { days, T0 } from '../../test/factories.js';
import { openTestDatabase } from '../../test/store.js';
import { ANSWER_DAY_MS } from '../domain/answer-day.js';
import { strengthOf } from '../domain/evaluate.js';
import { foldAll } from '../domain/fold.js';
import type { FoldEvent } from '../domain/fold-event.js';
import { COMPONENT_WEIGHTS } from '../domain/scoring-config.js';
import { BOUND_SLACK, strengthBoundSql } from '../store/strength-bound.js';
import { loadSummaries, saveSummary } from '../store/summary.repository.js';
import { recordInteraction } from './interactions.js';
import { storeExchange } from './ledger.js';
import { createPerson } from './people.js';
import { rescore } from './rescore.js';

describe('incremental summaries', () => {
  it('equal a full rescore, whatever the order events arrive in', async () => {
    await fc.assert(
      fc.asyncProperty(historyInAnyOrder, async ({ arrival }) => {
        const t = await openTestDatabase(T0);
        try {
          const ctx = t.ctx;
          const db = t.store.db;
          const person = await createPerson(ctx, db, { name: 'Subject' });
          const others = new Map<number, number>();
          const other = async (key: number) => {
            const known = others.get(key);
            if (known !== undefined) return known;
            const id = await createPerson(ctx, db, { name: `Other ${key}` });
            others.set(key, id);
            return id;
          };
          const stored = new Map<number, number>();
          for (const e of arrival) await store(e);
          async function store(e: FoldEvent) {
            if (e.kind === 'exchange') {
              const introduced = e.introducedPersonId === null ? null : await other(e.introducedPersonId);
              await storeExchange(ctx, db, {
                uid: ctx.newUid(),
                personId: person,
                direction: e.direction,
                category: e.category,
                note: 'n',
                impact: null,
                acknowledgedAt: null,
                at: e.at,
                introducedPersonId: introduced,
              });
              return;
            }
            const co = await Promise.all(e.coParticipants.map(other));
            const from = e.role === 'group' ? (co[0] ?? (await other(999))) : null;
            const participants = [person, ...co, ...(from !== null && !co.includes(from) ? [from] : [])];
            const parentId = e.reply
              ? [...stored.entries()].find(([, at]) => at === e.reply?.parentAt)?.[0]
              : undefined;
            const id = await recordInteraction(ctx, db, {
              participantIds: participants,
              channel: e.channel,
              direction: e.role === 'group' ? 'in' : e.role,
              depth: e.depth,
              at: e.at,
              minutes: null,
              note: null,
              fromPersonId: from,
              source: 'rapport',
              externalId: null,
              replyToId: parentId ?? null,
            });
            if (id !== undefined && e.role === 'out') stored.set(id, e.at);
          }
          const ids = [person, ...others.values()];
          const incremental = await loadSummaries(db, ctx.workspaceId, ids);
          await rescore(ctx);
          expect(await loadSummaries(db, ctx.workspaceId, ids)).toEqual(incremental);
        } finally {
          await t.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('the SQL strength bound', () => {
  it('is never below the exact strength and at most the slack above it', async () => {
    const t = await openTestDatabase(T0);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(historyInAnyOrder, fc.integer({ min: 0, max: days(500) })), { minLength: 1, maxLength: 5 }),
          async (cases) => {
            const now = T0 + Math.max(...cases.map(([, later]) => later));
            const expected = new Map<number, number>();
            // within a day of a last event with a message under a day old, the bound takes
            // responsiveness at its highest
            const loose = new Map<number, number>();
            for (const [{ events }] of cases) {
              const id = await createPerson(t.ctx, t.store.db, { name: 'p' });
              const s = foldAll(events);
              await saveSummary(t.store.db, t.ctx.workspaceId, id, s);
              expected.set(id, strengthOf(s, now));
              const young = s.asOf !== null && s.respRecent.length > 0 && s.asOf > now - ANSWER_DAY_MS;
              loose.set(id, young ? 100 * COMPONENT_WEIGHTS.responsiveness : 0);
            }
            const rows = await t.store.db
              .selectFrom('summaries')
              .select(['person_id'])
              .select(strengthBoundSql('sqlite', now).as('bound'))
              .where('person_id', 'in', [...expected.keys()])
              .execute();
            for (const r of rows) {
              const exact = expected.get(Number(r.person_id)) ?? 0;
              expect(Number(r.bound)).toBeGreaterThanOrEqual(exact);
              expect(Number(r.bound) - exact).toBeLessThanOrEqual(
                BOUND_SLACK + (loose.get(Number(r.person_id)) ?? 0) + 1e-6,
              );
            }
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      await t.close();
    }
  });
});
