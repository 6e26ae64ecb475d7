import { countPeople } from '../store/person.repository.js';
import type { Context } from './context.js';
import { planDemo } from './demo/generate.js';
import { clearWorkspace } from './demo/reset.js';
import { writePlan } from './demo/write.js';
import { AppError, invalid } from './errors.js';

export interface DemoOptions {
  /** how many people; default 300 */
  people?: number;
  /** the same seed and the same now give the same workspace; default 'rapport' */
  seed?: string;
  /** replace the people (and everything else) already in the workspace */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoReport {
  people: number;
  interactions: number;
  exchanges: number;
  needs: number;
  offers: number;
  nextSteps: number;
  milestones: number;
  /** people removed by --force */
  replaced: number;
}

export const DEMO_DEFAULTS = { people: 300, seed: 'rapport', maxPeople: 100_000 } as const;

/**
 * Fills the workspace with a realistic demo: people of every kind of relationship (clients met
 * every few weeks, invoice-only clients, prospects, peers, advocates, mentors, people who never
 * answer, LinkedIn connections, former colleagues gone quiet, …) with histories relative to
 * ctx.now, needs, offers, next steps and dates, so every class, stage, flag and focus action
 * shows at once. One transaction, through the app's own code paths; deterministic for a seed.
 */
export async function createDemo(ctx: Context, opts: DemoOptions = {}): Promise<DemoReport> {
  const people = opts.people ?? DEMO_DEFAULTS.people;
  if (!Number.isInteger(people) || people < 1 || people > DEMO_DEFAULTS.maxPeople)
    throw invalid(`the demo holds from 1 to ${DEMO_DEFAULTS.maxPeople} people, not ${people}`);
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  return ctx.store.db.transaction().execute(async (trx) => {
    const existing = await countPeople(trx, ctx.workspaceId);
    if (existing > 0 && !opts.force)
      throw new AppError(
        'workspace_not_empty',
        `this workspace already holds ${existing} ${existing === 1 ? 'person' : 'people'}; use --force to replace them with the demo`,
        { people: existing },
      );
    const replaced = opts.force ? await clearWorkspace(trx, ctx.workspaceId) : 0;
    const written = await writePlan(ctx, trx, planDemo(seed, people, ctx.now), opts.onProgress);
    return { ...written, replaced };
  });
}
