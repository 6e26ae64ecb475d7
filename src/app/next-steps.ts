import { storableLine } from '../domain/clean-text.js';
import type { Milestone, NextStep } from '../domain/records.js';
import { formatDate, parseCalendarDate } from '../domain/time.js';
import { insertMilestone } from '../store/milestone.repository.js';
import { completeNextStep, findNextStep, insertNextStep } from '../store/next-step.repository.js';
import type { Context } from './context.js';
import { AppError, invalid } from './errors.js';
import { resolvePerson } from './people.js';

/** Agrees a next step with a person: what, when, and why it appeals to them. */
export async function addNextStep(
  ctx: Context,
  input: { who: string; text: string; due: number; why?: string | undefined },
): Promise<NextStep> {
  const text = storableLine(input.text) ?? '';
  if (!text) throw invalid('describe the next step');
  return ctx.store.db.transaction().execute(async (trx) => {
    const person = await resolvePerson(ctx, input.who, trx);
    const step: Omit<NextStep, 'id'> = {
      uid: ctx.newUid(),
      personId: person.id,
      text,
      why: storableLine(input.why) ?? null,
      due: input.due,
      status: 'open',
      createdAt: ctx.now,
      doneAt: null,
    };
    return { id: await insertNextStep(trx, ctx.workspaceId, step), ...step };
  });
}

export async function finishNextStep(ctx: Context, id: number): Promise<NextStep> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const step = await findNextStep(trx, ctx.workspaceId, id);
    if (!step) throw new AppError('not_found', `no next step with id ${id}`);
    if (step.status === 'done') return step;
    await completeNextStep(trx, ctx.workspaceId, id, ctx.now);
    return { ...step, status: 'done', doneAt: ctx.now };
  });
}

/** A date to celebrate: a new role, a company win, an anniversary (yearly). */
export async function addMilestone(
  ctx: Context,
  input: { who: string; text: string; on: string; yearly: boolean },
): Promise<Milestone> {
  const text = storableLine(input.text) ?? '';
  if (!text) throw invalid('describe the milestone');
  const date = parseCalendarDate(input.on);
  if (!date || date.year === null) throw invalid(`"${input.on}" is not a date (use YYYY-MM-DD)`);
  const on = formatDate(Date.UTC(date.year, date.month - 1, date.day));
  return ctx.store.db.transaction().execute(async (trx) => {
    const person = await resolvePerson(ctx, input.who, trx);
    const m = { uid: ctx.newUid(), personId: person.id, text, on, yearly: input.yearly };
    return { id: await insertMilestone(trx, ctx.workspaceId, m, ctx.now), ...m };
  });
}
