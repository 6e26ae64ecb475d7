import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { importFiles } from '../../app/import/index.js';
import { pendingMailboxes } from './0025-pending-mailboxes.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

const ME = 'me@example.com';

function mail(id: string, from: string, to: readonly string[], day: number, labels?: string): string {
  return [
    'From x Mon Jan  1 00:00:00 2024',
    `From: ${from}`,
    `To: ${to.join(', ')}`,
    `Subject: s${id}`,
    `Date: ${day} Mar 2026 10:00:00 +0000`,
    `Message-ID: <${id}@x>`,
    ...(labels ? [`X-Gmail-Labels: ${labels}`] : []),
    '',
    'Body',
    '',
  ].join('\n');
}

describe('migration 0025: the mailbox beside each waiting address', () => {
  it('lets the addresses an earlier release kept waiting be found at another spelling', async () => {
    const db = t.store.db;
    const dir = dirname(t.path);
    const strangers = Array.from({ length: 10 }, (_, i) => `x${i}@example.net`);
    const inbox = join(dir, 'Inbox.mbox');
    writeFileSync(
      inbox,
      // bulk mail to nobody known, and a Gmail-tab message from someone the user has not written to
      mail('b1', ME, [...strangers, 'ann+news@lee.example'], 1) +
        mail('i1', 'ivy.lee@gmail.com', [ME], 2, 'Inbox,Category Updates'),
    );
    await importFiles(t.ctx, 'mbox', [inbox], { me: [ME] });
    // as the database was before this release
    for (const table of ['pending_addresses', 'pending_participants', 'kept_tab_mail']) {
      await sql`DROP INDEX ${sql.id(`${table}_mailbox`)}`.execute(db);
      await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN mailbox`.execute(db);
    }
    await pendingMailboxes('sqlite').up(db);
    // again, as after a first open killed half-way: nothing more
    await pendingMailboxes('sqlite').up(db);
    const waiting = await db
      .selectFrom('pending_addresses')
      .select(['email', 'mailbox'])
      .where('mailbox', 'is not', null)
      .execute();
    expect(waiting).toEqual([{ email: 'ann+news@lee.example', mailbox: 'ann@lee.example' }]);
    const tab = await db.selectFrom('kept_tab_mail').select(['sender', 'mailbox']).execute();
    expect(tab).toEqual([{ sender: 'ivy.lee@gmail.com', mailbox: 'ivylee@gmail.com' }]);
    // Ann's card, and the user writing to Ivy at another spelling: both messages are stored
    const card = join(dir, 'ann.vcf');
    writeFileSync(card, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@lee.example\r\nEND:VCARD\r\n');
    expect((await importFiles(t.ctx, 'vcard', [card])).pendingStored).toBe(1);
    const sent = join(dir, 'Sent.mbox');
    writeFileSync(sent, mail('m1', ME, ['ivylee@googlemail.com'], 3, 'Sent'));
    expect((await importFiles(t.ctx, 'mbox', [sent], { me: [ME] })).tabMailStored).toBe(1);
  });
});
