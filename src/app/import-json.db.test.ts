import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../test/store.js';
import type { Context } from './context.js';
import { listDuplicates, mergePeople } from './duplicates.js';
import { exportWorkspace } from './export.js';
import { importFiles } from './import/index.js';
import { addPerson } from './people.js';

// A workspace copied with `rapport export` and read back with `rapport import json`.

let t: TestDatabase;
let dir: string;
beforeEach(async () => {
  t = await openTestDatabase(T0);
  dir = dirname(t.path);
});
afterEach(async () => {
  await t.close();
});

async function copyOf(ctx: Context): Promise<string> {
  let text = '';
  await exportWorkspace(ctx, 'json', async (chunk) => {
    text += chunk;
  });
  return text;
}

/** A copy without what differs between two databases holding the same things (times of writing, ids). */
function comparable(text: string): unknown {
  return JSON.parse(text, (key, value) =>
    ['exportedAt', 'createdAt', 'updatedAt', 'id'].includes(key) ? undefined : value,
  );
}

describe('rapport import json', () => {
  it('reads back all that a copy holds, however long the addresses, numbers, labels and ids files gave', async () => {
    const email = `${'b'.repeat(330)}@x.example`;
    await addPerson(t.ctx, {
      name: 'Long Cli',
      emails: [email],
      phones: [`+1 ${'5'.repeat(120)}`],
      tags: ['t'.repeat(300)],
    });
    const id = `${'a'.repeat(1500)}@x.example`;
    const message = (from: string, to: string, messageId: string, extra = '') =>
      `From: ${from}\r\nTo: ${to}\r\nSubject: hi\r\nDate: Mon, 02 Mar 2026 1${extra ? 2 : 0}:00:00 +0000\r\nMessage-ID: <${messageId}>\r\n${extra}\r\nhello\r\n`;
    writeFileSync(join(dir, 'a.eml'), message('Alice Long <alice@long.example>', 'me@x.example', id));
    writeFileSync(
      join(dir, 'b.eml'),
      message('me@x.example', 'alice@long.example', 'reply1@x.example', `In-Reply-To: <${id}>\r\n`),
    );
    await importFiles(t.ctx, 'eml', [join(dir, 'a.eml'), join(dir, 'b.eml')], { me: ['me@x.example'] });
    const first = await copyOf(t.ctx);
    const copy = await openTestDatabase(T0);
    try {
      const file = join(dir, 'copy.json');
      writeFileSync(file, first);
      const report = await importFiles(copy.ctx, 'json', [file]);
      expect(report.issues).toEqual([]);
      expect(comparable(await copyOf(copy.ctx))).toEqual(comparable(first));
    } finally {
      await copy.close();
    }
  });

  it('reads a copy saved again in Windows-1252 with its accents and euro sign, not replacement characters', async () => {
    await addPerson(t.ctx, { name: 'Zoë Ørsted', emails: ['zoe@example.com'], notes: 'owes me 20 €' });
    const file = join(dir, 'cp1252.json');
    // Windows-1252 writes each of these characters as the byte Latin-1 has for it, but for the euro sign (0x80)
    writeFileSync(file, Buffer.from((await copyOf(t.ctx)).replace('€', '\u0080'), 'latin1'));
    const copy = await openTestDatabase(T0);
    try {
      const report = await importFiles(copy.ctx, 'json', [file]);
      expect(report.issues).toEqual([]);
      expect(comparable(await copyOf(copy.ctx))).toEqual(comparable(await copyOf(t.ctx)));
    } finally {
      await copy.close();
    }
  });

  it('names a record whose uid an earlier one of the file has, and skips it', async () => {
    await addPerson(t.ctx, { name: 'Ann One', emails: ['ann@x.example'] });
    for (const n of [1, 2])
      writeFileSync(
        join(dir, `${n}.eml`),
        `From: ann@x.example\r\nTo: me@x.example\r\nSubject: s${n}\r\nDate: Mon, 02 Mar 2026 1${n}:00:00 +0000\r\nMessage-ID: <m${n}@x>\r\n\r\nhi\r\n`,
      );
    await importFiles(t.ctx, 'eml', [join(dir, '1.eml'), join(dir, '2.eml')], { me: ['me@x.example'] });
    const doc = JSON.parse(await copyOf(t.ctx));
    doc.interactions[1].uid = doc.interactions[0].uid;
    const file = join(dir, 'dup.json');
    writeFileSync(file, JSON.stringify(doc));
    const copy = await openTestDatabase(T0);
    try {
      const report = await importFiles(copy.ctx, 'json', [file]);
      expect(report.interactions).toEqual({ created: 1, duplicates: 0 });
      expect(report.issues.map((i) => [i.record, i.code, i.dropped])).toEqual([
        ['interactions[1]', 'duplicate_uid', true],
      ]);
      expect(report.skipped).toEqual({ bad_record: 1 });
    } finally {
      await copy.close();
    }
  });

  it('finds the people of a copy taken before two of them were merged in the one they became, and lists no duplicate again', async () => {
    const kim = await addPerson(t.ctx, { name: 'Kim Park', emails: ['kim@work.example'] });
    const home = await addPerson(t.ctx, {
      name: 'Kim Park',
      emails: ['kim.park@home.example'],
      phones: ['+44 20 7946 0958'],
    });
    const before = join(dir, 'before.json');
    writeFileSync(before, await copyOf(t.ctx));
    await mergePeople(t.ctx, kim.id, home.id);
    const people = () => t.store.db.selectFrom('people').select(['id', 'name']).execute();
    expect(await people()).toEqual([{ id: kim.id, name: 'Kim Park' }]);
    const report = await importFiles(t.ctx, 'json', [before]);
    expect(await people()).toEqual([{ id: kim.id, name: 'Kim Park' }]);
    expect(report.people).toEqual({ created: 0, matched: 1 });
    expect(report.issues.map((i) => [i.code, i.record])).toEqual([['merged_person', `person ${home.uid}`]]);
    expect((await listDuplicates(t.ctx)).groups).toEqual([]);
    // the copy taken after the merge holds the merged-away uid, and a copy made from it finds them too
    const after = join(dir, 'after.json');
    writeFileSync(after, await copyOf(t.ctx));
    const copy = await openTestDatabase(T0);
    try {
      await importFiles(copy.ctx, 'json', [after]);
      await importFiles(copy.ctx, 'json', [before]);
      expect(await copy.store.db.selectFrom('people').select('name').execute()).toEqual([{ name: 'Kim Park' }]);
    } finally {
      await copy.close();
    }
    // the other way round, the copy taken before first: the two it holds apart are listed as one
    const other = await openTestDatabase(T0);
    try {
      await importFiles(other.ctx, 'json', [before]);
      await importFiles(other.ctx, 'json', [after]);
      expect(await other.store.db.selectFrom('people').select('name').execute()).toHaveLength(2);
      const groups = (await listDuplicates(other.ctx)).groups;
      expect(groups).toHaveLength(1);
      expect(groups[0]?.reasons).toContain(`${after} says Kim Park was merged into this person`);
    } finally {
      await other.close();
    }
  });

  it('lists two people a record of a copy joins by their addresses as possible duplicates, and merges neither', async () => {
    const work = await addPerson(t.ctx, { name: 'Alex Stone', emails: ['alex@work.example'] });
    const home = await addPerson(t.ctx, { name: 'A. Stone', emails: ['astone@home.example'] });
    const source = await openTestDatabase(T0);
    const file = join(dir, 'theirs.json');
    try {
      await addPerson(source.ctx, { name: 'Alex Stone', emails: ['alex@work.example', 'astone@home.example'] });
      writeFileSync(file, await copyOf(source.ctx));
    } finally {
      await source.close();
    }
    const report = await importFiles(t.ctx, 'json', [file]);
    expect(report.people).toEqual({ created: 0, matched: 1 });
    expect(report.issues.map((i) => i.code)).toEqual(['email_taken']);
    expect(report.candidates).toEqual([
      { personId: work.id, otherId: home.id, name: 'Alex Stone', reasons: ['an email address of A. Stone'] },
    ]);
    const { groups } = await listDuplicates(t.ctx);
    expect(groups.map((g) => g.people.map((p) => p.id))).toEqual([[work.id, home.id]]);
    expect(groups[0]?.reasons).toEqual([
      'a copy gives Alex Stone the address astone@home.example, which A. Stone holds',
    ]);
    // nobody merged, and a second import keeps the one pair
    expect(await t.store.db.selectFrom('people').select('id').execute()).toHaveLength(2);
    await importFiles(t.ctx, 'json', [file]);
    expect(await t.store.db.selectFrom('possible_duplicates').select('person_a').execute()).toHaveLength(1);
  });

  it('finds by address the person of a copy named another way (Bob, Robert), and lists the holder of its profile beside them', async () => {
    const bob = await addPerson(t.ctx, { name: 'Bob Brown', emails: ['bob.brown@acme.example'] });
    const url = 'https://www.linkedin.com/in/robert-brown-12ab';
    const robert = await addPerson(t.ctx, { name: 'Robert Brown', linkedin: url });
    const source = await openTestDatabase(T0);
    const file = join(dir, 'merged.json');
    try {
      // where the two were merged into one
      await addPerson(source.ctx, { name: 'Robert Brown', emails: ['bob.brown@acme.example'], linkedin: url });
      writeFileSync(file, await copyOf(source.ctx));
    } finally {
      await source.close();
    }
    const report = await importFiles(t.ctx, 'json', [file]);
    expect(report.people).toEqual({ created: 0, matched: 1 });
    expect(report.issues.map((i) => i.code)).toEqual(['profile_taken']);
    expect(report.candidates).toEqual([
      { personId: bob.id, otherId: robert.id, name: 'Robert Brown', reasons: ['the LinkedIn profile of Robert Brown'] },
    ]);
    expect(await t.store.db.selectFrom('people').select('id').execute()).toHaveLength(2);
    const { groups } = await listDuplicates(t.ctx);
    expect(groups.map((g) => g.people.map((p) => p.id))).toEqual([[bob.id, robert.id]]);
    // two names that are plainly two people's still make two people over one address
    const other = await openTestDatabase(T0);
    try {
      await addPerson(other.ctx, { name: 'Alice Brown', emails: ['bob.brown@acme.example'] });
      writeFileSync(file, await copyOf(other.ctx));
    } finally {
      await other.close();
    }
    expect((await importFiles(t.ctx, 'json', [file])).people).toEqual({ created: 1, matched: 0 });
  });

  it('says on a dry run how many groups duplicates would list, as the real import does', async () => {
    await addPerson(t.ctx, { name: 'Ann Lee', emails: ['ann@a.example'] });
    await addPerson(t.ctx, { name: 'Ann Lee', emails: ['ann@b.example'] });
    const file = join(dir, 'copy.json');
    writeFileSync(file, await copyOf(t.ctx));
    const copy = await openTestDatabase(T0);
    try {
      const dry = await importFiles(copy.ctx, 'json', [file], { dryRun: true });
      expect(dry.duplicateGroups).toBe(1);
      expect(await copy.store.db.selectFrom('people').select('id').execute()).toEqual([]);
      const real = await importFiles(copy.ctx, 'json', [file]);
      expect({ ...dry, dryRun: false }).toEqual(real);
    } finally {
      await copy.close();
    }
  });
});
