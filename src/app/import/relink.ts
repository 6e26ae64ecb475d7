import type { Context } from '../context.js';
import { emptyReport } from '../import-report.js';
import { MAIL_SOURCE } from './mail.js';
import { ImportSession } from './session.js';

/**
 * Links again the answers without reply headers ("Re: …" alone) in the span of a person's mail,
 * once a merge has made them one person with someone: an answer from one of their addresses to
 * a message the user sent to the other is an answer of theirs now, as it is when the two were
 * one person before the import. One transaction of its own; nothing without mail.
 */
export async function relinkSubjectAnswers(ctx: Context, personId: number): Promise<void> {
  const span = await ctx.store.db
    .selectFrom('participations as p')
    .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
    .select((eb) => [eb.fn.min('i.at').as('first'), eb.fn.max('i.at').as('last')])
    .where('p.workspace_id', '=', ctx.workspaceId)
    .where('p.person_id', '=', personId)
    .where('i.source', '=', MAIL_SOURCE)
    .executeTakeFirst();
  if (span?.first === null || span?.first === undefined || span.last === null) return;
  const [first, last] = [Number(span.first), Number(span.last)];
  await ImportSession.run(
    ctx,
    { file: 'a merge', source: MAIL_SOURCE, report: emptyReport('merge', false), dryRun: false, countPeople: false },
    async (s) => s.lookAgainAtSubjectAnswers(first, last),
  );
}
