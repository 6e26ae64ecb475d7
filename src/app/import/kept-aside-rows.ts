import { normalizeProfileUrl } from '../../domain/identity.js';
import { isEmail, normalizeEmail, sameMailboxHolder, storedMailbox } from '../../domain/person.js';
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
  // a LinkedIn message's people have profiles, not addresses: each profile is kept beside them
  // (its own mailbox), found by the person who holds it (see storeKeptAside)
  const profiles = new Set<string>();
  for (const c of kept.record.counterparts) {
    const url = normalizeProfileUrl(c.profileUrl);
    if (url !== undefined && !emails.has(url)) profiles.add(url);
  }
  const values = [
    ...[...emails].map((email) => ({
      workspace_id: workspaceId,
      email,
      mailbox: storedMailbox(email),
      pending_id: row.id,
    })),
    ...[...profiles].map((url) => ({ workspace_id: workspaceId, email: url, mailbox: null, pending_id: row.id })),
  ];
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

/**
 * The four ways a waiting address (`w`) and a stored one (`e`) name one mailbox (see
 * storedMailbox: a column `mailbox` is null when the address is its own mailbox), each a join
 * through an index: the same spelling; a spelling of the stored address's own mailbox; two
 * spellings of another mailbox; the waiting address the mailbox of a stored spelling. (An OR of
 * the four scans the workspace.)
 */
export const MAILBOX_JOINS = [
  { waiting: 'email', stored: 'e.email', plainWaiting: false },
  { waiting: 'mailbox', stored: 'e.email', plainWaiting: false },
  { waiting: 'mailbox', stored: 'e.mailbox', plainWaiting: false },
  { waiting: 'email', stored: 'e.mailbox', plainWaiting: true },
] as const;

/**
 * The person each waiting address is taken for, as the resolver takes one (IdentityResolver's
 * idByAddress): the holder of its spelling, else the first stored holder of another spelling of
 * its mailbox that may be taken for it (not another +tag). `rows` hold every candidate.
 */
export function takenFor<R extends { email: string; held: string; personId: number }>(
  rows: readonly R[],
  keyOf: (r: R) => string,
): R[] {
  const best = new Map<string, R>();
  for (const r of rows) {
    if (r.held !== r.email && !sameMailboxHolder(r.email, r.held)) continue;
    const key = keyOf(r);
    const was = best.get(key);
    const exact = (x: R) => x.held === x.email;
    if (!was || (exact(r) && !exact(was)) || (exact(r) === exact(was) && r.personId < was.personId)) best.set(key, r);
  }
  return [...best.values()];
}

/** The addresses stored messages went to when they were nobody that a person holds now (see attachKnownParticipants). */
export async function knownPendingParticipants(
  db: Db,
  workspaceId: number,
): Promise<{ interactionId: number; email: string; personId: number; source: string }[]> {
  const found = await Promise.all(
    MAILBOX_JOINS.map(({ waiting, stored, plainWaiting }) =>
      db
        .selectFrom('pending_participants as p')
        .innerJoin('person_emails as e', (j) =>
          j.onRef('e.workspace_id', '=', 'p.workspace_id').onRef(stored, '=', `p.${waiting}`),
        )
        .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
        .select(['p.interaction_id', 'p.email', 'e.email as held', 'e.person_id', 'i.source'])
        .where('p.workspace_id', '=', workspaceId)
        .$if(plainWaiting, (q) => q.where('p.mailbox', 'is', null))
        .execute(),
    ),
  );
  const rows = found.flat().map((r) => ({
    interactionId: Number(r.interaction_id),
    email: r.email,
    held: r.held,
    personId: Number(r.person_id),
    source: r.source,
  }));
  return takenFor(rows, (r) => `${r.interactionId}\u0000${r.email}`)
    .sort((a, b) => a.interactionId - b.interactionId)
    .map(({ held: _, ...r }) => r);
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
