import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { createWorkspace } from '../../store/workspace.repository.js';
import type { Context } from '../context.js';
import { exportWorkspace } from '../export.js';
import { importFiles } from './index.js';

// Bulk mail (over 10 people) to nobody known is kept aside, and stored once an import makes
// someone it went to known: what is stored does not depend on the order files come in.

let t: TestDatabase;
let dir: string;
beforeEach(async () => {
  t = await openTestDatabase(T0);
  dir = dirname(t.path);
});
afterEach(async () => {
  await t.close();
});

const ME = 'me@example.com';
const KNOWN = Array.from({ length: 9 }, (_, i) => `p${i}@example.org`);
const STRANGERS = ['s0@example.net', 's1@example.net', 's2@example.net'];

/** A message (Message-ID <nN@example.com>), from the user unless `from` says otherwise. */
function message(n: number, at: string, to: readonly string[], subject: string, from = `Me <${ME}>`): string {
  return [
    `From ${ME} Mon Jan  1 00:00:00 2024`,
    `From: ${from}`,
    `To: ${to.join(', ')}`,
    `Subject: ${subject}`,
    `Date: ${at}`,
    `Message-ID: <n${n}@example.com>`,
    '',
    'Body.',
    '',
  ].join('\n');
}

/** One message from the user to each of the nine people. */
function introductions(): string {
  return KNOWN.map((to, i) => message(i, `Mon, 1 Jan 2024 1${i}:00:00 +0000`, [to], `hello ${i}`)).join('');
}

