import { normalizeEmail, sameMailboxHolder, storedMailbox } from '../../domain/person.js';
import { ROLES } from '../../domain/vocabulary.js';
import { externalIdOf, mailContext, mailItem } from '../../importers/mail.js';
import type { MailMessage } from '../../importers/mail-headers.js';
import { type Context, latestPossible } from '../context.js';
import type { ImportReport } from '../import-report.js';
import { MAILBOX_JOINS } from './kept-aside-rows.js';
import { knownLists, writtenToAddresses } from './mail-lists.js';
import { rememberedAddresses } from './me.js';
import { ImportSession } from './session.js';

type Db = Context['store']['db'];

/** A Gmail-tab message a file skipped as from nobody the user wrote to (see ReconsideredMail.tabs). */
export interface TabMail {
  /** the MailMessage as JSON */
  readonly json: string;
  /** the reason it was skipped for */
  readonly reason: string;
  /** the file it came from */
  readonly file: string;
}

/** Tab messages kept at most per workspace (about a kilobyte each); past it, later ones are not kept. */
const MAX_KEPT = 100_000;

/** Keys (source, message) of the tab mail an import kept, with the reason it counted it skipped for. */
const keptBy = new WeakMap<ImportReport, Map<string, string>>();

/**
 * Keeps the tab mail a file skipped, in the file's transaction, for storeKeptTabMail: a later
 * file or import that shows the user writing to its sender makes it the user's. Nothing is
 * kept twice: a re-import of the same file finds it kept already.
 */
export async function keepTabMail(
  ctx: Context,
  db: Db,
  report: ImportReport,
  source: string,
  tabs: readonly TabMail[],
): Promise<void> {
  if (tabs.length === 0) return;
  const count = await db
    .selectFrom('kept_tab_mail')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', ctx.workspaceId)
    .executeTakeFirstOrThrow();
  let room = MAX_KEPT - Number(count.n);
  const kept = keptBy.get(report) ?? new Map<string, string>();
  keptBy.set(report, kept);
  for (const t of tabs) {
    if (room <= 0) return;
    const m = JSON.parse(t.json) as MailMessage;
    if (!(await keepTabRow(db, ctx.workspaceId, { source, file: t.file, reason: t.reason, message: m }, ctx.now)))
      continue;
    room--;
    kept.set(`${source}\u0000${externalIdOf(m)}`, t.reason);
  }
}

/** A tab message kept, as `rapport export` writes it. */
export interface KeptTabRow {
  source: string;
  file: string;
  reason: string;
  message: MailMessage;
}

/** Keeps one tab message; false when it has no sender or is kept already. */
export async function keepTabRow(db: Db, workspaceId: number, row: KeptTabRow, now: number): Promise<boolean> {
  const sender = row.message.from[0]?.address;
  if (sender === undefined) return false;
  const inserted = await db
    .insertInto('kept_tab_mail')
    .values({
      workspace_id: workspaceId,
      source: row.source,
      message_key: externalIdOf(row.message),
      sender: normalizeEmail(sender),
      mailbox: storedMailbox(normalizeEmail(sender)),
      file: row.file,
      reason: row.reason,
      message: JSON.stringify(row.message),
      created_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Every tab message kept in a workspace, oldest first, for a copy of it (`rapport export`). */
export async function* keptTabRows(db: Db, workspaceId: number): AsyncGenerator<KeptTabRow> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('kept_tab_mail')
      .select(['id', 'source', 'file', 'reason', 'message'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      yield { source: r.source, file: r.file, reason: r.reason, message: JSON.parse(r.message) as MailMessage };
      after = Number(r.id);
    }
  }
}

/**
 * Stores the tab mail kept by this import or earlier ones whose sender the user has written to
 * since (in any channel), as it would have been stored had the files come the other way round:
 * an Inbox imported before its Sent mailbox ends up as the other order leaves it. One
 * transaction per source; what is still from nobody the user wrote to stays kept.
 */
export async function storeKeptTabMail(ctx: Context, report: ImportReport, dryRun: boolean): Promise<void> {
  // looked up by each kept message's sender, at any spelling of its mailbox that may be taken for
  // it (as writtenTo takes them): nothing is read when nothing is kept
  const found = await Promise.all(
    MAILBOX_JOINS.map(({ waiting, stored, plainWaiting }) =>
      ctx.store.db
        .selectFrom('kept_tab_mail as k')
        .innerJoin('person_emails as e', (j) =>
          j
            .onRef('e.workspace_id', '=', 'k.workspace_id')
            .onRef(stored, '=', waiting === 'email' ? 'k.sender' : 'k.mailbox'),
        )
        .select(['k.id', 'k.source', 'k.sender', 'e.email as held'])
        .where('k.workspace_id', '=', ctx.workspaceId)
        .$if(plainWaiting, (q) => q.where('k.mailbox', 'is', null))
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('participations as p')
              .select('p.person_id')
              .whereRef('p.person_id', '=', 'e.person_id')
              .whereRef('p.workspace_id', '=', 'e.workspace_id')
              .where('p.role', '=', ROLES.indexOf('out')),
          ),
        )
        .execute(),
    ),
  );
  const due = [
    ...new Map(
      found
        .flat()
        .filter((r) => r.held === r.sender || sameMailboxHolder(r.sender, r.held))
        .map((r) => [Number(r.id), { id: Number(r.id), source: r.source }]),
    ).values(),
  ].sort((a, b) => a.source.localeCompare(b.source) || a.id - b.id);
  if (due.length === 0) return;
  const bySource = new Map<string, number[]>();
  for (const d of due) bySource.set(d.source, [...(bySource.get(d.source) ?? []), Number(d.id)]);
  const me = new Set(await rememberedAddresses(ctx));
  const kept = keptBy.get(report);
  for (const [source, ids] of bySource)
    await ImportSession.run(
      ctx,
      { file: 'messages kept aside', source, report, dryRun, countPeople: false },
      async (s) => {
        const context = mailContext(
          latestPossible(ctx),
          await knownLists(ctx, s.db),
          await writtenToAddresses(ctx, s.db),
        );
        for (const id of ids) {
          const row = await s.db
            .selectFrom('kept_tab_mail')
            .select(['file', 'reason', 'message', 'message_key'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          await s.db.deleteFrom('kept_tab_mail').where('id', '=', id).execute();
          s.file = row.file;
          const item = mailItem(JSON.parse(row.message) as MailMessage, me, 'mbox', context);
          const key = `${source}\u0000${row.message_key}`;
          const reason = kept?.get(key);
          // kept by this import: no longer a message it skipped, but what it is now
          if (reason !== undefined) {
            kept?.delete(key);
            s.skip(reason, -1);
            if ('code' in item) s.badRecord(item);
            else if ('skip' in item) s.skip(item.skip);
            else await s.interaction(item);
          } else if (!('code' in item) && !('skip' in item)) await s.storeKeptTab(item);
        }
      },
    );
}
