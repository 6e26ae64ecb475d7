import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/**
 * What the user took off a person (an address, a phone), remembered so that a later import of a
 * contact record that still lists it does not put it back. Kept as person_keys rows of their own
 * source ("removed"), so that they follow the person through a merge and a JSON round trip; the
 * key names the kind, the detail and the person's uid (one detail may be taken off two people).
 */
const SOURCE = 'removed';

export type RemovedKind = 'email' | 'phone';

function recordKey(kind: RemovedKind, key: string, personUid: string): string {
  return `${kind} ${key} ${personUid}`;
}

export async function noteRemoved(
  db: Db,
  workspaceId: number,
  person: { id: number; uid: string },
  kind: RemovedKind,
  keys: readonly string[],
): Promise<void> {
  for (const key of keys) {
    if (!key) continue;
    await db
      .insertInto('person_keys')
      .values({
        workspace_id: workspaceId,
        source: SOURCE,
        record_key: recordKey(kind, key, person.uid),
        person_id: person.id,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** The user gave the detail back to the person: imports may add it again. */
export async function forgetRemoved(
  db: Db,
  workspaceId: number,
  personId: number,
  kind: RemovedKind,
  keys: readonly string[],
): Promise<void> {
  if (keys.length === 0) return;
  const removed = await removedFrom(db, workspaceId, personId, kind);
  const gone = [...removed.entries()].filter(([key]) => keys.includes(key)).map(([, recordKey]) => recordKey);
  if (gone.length === 0) return;
  await db
    .deleteFrom('person_keys')
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', SOURCE)
    .where('record_key', 'in', gone)
    .execute();
}

/** The details of a kind the user took off the person: each with the row's key. */
async function removedFrom(db: Db, workspaceId: number, personId: number, kind: RemovedKind) {
  const rows = await db
    .selectFrom('person_keys')
    .select('record_key')
    .where('person_id', '=', personId)
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', SOURCE)
    .execute();
  const out = new Map<string, string>();
  for (const { record_key } of rows) {
    const [k, key] = record_key.split(' ');
    if (k === kind && key) out.set(key, record_key);
  }
  return out;
}

/** The emails (normalised) or phones (by phoneKey) the user took off the person. */
export async function removedDetails(
  db: Db,
  workspaceId: number,
  personId: number,
  kind: RemovedKind,
): Promise<Set<string>> {
  return new Set((await removedFrom(db, workspaceId, personId, kind)).keys());
}
