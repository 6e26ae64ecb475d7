import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { createPerson } from '../../app/people.js';
import { findPersonIdByEmail } from '../person.repository.js';
import { unicodeEmailDomains } from './0005-unicode-email-domains.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

describe('migration 0005: email domains in Unicode', () => {
  it('rewrites an xn-- domain stored before, unless the Unicode spelling is taken', async () => {
    const db = t.store.db;
    const ws = t.ctx.workspaceId;
    const a = await createPerson(t.ctx, db, { name: 'Jürgen Schmidt', emails: ['plain@example.com'] });
    const b = await createPerson(t.ctx, db, { name: 'Ana Lima', emails: ['ana@example.com'] });
    // as an older version stored them: the ASCII spelling
    const stored = async (personId: number, email: string) =>
      db.insertInto('person_emails').values({ workspace_id: ws, person_id: personId, email, position: 1 }).execute();
    await stored(a, 'juergen@xn--bcher-kva.example');
    await stored(b, 'ana@xn--caf-dma.example');
    await stored(b, 'ana@café.example'); // both spellings with one person: the ASCII one stays
    await unicodeEmailDomains('sqlite').up(db);
    expect(await findPersonIdByEmail(db, ws, 'juergen@bücher.example')).toBe(a);
    expect(await findPersonIdByEmail(db, ws, 'juergen@xn--bcher-kva.example')).toBeUndefined();
    expect(await findPersonIdByEmail(db, ws, 'ana@xn--caf-dma.example')).toBe(b);
  });
});
