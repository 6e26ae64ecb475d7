import type { InteractionRecord } from '../../importers/records.js';
import type { Context } from '../context.js';
import type { ImportReport } from '../import-report.js';
import { byInteraction, knownPendingParticipants, MAILBOX_JOINS, takenFor } from './kept-aside-rows.js';
import { ImportSession } from './session.js';

/**
 * Stores the messages kept aside by this import or earlier ones (bulk mail that went to nobody
 * known then, mail of a shared address the user had not written to) that involve someone now
 * known: so a mailbox imported before the address book, or a bulk message before the mail that
 * introduces its people, ends up as it would in the other order. One transaction per source;
 * what still involves nobody known stays aside.
 */
export async function storeKeptAside(ctx: Context, report: ImportReport, dryRun: boolean): Promise<void> {
  const db = ctx.store.db;
  const found = await Promise.all([
    ...MAILBOX_JOINS.map(({ waiting, stored, plainWaiting }) =>
      db
        .selectFrom('pending_addresses as a')
        .innerJoin('person_emails as e', (j) =>
          j.onRef('e.workspace_id', '=', 'a.workspace_id').onRef(stored, '=', `a.${waiting}`),
        )
        .innerJoin('pending_interactions as p', 'p.id', 'a.pending_id')
        .select(['p.id', 'p.source', 'a.email', 'e.email as held', 'e.person_id'])
        .where('a.workspace_id', '=', ctx.workspaceId)
        .$if(plainWaiting, (q) => q.where('a.mailbox', 'is', null))
        .execute(),
    ),
    // a LinkedIn profile kept beside the addresses (see keepAsideRow), held by a person now
    db
      .selectFrom('pending_addresses as a')
      .innerJoin('people as n', (j) =>
        j.onRef('n.workspace_id', '=', 'a.workspace_id').onRef('n.linkedin', '=', 'a.email'),
      )
      .innerJoin('pending_interactions as p', 'p.id', 'a.pending_id')
      .select(['p.id', 'p.source', 'a.email', 'a.email as held', 'n.id as person_id'])
      .where('a.workspace_id', '=', ctx.workspaceId)
      .where('a.mailbox', 'is', null)
      .execute(),
  ]);
  const due = [
    ...new Map(
      takenFor(
        found.flat().map((r) => ({ ...r, id: Number(r.id), personId: Number(r.person_id) })),
        (r) => `${r.id}\u0000${r.email}`,
      ).map((r) => [r.id, r]),
    ).values(),
  ].sort((a, b) => a.source.localeCompare(b.source) || a.id - b.id);
  const bySource = new Map<string, number[]>();
  for (const d of due) {
    const ids = bySource.get(d.source) ?? [];
    ids.push(Number(d.id));
    bySource.set(d.source, ids);
  }
  for (const [source, ids] of bySource)
    await ImportSession.run(
      ctx,
      { file: 'messages kept aside', source, report, dryRun, countPeople: false },
      async (s) => {
        for (const id of ids) {
          const row = await s.db
            .selectFrom('pending_interactions')
            .select('record')
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          const kept = JSON.parse(row.record) as { file: string; record: InteractionRecord };
          // issues name the file the message came from
          s.file = kept.file;
          if (await s.storeKeptAside(kept.record))
            await s.db.deleteFrom('pending_interactions').where('id', '=', id).execute();
        }
      },
    );
}

/**
 * Adds the people now known to the messages stored before, when they were nobody (see
 * ImportSession.keepPendingParticipants). Each import session does this as it finishes; this pass
 * takes what no session did (a JSON copy's waiting addresses). One transaction per source.
 */
export async function attachKnownParticipants(ctx: Context, report: ImportReport, dryRun: boolean): Promise<void> {
  const due = await knownPendingParticipants(ctx.store.db, ctx.workspaceId);
  const bySource = new Map<string, typeof due>();
  for (const d of due) bySource.set(d.source, [...(bySource.get(d.source) ?? []), d]);
  for (const [source, rows] of bySource)
    await ImportSession.run(
      ctx,
      { file: 'messages stored before', source, report, dryRun, countPeople: false },
      async (s) => {
        for (const [id, people] of byInteraction(rows)) {
          await s.attachKnown(id, people);
        }
      },
    );
}