/** The user's news to the nine people and three strangers (twelve: bulk). */
function news(): string {
  return message(100, 'Fri, 2 Feb 2024 10:00:00 +0000', [...KNOWN, ...STRANGERS], 'news');
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Every stored interaction: its external id and the addresses of the people in it, sorted. */
async function stored(ctx: Context): Promise<string[]> {
  const rows = await ctx.store.db
    .selectFrom('interactions as i')
    .innerJoin('participations as p', 'p.interaction_id', 'i.id')
    .innerJoin('person_emails as e', 'e.person_id', 'p.person_id')
    .select(['i.external_id', 'e.email'])
    .where('i.workspace_id', '=', ctx.workspaceId)
    .execute();
  const by = new Map<string, string[]>();
  for (const r of rows) by.set(String(r.external_id), [...(by.get(String(r.external_id)) ?? []), r.email].sort());
  return [...by].map(([id, emails]) => `${id}: ${emails.join(' ')}`).sort();
}

async function keptAside(ctx: Context): Promise<number> {
  const row = await ctx.store.db
    .selectFrom('pending_interactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', ctx.workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('bulk mail to nobody known', () => {
  it('is kept aside, then stored by the import that makes someone it went to known', async () => {
    const bulk = write('news.mbox', news());
    const first = await importFiles(t.ctx, 'mbox', [bulk], { me: [ME] });
    expect(first.interactions.created).toBe(0);
    expect(first.skipped.bulk_unknown).toBe(1);
    expect(first.notAdded?.bulk_recipients).toBe(12);
    expect(await keptAside(t.ctx)).toBe(1);

    const cards = write(
      'two.vcf',
      KNOWN.slice(0, 2)
        .map((e, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person ${i}\r\nEMAIL:${e.toUpperCase()}\r\nEND:VCARD\r\n`)
        .join(''),
    );
    const second = await importFiles(t.ctx, 'vcard', [cards]);
    expect(second.people).toEqual({ created: 2, matched: 0 });
    expect(second.interactions.created).toBe(1);
    expect(second.pendingStored).toBe(1);
    expect(await stored(t.ctx)).toEqual(['n100@example.com: p0@example.org p1@example.org']);
    expect(await keptAside(t.ctx)).toBe(0);

    // the message is stored now: importing its file again changes nothing
    const again = await importFiles(t.ctx, 'mbox', [bulk]);
    expect(again.interactions).toEqual({ created: 0, duplicates: 1 });
    expect(again.skipped.bulk_unknown).toBeUndefined();
  });

  it('is kept aside once, however often its file is imported again', async () => {
    const bulk = write('news.mbox', news());
    await importFiles(t.ctx, 'mbox', [bulk], { me: [ME] });
    const again = await importFiles(t.ctx, 'mbox', [bulk]);
    expect(again.interactions.created).toBe(0);
    expect(again.skipped.bulk_unknown).toBe(1);
    expect(await keptAside(t.ctx)).toBe(1);
    expect(await stored(t.ctx)).toEqual([]);
  });

  it('gives the same interactions whether files come together, one by one, or in either order', async () => {
    const intro = write('intro.mbox', introductions());
    const bulk = write('news.mbox', news());
    const both = write('both.mbox', news() + introductions());
    const results: string[][] = [];
    for (const steps of [[[intro], [bulk]], [[bulk], [intro]], [[bulk, intro]], [[intro, bulk]], [[both]]]) {
      const db = await openTestDatabase(T0);
      try {
        let created = 0;
        for (const files of steps)
          created += (await importFiles(db.ctx, 'mbox', files, { me: [ME] })).interactions.created;
        expect(created).toBe(10);
        results.push(await stored(db.ctx));
        // and a second import of every file changes nothing
        const again = await importFiles(db.ctx, 'mbox', steps.flat());
        expect(again.interactions.created).toBe(0);
        expect(await keptAside(db.ctx)).toBe(0);
      } finally {
        await db.close();
      }
    }
    expect(results[0]).toHaveLength(10);
    expect(results[0]).toContain(`n100@example.com: ${KNOWN.join(' ')}`);
    for (const r of results) expect(r).toEqual(results[0]);
    // seventeen imports in five databases: over the default time on a busy machine
  }, 120_000);

  it('counts as skipped only the recipients nothing in the import made people', async () => {
    const report = await importFiles(
      t.ctx,
      'mbox',
      [write('news.mbox', news()), write('intro.mbox', introductions())],
      { me: [ME] },
    );
    expect([report.skipped, report.notAdded]).toEqual([{}, { bulk_recipients: 3 }]);
    expect(report.pendingStored).toBeUndefined();
    expect(report.interactions.created).toBe(10);
  });

  it('is stored on a dry run as the real import would store it, and nothing is written', async () => {
    await importFiles(t.ctx, 'mbox', [write('news.mbox', news())], { me: [ME] });
    const dry = await importFiles(t.ctx, 'mbox', [write('intro.mbox', introductions())], { dryRun: true });
    expect(dry.interactions.created).toBe(10);
    expect(dry.pendingStored).toBe(1);
    expect(await stored(t.ctx)).toEqual([]);
    expect(await keptAside(t.ctx)).toBe(1);
  });

  it('stays aside in a copy of the workspace (rapport export), and is stored there as here', async () => {
    await importFiles(t.ctx, 'mbox', [write('news.mbox', news())], { me: [ME] });
    const copyDir = mkdtempSync(join(tmpdir(), 'rapport-copy-'));
    const copy = await openTestDatabase(T0);
    try {
      let text = '';
      await exportWorkspace(t.ctx, 'json', async (chunk) => {
        text += chunk;
      });
      expect(JSON.parse(text).keptAside).toHaveLength(1);
      writeFileSync(join(copyDir, 'copy.json'), text);
      await importFiles(copy.ctx, 'json', [join(copyDir, 'copy.json')]);
      expect(await keptAside(copy.ctx)).toBe(1);
      const intro = write('intro.mbox', introductions());
      const here = await importFiles(t.ctx, 'mbox', [intro]);
      const there = await importFiles(copy.ctx, 'mbox', [intro]);
      expect(there.pendingStored).toBe(1);
      expect(here.pendingStored).toBe(1);
      expect(await stored(copy.ctx)).toEqual(await stored(t.ctx));
    } finally {
      await copy.close();
      rmSync(copyDir, { recursive: true, force: true });
    }
  });

  it('makes no person of a shared address (support@) that only wrote, and stores its mail once the user writes to it', async () => {
    const mail = (n: number, at: string, from: string, to: string) => message(n, at, [to], `ticket ${n}`, from);
    const inbox = write(
      'inbox.mbox',
      mail(1, 'Mon, 1 Jan 2024 10:00:00 +0000', 'Acme Support <support@acme.example>', ME) +
        mail(2, 'Mon, 1 Jan 2024 11:00:00 +0000', 'info@news.example', ME),
    );
    const first = await importFiles(t.ctx, 'mbox', [inbox], { me: [ME] });
    expect(first.interactions.created).toBe(0);
    expect([first.skipped, first.notAdded]).toEqual([{ role_address: 2 }, { role_addresses: 2 }]);
    expect(await stored(t.ctx)).toEqual([]);
    // the user answers support: it is someone they write to now, and its first message is theirs too
    const sent = write('sent.mbox', mail(3, 'Mon, 1 Jan 2024 12:00:00 +0000', ME, 'support@acme.example'));
    const second = await importFiles(t.ctx, 'mbox', [sent], { me: [ME] });
    expect(second.interactions.created).toBe(2);
    expect(second.pendingStored).toBe(1);
    expect(await stored(t.ctx)).toEqual([
      'n1@example.com: support@acme.example',
      'n3@example.com: support@acme.example',
    ]);
    // both files again: nothing changes
    const again = await importFiles(t.ctx, 'mbox', [inbox, sent], { me: [ME] });
    expect(again.interactions.created).toBe(0);
    expect(await keptAside(t.ctx)).toBe(1);
    // the same two files in one import give the same
    const db = await openTestDatabase(T0);
    try {
      const together = await importFiles(db.ctx, 'mbox', [inbox, sent], { me: [ME] });
      expect(together.interactions.created).toBe(2);
      expect([together.skipped, together.notAdded]).toEqual([{ role_address: 1 }, { role_addresses: 1 }]);
      expect(await stored(db.ctx)).toEqual(await stored(t.ctx));
    } finally {
      await db.close();
    }
  });

  it('is never stored by another workspace that knows the people it went to', async () => {
    await importFiles(t.ctx, 'mbox', [write('news.mbox', news())], { me: [ME] });
    const other: Context = { ...t.ctx, workspaceId: await createWorkspace(t.store.db, 'other', T0) };
    const report = await importFiles(other, 'mbox', [write('intro.mbox', introductions())], { me: [ME] });
    expect(report.pendingStored).toBeUndefined();
    expect(report.interactions.created).toBe(9);
    expect(await stored(t.ctx)).toEqual([]);
    expect(await keptAside(t.ctx)).toBe(1);
  });
});

describe('a message kept aside and then found in another file of the same import', () => {
  it('is counted as a copy of a stored message, not as one skipped', async () => {
    const list = ['List-Id: <team.acme.com>', 'List-Post: <mailto:team@acme.com>'];
    const mail = (headers: string[]) => [`From x Mon Jan  1 00:00:00 2024`, ...headers, '', 'Body.', ''].join('\n');
    const yours = [
      `From: Me <${ME}>`,
      'To: Team <team@acme.com>',
      'Cc: alice@acme.com',
      'Subject: Re: Roadmap',
      'Date: Mon, 2 Mar 2026 10:00:00 +0000',
      'Message-ID: <u1@ex>',
      'In-Reply-To: <m1@beta>',
    ];
    // the Inbox holds Bob's list post, the list's copy of the user's answer, and Alice's answer
    const inbox = write(
      'inbox.mbox',
      [
        mail([
          'From: Bob <bob@beta.example>',
          'To: team@acme.com',
          'Subject: Roadmap',
          'Date: Mon, 2 Mar 2026 09:00:00 +0000',
          'Message-ID: <m1@beta>',
          ...list,
        ]),
        mail([...yours, ...list]),
        mail([
          'From: alice@acme.com',
          `To: ${ME}, team@acme.com`,
          'Subject: Re: Roadmap',
          'Date: Mon, 2 Mar 2026 12:00:00 +0000',
          'Message-ID: <a1@acme>',
          'In-Reply-To: <u1@ex>',
        ]),
      ].join(''),
    );
    const sent = write('sent.mbox', mail(yours));
    const report = await importFiles(t.ctx, 'mbox', [inbox, sent], { me: [ME] });
    expect([report.records, report.interactions, report.skipped]).toEqual([
      4,
      { created: 2, duplicates: 1 },
      { mailing_list: 1 },
    ]);
    expect(await keptAside(t.ctx)).toBe(0);
  });
});

describe('an address waiting for someone, and the person stored at another spelling of its mailbox', () => {
  const card = (name: string, email: string) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nEMAIL:${email}\r\nEND:VCARD\r\n`;

  it('stores bulk mail kept aside, but not for another +tag of a shared mailbox', async () => {
    const strangers = Array.from({ length: 10 }, (_, i) => `x${i}@example.net`);
    const bulk = write(
      'news.mbox',
      message(200, 'Fri, 2 Feb 2024 10:00:00 +0000', [...strangers, 'rob.brown@gmail.com'], 'news') +
        message(201, 'Fri, 2 Feb 2024 11:00:00 +0000', [...strangers, 'team+alice@acme.example'], 'plans'),
    );
    await importFiles(t.ctx, 'mbox', [bulk], { me: [ME] });
    expect(await keptAside(t.ctx)).toBe(2);
    const cards = write(
      'rob.vcf',
      card('Rob Brown', 'RobBrown@googlemail.com') + card('Carol', 'team+carol@acme.example'),
    );
    const report = await importFiles(t.ctx, 'vcard', [cards]);
    expect([report.people, report.pendingStored]).toEqual([{ created: 2, matched: 0 }, 1]);
    expect(await stored(t.ctx)).toEqual(['n200@example.com: rob.brown@gmail.com robbrown@googlemail.com']);
    expect(await keptAside(t.ctx)).toBe(1);
  });

  it('joins a stored message its +tag spelling went to', async () => {
    await importFiles(t.ctx, 'mbox', [write('intro.mbox', introductions())], { me: [ME] });
    const news = message(
      300,
      'Fri, 2 Feb 2024 10:00:00 +0000',
      [...KNOWN, 'ann+news@lee.example', ...STRANGERS],
      'news',
    );
    await importFiles(t.ctx, 'mbox', [write('news.mbox', news)], { me: [ME] });
    const report = await importFiles(t.ctx, 'vcard', [write('ann.vcf', card('Ann Lee', 'ann@lee.example'))]);
    expect([report.participantsJoined, report.joined]).toEqual([1, { people: 1, messages: 1 }]);
    const [row] = (await stored(t.ctx)).filter((s) => s.startsWith('n300@'));
    expect(row).toContain('ann@lee.example');
    // nothing joins twice
    const again = await importFiles(t.ctx, 'vcard', [write('ann.vcf', card('Ann Lee', 'ann@lee.example'))]);
    expect(again.participantsJoined).toBeUndefined();
  });

  it('stores Gmail-tab mail once the user writes to another spelling of its sender', async () => {
    const labelled = (from: string, to: string, labels: string, day: number, id: string) =>
      `From x Mon Jan  1 00:00:00 2024\nFrom: ${from}\nTo: ${to}\nSubject: s${id}\nDate: ${day} Mar 2026 10:00:00 +0000\nMessage-ID: <${id}@x>\nX-Gmail-Labels: ${labels}\n\nBody\n\n`;
    const inbox = write('Inbox.mbox', labelled('Ivy Lee <ivy.lee@gmail.com>', ME, 'Inbox,Category Updates', 1, 'i1'));
    const first = await importFiles(t.ctx, 'mbox', [inbox], { me: [ME] });
    expect(first.skipped).toEqual({ automated: 1 });
    const sent = write('Sent.mbox', labelled(ME, 'ivylee@googlemail.com', 'Sent', 2, 'm1'));
    const second = await importFiles(t.ctx, 'mbox', [sent], { me: [ME] });
    expect([second.interactions.created, second.tabMailStored]).toEqual([2, 1]);
    // a later file of her tab mail is hers too
    const later = write('Later.mbox', labelled('ivy.lee+x@gmail.com', ME, 'Inbox,Category Updates', 3, 'i2'));
    expect((await importFiles(t.ctx, 'mbox', [later], { me: [ME] })).interactions.created).toBe(1);
  });
});
