import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameSummary } from '../../test/copies.js';
import { T0 } from '../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../test/store.js';
import { ACTIONS, CLASSES, FLAGS, STAGES } from '../domain/vocabulary.js';
import { countPeople } from '../store/person.repository.js';
import { loadSummaries } from '../store/summary.repository.js';
import { getSetting, setSetting } from '../store/workspace.repository.js';
import type { Context } from './context.js';
import { createDemo, type DemoReport } from './demo.js';
import { AppError } from './errors.js';
import { type EvaluatedPerson, personIdChunks } from './evaluation.js';
import { exportWorkspace } from './export.js';
import { listPeople } from './list-people.js';
import { addPerson } from './people.js';
import { rescore } from './rescore.js';
import { showPerson } from './show-person.js';
import { buildToday } from './today.js';

/** A second "now", late in December, so birthdays and dates wrap into the next year. */
const LATER = Date.UTC(2027, 11, 29, 18, 45);

const tally = (values: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
};

async function exported(ctx: Context): Promise<string> {
  let text = '';
  await exportWorkspace(ctx, 'json', async (chunk) => {
    text += chunk;
  });
  return text.replace(/"exportedAt":"[^"]*"/, '');
}

async function rows(t: TestDatabase, table: 'interactions' | 'exchanges' | 'needs' | 'offers' | 'summaries') {
  const row = await t.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', t.ctx.workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function allIds(ctx: Context): Promise<number[]> {
  const ids: number[] = [];
  for await (const chunk of personIdChunks(ctx)) ids.push(...chunk);
  return ids;
}

describe.each([
  ['2026-06-01', T0],
  ['2027-12-29', LATER],
])('the default demo, evaluated at %s', (_label, now) => {
  let t: TestDatabase;
  let report: DemoReport;
  let people: EvaluatedPerson[];

  beforeAll(async () => {
    t = await openTestDatabase(now);
    report = await createDemo(t.ctx);
    people = await listPeople(t.ctx);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates 300 people with histories, needs, offers, steps and dates', async () => {
    expect(report).toMatchObject({ people: 300, replaced: 0 });
    expect(report.interactions).toBeGreaterThan(3000);
    expect(report.exchanges).toBeGreaterThan(100);
    expect(report.needs).toBeGreaterThan(10);
    expect(report.offers).toBeGreaterThanOrEqual(12);
    expect(report.nextSteps).toBeGreaterThan(20);
    expect(report.milestones).toBeGreaterThan(2);
    expect(people).toHaveLength(300);
    expect(await rows(t, 'interactions')).toBe(report.interactions);
  });

  it('has relationships of every class and every stage', () => {
    const classes = tally(people.map((p) => p.evaluated.class));
    const stages = tally(people.map((p) => p.evaluated.stage));
    for (const c of CLASSES) expect(classes.get(c) ?? 0, c).toBeGreaterThan(0);
    for (const s of STAGES) expect(stages.get(s) ?? 0, s).toBeGreaterThan(0);
  });

  it('raises every flag, cooling included', async () => {
    const flags: string[] = [];
    for (const p of people) flags.push(...(await showPerson(t.ctx, String(p.person.id))).evaluated.flags);
    const counts = tally(flags);
    for (const f of FLAGS) expect(counts.get(f) ?? 0, f).toBeGreaterThan(0);
  });

  it('puts every kind of action on the focus list', async () => {
    const actions = tally((await buildToday(t.ctx, 1000)).map((i) => i.action));
    for (const a of ACTIONS) expect(actions.get(a) ?? 0, a).toBeGreaterThan(0);
  });

  it('shows the archetypes of the essays', async () => {
    const tagged = (tag: string) => people.filter((p) => p.person.tags.includes(tag));
    // a client emailed only to invoice, plus a yearly check-in: passive
    expect(tagged('retainer').length).toBeGreaterThan(0);
    for (const p of tagged('retainer')) expect(p.evaluated.class).toBe('passive');
    // someone who never answers: one-sided, the last messages unanswered
    for (const p of tagged('outreach')) {
      expect(p.evaluated.class).toBe('one-sided');
      expect((await showPerson(t.ctx, String(p.person.id))).evaluated.flags).toContain('unanswered');
    }
    // a connection whose posts the user likes: passive, connected
    const liked = tagged('linkedin').filter((p) => p.summary.interactions > 0);
    expect(liked.length).toBeGreaterThan(0);
    for (const p of liked) expect([p.evaluated.class, p.evaluated.stage]).toEqual(['passive', 'connected']);
    // a client met every few weeks: active and strong
    const key = people.filter(
      (p) => p.person.goal === 'client' && p.person.tier === 'inner' && p.evaluated.class === 'active',
    );
    expect(Math.max(...key.map((p) => p.evaluated.strength))).toBeGreaterThan(70);
    // silent for over a year; a long reciprocal relationship with a referral received
    expect(tagged('alumni').some((p) => p.evaluated.class === 'dormant')).toBe(true);
    expect(people.some((p) => p.evaluated.stage === 'advocate' && p.summary.receivedAccess)).toBe(true);
    // people in common from group meetings and threads
    expect(people.filter((p) => p.summary.common.length > 0).length).toBeGreaterThan(20);
  });

  it('keeps the incremental summaries equal to a full rescore', async () => {
    const ids = await allIds(t.ctx);
    const before = await loadSummaries(t.store.db, t.ctx.workspaceId, ids);
    await rescore(t.ctx);
    const after = await loadSummaries(t.store.db, t.ctx.workspaceId, ids);
    expect(after.size).toBe(300);
    for (const id of ids) expectSameSummary(after.get(id), before.get(id));
  });
});

