import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { createPerson } from '../../app/people.js';
import { findPersonIdByMailbox } from '../person.repository.js';
import { emailMailboxes } from './0024-email-mailboxes.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

describe('migration 0024: the mailbox beside each address', () => {
  it('writes the mailbox of spellings that differ from it, and puts two people of one mailbox before the user', async () => {
    const db = t.store.db;
    const ws = t.ctx.workspaceId;
    const rob = await createPerson(t.ctx, db, { name: 'Rob Brown', emails: ['rob.brown@gmail.com'] });
    const robert = await createPerson(t.ctx, db, { name: 'Robert Brown', emails: ['RobBrown@googlemail.com'] });
    const ann = await createPerson(t.ctx, db, {
      name: 'Ann Lee',
      emails: ['ann+news@lee.example', 'ann@work.example'],
    });
    const tom = await createPerson(t.ctx, db, { name: 'Tom Plus', emails: ['tom@plus.example'] });
    const tommy = await createPerson(t.ctx, db, { name: 'Tommy Plus', emails: ['tom+news@plus.example'] });
    // as the database was before this release
    await sql`DROP INDEX person_emails_mailbox`.execute(db);
    await sql`ALTER TABLE person_emails DROP COLUMN mailbox`.execute(db);
    await emailMailboxes('sqlite').up(db);
    // again, as after a first open killed half-way: nothing more
    await emailMailboxes('sqlite').up(db);
    const rows = await db.selectFrom('person_emails').select(['email', 'mailbox']).orderBy('email').execute();
    expect(rows).toEqual([
      { email: 'ann+news@lee.example', mailbox: 'ann@lee.example' },
      { email: 'ann@work.example', mailbox: null },
      { email: 'rob.brown@gmail.com', mailbox: 'robbrown@gmail.com' },
      { email: 'robbrown@googlemail.com', mailbox: 'robbrown@gmail.com' },
      { email: 'tom+news@plus.example', mailbox: 'tom@plus.example' },
      { email: 'tom@plus.example', mailbox: null },
    ]);
    expect(await findPersonIdByMailbox(db, ws, 'ann@lee.example')).toBe(ann);
    // the first stored of the two
    expect(await findPersonIdByMailbox(db, ws, 'r.o.b.b.r.o.w.n@gmail.com')).toBe(rob);
    const pairs = await db.selectFrom('possible_duplicates').select(['person_a', 'person_b', 'reason']).execute();
    expect(pairs.map((p) => [Number(p.person_a), Number(p.person_b), p.reason])).toEqual([
      [rob, robert, 'two spellings of one mailbox (rob.brown@gmail.com and robbrown@googlemail.com)'],
      [tom, tommy, 'two spellings of one mailbox (tom@plus.example and tom+news@plus.example)'],
    ]);
  });
});
