import { isEmail, normalizeEmail } from '../../domain/person.js';
import type { InteractionRecord } from '../../importers/records.js';
import type { Context } from '../context.js';

type Db = Context['store']['db'];

/**
 * Keeps a message that involves nobody known aside, with the addresses in it (see
 * storeKeptAside). False when it was kept aside already (nothing is kept twice).
 */
export async function keepAsideRow(
  db: Db,
  workspaceId: number,
  kept: { source: string; file: string; record: InteractionRecord },
  now: number,
): Promise<boolean> {
  const row = await db
    .insertInto('pending_interactions')
    .values({
      workspace_id: workspaceId,
      source: kept.source,
      external_id: kept.record.externalId,
      record: JSON.stringify({ file: kept.file, record: kept.record }),
      created_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  const emails = new Set<string>();
  for (const c of kept.record.counterparts) {
    const email = c.email === undefined ? undefined : normalizeEmail(c.email);
    if (email !== undefined && isEmail(email)) emails.add(email);
  }
  const values = [...emails].map((email) => ({ workspace_id: workspaceId, email, pending_id: row.id }));
  for (let i = 0; i < values.length; i += 200)
    await db
      .insertInto('pending_addresses')
      .values(values.slice(i, i + 200))
      .execute();
  return true;
}

/** Every message kept aside in a workspace, oldest first, for a copy of it (`rapport export`). */
export async function* keptAsideRows(
  db: Db,
  workspaceId: number,
): AsyncGenerator<{ source: string; file: string; record: InteractionRecord }> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('pending_interactions')
      .select(['id', 'source', 'record'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      const kept = JSON.parse(r.record) as { file: string; record: InteractionRecord };
      yield { source: r.source, file: kept.file, record: kept.record };
      after = Number(r.id);
    }
  }
}

/** The addresses stored messages went to when they were nobody that a person holds now (see attachKnownParticipants). */
export async function knownPendingParticipants(
  db: Db,
  workspaceId: number,
): Promise<{ interactionId: number; email: string; personId: number; source: string }[]> {
  const rows = await db
    .selectFrom('pending_participants as p')
    .innerJoin('person_emails as e', (j) =>
      j.onRef('e.workspace_id', '=', 'p.workspace_id').onRef('e.email', '=', 'p.email'),
    )
    .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
    .select(['p.interaction_id', 'p.email', 'e.person_id', 'i.source'])
    .where('p.workspace_id', '=', workspaceId)
    .orderBy('p.interaction_id')
    .execute();
  return rows.map((r) => ({
    interactionId: Number(r.interaction_id),
    email: r.email,
    personId: Number(r.person_id),
    source: r.source,
  }));
}

/** Pending participants by the interaction they join. */
export function byInteraction(
  rows: readonly { interactionId: number; email: string; personId: number }[],
): Map<number, { personId: number; email: string }[]> {
  const by = new Map<number, { personId: number; email: string }[]>();
  for (const r of rows) {
    const list = by.get(r.interactionId) ?? [];
    list.push({ personId: r.personId, email: r.email });
    by.set(r.interactionId, list);
  }
  return by;
}