describe('createDemo', () => {
  it('gives the same workspace for the same seed and now, and another for another seed', async () => {
    const dbs = await Promise.all([openTestDatabase(T0), openTestDatabase(T0), openTestDatabase(T0)]);
    const [a, b, c] = dbs;
    if (!a || !b || !c) throw new Error('databases not opened');
    try {
      await createDemo(a.ctx, { people: 120, seed: 'same' });
      await createDemo(b.ctx, { people: 120, seed: 'same' });
      await createDemo(c.ctx, { people: 120, seed: 'other' });
      const [ea, eb, ec] = await Promise.all([exported(a.ctx), exported(b.ctx), exported(c.ctx)]);
      expect(ea.length).toBeGreaterThan(10_000);
      expect(eb).toBe(ea);
      expect(ec).not.toBe(ea);
    } finally {
      for (const d of dbs) await d.close();
    }
  });

  it('refuses a workspace that already holds people, and changes nothing', async () => {
    const t = await openTestDatabase(T0);
    try {
      await addPerson(t.ctx, { name: 'Ada Lovelace', emails: ['ada@example.com'] });
      const error = await createDemo(t.ctx, { people: 20 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'workspace_not_empty' });
      expect(String((error as AppError).message)).toContain('already holds 1 person');
      expect(await countPeople(t.store.db, t.ctx.workspaceId)).toBe(1);
      for (const table of ['interactions', 'exchanges', 'needs', 'offers'] as const)
        expect(await rows(t, table)).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('replaces everything in the workspace with force', async () => {
    const t = await openTestDatabase(T0);
    try {
      const first = await createDemo(t.ctx, { people: 40 });
      await setSetting(t.store.db, t.ctx.workspaceId, 'me', 'me@example.com');
      const second = await createDemo(t.ctx, { people: 25, seed: 'again', force: true });
      expect(first.people).toBe(40);
      expect(second).toMatchObject({ people: 25, replaced: 40 });
      expect(await countPeople(t.store.db, t.ctx.workspaceId)).toBe(25);
      expect(await rows(t, 'interactions')).toBe(second.interactions);
      expect(await rows(t, 'exchanges')).toBe(second.exchanges);
      expect(await rows(t, 'needs')).toBe(second.needs);
      expect(await rows(t, 'offers')).toBe(second.offers);
      expect(await rows(t, 'summaries')).toBe(25);
      expect(await getSetting(t.store.db, t.ctx.workspaceId, 'me')).toBeUndefined();
      const workspace = await t.store.db.selectFrom('workspaces').select('id').executeTakeFirst();
      expect(workspace?.id).toBe(t.ctx.workspaceId);
    } finally {
      await t.close();
    }
  });

  it('makes small demos and reports its progress', async () => {
    for (const size of [1, 7]) {
      const t = await openTestDatabase(T0);
      try {
        const progress: [number, number][] = [];
        const r = await createDemo(t.ctx, { people: size, onProgress: (done, total) => progress.push([done, total]) });
        expect(r.people).toBe(size);
        expect((await listPeople(t.ctx)).length).toBe(size);
        const last = progress[progress.length - 1];
        expect(last?.[0]).toBe(last?.[1]);
        expect(progress.every(([done, total], i) => done <= total && done >= (progress[i - 1]?.[0] ?? 0))).toBe(true);
      } finally {
        await t.close();
      }
    }
  });

  it('accepts from 1 to 100000 people', async () => {
    const t = await openTestDatabase(T0);
    try {
      for (const people of [0, -3, 2.5, 100_001, Number.NaN])
        await expect(createDemo(t.ctx, { people })).rejects.toMatchObject({ code: 'invalid_input' });
      expect(await countPeople(t.store.db, t.ctx.workspaceId)).toBe(0);
    } finally {
      await t.close();
    }
  });
});
