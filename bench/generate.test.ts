import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/app/context.js';
import { listPeople } from '../src/app/list-people.js';
import { createPerson } from '../src/app/people.js';
import { rescore } from '../src/app/rescore.js';
import { foldPersonAt } from '../src/app/summaries.js';
import { buildToday } from '../src/app/today.js';
import { foldAll } from '../src/domain/fold.js';
import { readPersonEvents } from '../src/store/fold-events.js';
import { openTestDatabase, type TestDatabase } from '../test/store.js';
import { BENCH_NOW, generateWorkload, insertPeopleRaw, type LoadReport, loadWorkload, seededUuid } from './generate.js';

/** The generator at a tiny size, so CI exercises it (and the bulk path it drives) without the cost. */
const SIZE = { people: 200, interactions: 5_000, seed: 7 };

function seeded(t: TestDatabase, kind: number): Context {
  let n = 0;
  return { ...t.ctx, newUid: () => seededUuid(SIZE.seed, kind, n++) };
}

function table(t: TestDatabase, sql: string): unknown[][] {
  return t.store.sqlite?.prepare(sql).raw(true).all() as unknown[][];
}

describe('the benchmark generator', () => {
  const w = generateWorkload(SIZE);
  let t: TestDatabase;
  let report: LoadReport;

  beforeAll(async () => {
    t = await openTestDatabase(BENCH_NOW);
    report = await loadWorkload(seeded(t, 11), w);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is deterministic for a seed', () => {
    const again = generateWorkload(SIZE);
    expect(again.interactions.at).toEqual(w.interactions.at);
    expect(again.interactions.person).toEqual(w.interactions.person);
    expect(again.exchanges).toEqual(w.exchanges);
    expect(again.people.name).toEqual(w.people.name);
  });

  it('generates a realistic mix: every channel, direction and depth, groups, replies, history before now', () => {
    const ic = w.interactions;
    expect(new Set(ic.channel).size).toBe(8);
    expect(new Set(ic.direction).size).toBe(3);
    expect(new Set(ic.depth).size).toBe(3);
    expect(ic.replyTo.some((r) => r >= 0)).toBe(true);
    expect(ic.coStart[ic.count]).toBeGreaterThan(0);
    expect(Math.max(...ic.at)).toBeLessThanOrEqual(BENCH_NOW);
    for (let k = 1; k < ic.count; k++) expect(ic.at[k] ?? 0).toBeGreaterThanOrEqual(ic.at[k - 1] ?? 0);
    const counts = [...w.people.primaryCount].sort((a, b) => a - b);
    // heavy-tailed: the busiest tie has many times the median's interactions
    expect(counts[counts.length - 1] ?? 0).toBeGreaterThan(10 * (counts[counts.length >> 1] ?? 1));
    expect(w.people.tier.some((x) => x !== null)).toBe(true);
  });

  it('loads every generated row', () => {
    expect(report.counts.people).toBe(SIZE.people);
    expect(report.counts.interactions).toBe(SIZE.interactions);
    expect(report.counts.duplicates).toBe(0);
    const count = (name: string) => Number(table(t, `SELECT count(*) FROM ${name}`)[0]?.[0]);
    expect(count('people')).toBe(SIZE.people);
    expect(count('summaries')).toBe(SIZE.people);
    expect(count('interactions')).toBe(SIZE.interactions);
    expect(count('participations')).toBe(w.participations);
    expect(count('exchanges')).toBe(w.exchanges.length);
    expect(count('needs')).toBe(w.needs.length);
    expect(count('offers')).toBe(w.offers.length);
    expect(count('next_steps')).toBe(w.nextSteps.length);
    expect(count('milestones')).toBe(w.milestones.length);
    expect(count('interactions WHERE reply_to_id IS NOT NULL')).toBeGreaterThan(0);
    expect(count('participations WHERE first_answer = 1')).toBeGreaterThan(0);
  });

  it('leaves summaries that a rescore does not change', async () => {
    const before = table(t, 'SELECT * FROM summaries ORDER BY person_id');
    const r = await rescore(t.ctx);
    expect(r.people).toBe(SIZE.people);
    expect(r.events).toBe(w.participations + w.exchanges.length);
    expect(table(t, 'SELECT * FROM summaries ORDER BY person_id')).toEqual(before);
  });

  it('lists the same leading people with a limit as the full evaluation does', async () => {
    for (const now of [BENCH_NOW, BENCH_NOW + 40 * 86_400_000]) {
      const ctx = t.at(now);
      for (const filter of [{}, { class: 'active' as const }, { stage: 'engaged' as const }]) {
        const all = await listPeople(ctx, { sort: 'strength', ...filter });
        for (const limit of [1, 7, 50]) {
          const top = await listPeople(ctx, { sort: 'strength', limit, ...filter });
          expect(top.map((e) => e.person.id)).toEqual(all.slice(0, limit).map((e) => e.person.id));
        }
      }
    }
  });

  it('puts the same actions first in a short focus list as in the full one', async () => {
    for (const days of [0, 3, 20, 90, 400]) {
      const ctx = t.at(BENCH_NOW + days * 86_400_000);
      const all = await buildToday(ctx, 100_000);
      for (const limit of [1, 5, 20]) expect(await buildToday(ctx, limit)).toEqual(all.slice(0, limit));
    }
  });

  it('writes the same rows through SQLite prepared statements as through the query builder', async () => {
    const other = await openTestDatabase(BENCH_NOW);
    try {
      await loadWorkload(seeded(other, 11), w, undefined, { viaQueryBuilder: true });
      for (const sql of [
        'SELECT * FROM interactions ORDER BY id',
        'SELECT * FROM participations ORDER BY person_id, at, interaction_id',
        'SELECT * FROM exchanges ORDER BY id',
        'SELECT * FROM summaries ORDER BY person_id',
      ])
        expect(table(other, sql)).toEqual(table(t, sql));
    } finally {
      await other.close();
    }
  });

  it('writes people exactly as createPerson does', async () => {
    const input = {
      name: 'Zoë Dvořák',
      emails: ['zoe.dvorak.1@acme.example', 'zoe1@gmail.example'],
      org: 'Acme Labs 1',
      title: 'CTO',
      linkedin: 'https://www.linkedin.com/in/zoe-dvorak-1',
      phones: ['+1 555 1234567'],
      tags: ['investor'],
      met: 'a meetup',
      birthday: '--03-14',
      wishlist: true,
      notes: 'Prefers mornings',
      tier: 'cultivate' as const,
      goal: 'client' as const,
      cadenceDays: 21,
    };
    const viaApp = await openTestDatabase(BENCH_NOW);
    const viaBench = await openTestDatabase(BENCH_NOW);
    try {
      const a = await createPerson(viaApp.ctx, viaApp.store.db, input, 'same-uid');
      const [b] = insertPeopleRaw(viaBench.ctx, [
        {
          uid: 'same-uid',
          name: input.name,
          emails: input.emails,
          values: {
            org: input.org,
            title: input.title,
            linkedin: input.linkedin,
            phones: JSON.stringify(input.phones),
            tags: JSON.stringify(input.tags),
            met: input.met,
            birthday: input.birthday,
            wishlist: 1,
            notes: input.notes,
            tier: input.tier,
            goal: input.goal,
            cadence_days: input.cadenceDays,
          },
        },
      ]);
      expect(b).toBe(a);
      for (const sql of [
        'SELECT * FROM people ORDER BY id',
        'SELECT * FROM person_emails ORDER BY person_id, position',
        'SELECT * FROM summaries ORDER BY person_id',
      ])
        expect(table(viaBench, sql)).toEqual(table(viaApp, sql));
    } finally {
      await viaApp.close();
      await viaBench.close();
    }
  });

  it('folds rows whose codes do not fit the packed read as they are stored', async () => {
    const raw = t.store.sqlite;
    const row = raw?.prepare('SELECT person_id, interaction_id FROM participations LIMIT 1').get() as
      | { person_id: number; interaction_id: number }
      | undefined;
    if (!raw || !row) throw new Error('no participation');
    raw
      .prepare('UPDATE participations SET channel = 21, audience = ? WHERE person_id = ? AND interaction_id = ?')
      .run(2 ** 31, row.person_id, row.interaction_id);
    const queryBuilder = { ...t.ctx.store, sqlite: null };
    const expected = foldAll(
      await readPersonEvents(queryBuilder, t.store.db, t.ctx.workspaceId, row.person_id, BENCH_NOW),
    );
    expect(await foldPersonAt(t.ctx, row.person_id, BENCH_NOW)).toEqual(expected);
  });
});
