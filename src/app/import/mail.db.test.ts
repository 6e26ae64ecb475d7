import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { loadSummaries } from '../../store/summary.repository.js';
import { exportWorkspace } from '../export.js';
import { logInteraction } from '../interactions.js';
import { addPerson, editPerson } from '../people.js';
import { rescore } from '../rescore.js';
import { showPerson } from '../show-person.js';
import { importFiles } from './index.js';
import { headOf } from './mail.js';
import { BATCH_MESSAGES } from './mbox-protocol.js';

// The mbox importer run in-process from the sources: its reader's worker thread loads the
// TypeScript through tsx (the CLI tests run the built one).

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
const date = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toUTCString().replace('GMT', '+0000');

/** One mbox message of these header lines, with a short body. */
const mail = (lines: string[]) => `From x Mon Jan  1 00:00:00 2024\n${lines.join('\n')}\n\nBody\n\n`;

/** A message from or to the user, or from a robot; `reply` names the Message-ID it answers. */
function message(i: number, from: string, to: string, opts: { reply?: number; subject?: string } = {}): string {
  return [
    `From ${from} Mon Jan  1 00:00:00 2024`,
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${opts.subject ?? `topic ${i}`}`,
    `Date: ${date(i)}`,
    `Message-ID: <m${i}@example.com>`,
    ...(opts.reply !== undefined ? [`In-Reply-To: <m${opts.reply}@example.com>`] : []),
    '',
    `Body of message ${i}.`,
    'From the desk of nobody: a body line that is not a boundary.',
    '',
  ].join('\n');
}

/**
 * 2,500 messages (more than two of the reader's batches): each even one from the user to one of
 * 50 people, each odd one that person's answer; every 100th from a no-reply robot instead.
 */
function mailbox(): { text: string; robots: number } {
  const parts: string[] = [];
  let robots = 0;
  for (let i = 0; i < 2500; i++) {
    const them = `person${i % 50}@example.org`;
    if (i % 100 === 99) {
      robots++;
      parts.push(message(i, 'noreply@service.example', ME));
    } else if (i % 2 === 0) parts.push(message(i, `Me <${ME}>`, them));
    else parts.push(message(i, `Person ${i % 50} <${them}>`, ME, { reply: i - 1, subject: `Re: topic ${i - 1}` }));
  }
  return { text: parts.join(''), robots };
}

describe('import mbox (in-process, reader on a worker thread)', () => {
  it('says which file of several each stage is at; finding the address goes over them all', async () => {
    const files = ['a', 'b'].map((name, k) => {
      const file = join(dir, `${name}.mbox`);
      const parts: string[] = [];
      for (let i = k * 10; i < k * 10 + 10; i++) parts.push(message(i, `Me <${ME}>`, `person${i}@example.org`));
      writeFileSync(file, parts.join(''));
      return file;
    });
    const seen: { stage: string; done: number; total: number; records?: number; file?: string }[] = [];
    // no --me: the address is looked for in both files first
    await importFiles(t.ctx, 'mbox', files, {
      onProgress: (stage, done, total, records, file) =>
        seen.push({
          stage,
          done,
          total,
          ...(records !== undefined ? { records } : {}),
          ...(file ? { file: `${file.name.slice(dir.length + 1)} ${file.index}/${file.count}` } : {}),
        }),
    });
    const at = (stage: string) => [...new Set(seen.filter((s) => s.stage === stage).map((s) => s.file))];
    expect(at('messages')).toEqual(['a.mbox 1/2', 'b.mbox 2/2']);
    expect(at('finding your address')).toEqual(['a.mbox 1/2', 'b.mbox 2/2']);
    // one bar over both files: the bytes and the messages read count on from the first file's
    const finding = seen.filter((s) => s.stage === 'finding your address');
    expect(finding.at(-1)).toMatchObject({ records: 20, done: finding.at(-1)?.total });
    for (let i = 1; i < finding.length; i++) expect(finding[i]?.done).toBeGreaterThanOrEqual(finding[i - 1]?.done ?? 0);
  });

  it('reads a message and a mailbox whose lines end in CR alone (a classic Mac OS client), as their LF copies', async () => {
    const eml = [
      'From: Zoe <zoe@example.com>',
      `To: Me <${ME}>`,
      'Subject: Hi',
      'Message-ID: <cr1@example.com>',
      `Date: ${date(1)}`,
      '',
      'Hello',
      '',
    ];
    const box = [message(2, 'bob@example.org', ME), message(3, ME, 'bob@example.org', { reply: 2 })].join('\n');
    writeFileSync(join(dir, 'cr.eml'), eml.join('\r'));
    writeFileSync(join(dir, 'cr.mbox'), box.replace(/\n/g, '\r'));
    const report = await importFiles(t.ctx, 'eml', [join(dir, 'cr.eml')], { me: [ME] });
    expect([report.interactions.created, report.issues]).toEqual([1, []]);
    const mbox = await importFiles(t.ctx, 'mbox', [join(dir, 'cr.mbox')], { me: [ME] });
    expect([mbox.records, mbox.interactions.created, mbox.issues]).toEqual([2, 2, []]);
    const bob = await showPerson(t.ctx, 'bob@example.org');
    expect([bob.stats.interactions, bob.stats.inbound, bob.stats.outbound]).toEqual([2, 1, 1]);
  });

  it('says nothing of files when there is one', async () => {
    const file = join(dir, 'one.mbox');
    writeFileSync(file, message(1, `Me <${ME}>`, 'person@example.org'));
    const files: unknown[] = [];
    await importFiles(t.ctx, 'mbox', [file], { me: [ME], onProgress: (...args) => files.push(args[4]) });
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f === undefined)).toBe(true);
  });

  it('imports every message of a mailbox longer than several batches, with replies linked', async () => {
    expect(2500).toBeGreaterThan(2 * BATCH_MESSAGES);
    const { text, robots } = mailbox();
    const file = join(dir, 'mail.mbox');
    writeFileSync(file, text);
    const stages = new Set<string>();
    const report = await importFiles(t.ctx, 'mbox', [file], { me: [ME], onProgress: (stage) => stages.add(stage) });
    expect(report.records).toBe(2500);
    expect(report.skipped).toEqual({ automated: robots });
    expect(report.interactions.created).toBe(2500 - robots);
    expect(report.people.created).toBe(50);
    expect(report.issues).toEqual([]);
    expect(stages.has('messages')).toBe(true);
    // every answer whose message is stored points at it: 1,250 odd messages, less the robots'
    // places (odd numbers) and the answers to an even message that is there (all of them)
    const linked = await t.store.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reply_to_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(linked.n)).toBe(1250 - robots);

    const again = await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
    expect(again.interactions).toEqual({ created: 0, duplicates: 2500 - robots });
    // the people of the messages found stored are named as known, not left out of the count
    expect(again.people).toEqual({ created: 0, matched: 50 });
  });

  it('takes the user’s Gmail address written without its dots or at googlemail.com for the user, not a person', async () => {
    const file = join(dir, 'gmail.mbox');
    writeFileSync(
      file,
      [
        'From x Mon Jan  1 00:00:00 2024\nFrom: Alice <alice@example.com>\nTo: John Smith <johnsmith@gmail.com>\nSubject: Dinner\nDate: Mon, 4 Mar 2024 10:00:00 +0000\nMessage-ID: <gd1@ex>\n\nbody\n',
        'From x Mon Jan  1 00:00:00 2024\nFrom: Bob <bob@example.com>\nTo: John Smith <John.Smith@googlemail.com>, Alice <alice@example.com>\nSubject: Trip\nDate: Mon, 4 Mar 2024 11:00:00 +0000\nMessage-ID: <gd2@ex>\n\nbody\n',
        'From x Mon Jan  1 00:00:00 2024\nFrom: John Smith <j.o.h.n.smith+lists@gmail.com>\nTo: Bob <bob@example.com>\nSubject: Re: Trip\nDate: Mon, 4 Mar 2024 12:00:00 +0000\nMessage-ID: <gd3@ex>\nIn-Reply-To: <gd2@ex>\n\nbody\n',
      ].join('\n'),
    );
    const report = await importFiles(t.ctx, 'mbox', [file], { me: ['john.smith@gmail.com'] });
    expect([report.people.created, report.interactions.created]).toEqual([2, 3]);
    const people = await t.store.db.selectFrom('person_emails').select('email').orderBy('email').execute();
    expect(people.map((p) => p.email)).toEqual(['alice@example.com', 'bob@example.com']);
    const directions = await t.store.db.selectFrom('interactions').select('direction').orderBy('at').execute();
    expect(directions.map((d) => d.direction)).toEqual(['in', 'in', 'out']);
  });

  it('takes out a person an earlier import made of the user’s Gmail address in another spelling, once the user names it', async () => {
    const first = join(dir, 'work.mbox');
    writeFileSync(
      first,
      'From x Mon Jan  1 00:00:00 2024\nFrom: Me <me@work.example>\nTo: John Smith <johnsmith@googlemail.com>, Ann <ann@example.com>\nSubject: Notes\nDate: Mon, 4 Mar 2024 10:00:00 +0000\nMessage-ID: <w1@ex>\n\nbody\n',
    );
    await importFiles(t.ctx, 'mbox', [first], { me: ['me@work.example'] });
    const second = join(dir, 'home.mbox');
    writeFileSync(
      second,
      'From x Mon Jan  1 00:00:00 2024\nFrom: Ann <ann@example.com>\nTo: john.smith@gmail.com\nSubject: Hi\nDate: Mon, 4 Mar 2024 11:00:00 +0000\nMessage-ID: <h1@ex>\n\nbody\n',
    );
    const report = await importFiles(t.ctx, 'mbox', [second], { me: ['me@work.example', 'john.smith@gmail.com'] });
    expect(report.takenOut?.map((p) => p.address)).toEqual(['johnsmith@googlemail.com']);
    const people = await t.store.db.selectFrom('person_emails').select('email').execute();
    expect(people.map((p) => p.email)).toEqual(['ann@example.com']);
  });

  it('guesses the user’s address on a first pass of the reader when none is given', async () => {
    const file = join(dir, 'mail.mbox');
    writeFileSync(file, mailbox().text);
    const report = await importFiles(t.ctx, 'mbox', [file]);
    expect(report.me).toEqual({ addresses: [ME], guessed: true });
    expect(report.interactions.created).toBe(2475);
  });

  it('names each file of a mailbox folder that is not a mailbox, and passes over what mail programs keep beside them', async () => {
    const folder = join(dir, 'Mail');
    mkdirSync(folder);
    writeFileSync(join(folder, 'Inbox'), message(1, 'bob@example.org', ME));
    writeFileSync(join(folder, 'Inbox.msf'), '// <!-- <mdb:mork:z v="1.4"/> -->');
    writeFileSync(join(folder, 'note.eml'), `From: bob@example.org\nTo: ${ME}\nSubject: Hi\nDate: ${date(2)}\n\nHi\n`);
    writeFileSync(join(folder, 'README.txt'), 'my mail\n');
    const report = await importFiles(t.ctx, 'mbox', [folder], { me: [ME] });
    expect(report.files).toEqual([join(folder, 'Inbox')]);
    expect(report.issues.map((i) => [i.file, i.code, i.message])).toEqual([
      [join(folder, 'README.txt'), 'not_a_mailbox', 'is not a mailbox: no "From " line starts it; left out'],
      [join(folder, 'note.eml'), 'not_a_mailbox', 'is a single message, not a mailbox (import eml reads it); left out'],
    ]);
  });

  it('keeps mail Gmail sorted into a tab from someone the user wrote to, wherever in the file or in an earlier import', async () => {
    const labelled = (from: string, to: string, labels: string, day: number, id: string) =>
      `From x Mon Jan  1 00:00:00 2024\nFrom: ${from}\nTo: ${to}\nSubject: s${id}\nDate: ${day} Mar 2026 10:00:00 +0000\nMessage-ID: <${id}@x>\nX-Gmail-Labels: ${labels}\n\nBody\n\n`;
    const takeout = join(dir, 'takeout.mbox');
    // Takeout files are not in date order: Bob's update comes before the user's message to him
    writeFileSync(
      takeout,
      labelled('bob@b.example', ME, 'Inbox,Category Updates', 9, 'b1') +
        labelled('shop@s.example', ME, 'Inbox,Category Updates', 9, 's1') +
        labelled(ME, 'bob@b.example', 'Sent', 8, 'm1'),
    );
    const report = await importFiles(t.ctx, 'mbox', [takeout], { me: [ME] });
    expect(report.interactions.created).toBe(2);
    expect(report.skipped).toEqual({ automated: 1 });
    // a later file: Bob is someone the user wrote to already
    const later = join(dir, 'later.mbox');
    writeFileSync(later, labelled('bob@b.example', ME, 'Inbox,Category Updates', 12, 'b2'));
    expect((await importFiles(t.ctx, 'mbox', [later], { me: [ME] })).interactions.created).toBe(1);
    // the Inbox and Sent mailboxes of one import, in either order (a folder reads Inbox first)
    for (const names of [
      ['Inbox.mbox', 'Sent.mbox'],
      ['Sent.mbox', 'Inbox.mbox'],
    ]) {
      await t.close();
      t = await openTestDatabase(T0);
      dir = dirname(t.path);
      const files = {
        'Inbox.mbox': labelled('ivy@i.example', ME, 'Inbox,Category Updates', 1, 'i1'),
        'Sent.mbox': labelled(ME, 'ivy@i.example', 'Sent', 2, 'm2'),
      };
      const paths = names.map((n) => {
        writeFileSync(join(dir, n), files[n as keyof typeof files]);
        return join(dir, n);
      });
      const both = await importFiles(t.ctx, 'mbox', paths, { me: [ME] });
      expect([both.interactions.created, both.skipped], names.join(' then ')).toEqual([2, {}]);
    }
  });

  it('stores tab mail an earlier import skipped once a later import shows the user writing to its sender, and only once', async () => {
    const labelled = (from: string, to: string, labels: string, day: number, id: string) =>
      `From x Mon Jan  1 00:00:00 2024\nFrom: ${from}\nTo: ${to}\nSubject: s${id}\nDate: ${day} Mar 2026 10:00:00 +0000\nMessage-ID: <${id}@x>\nX-Gmail-Labels: ${labels}\n\nBody\n\n`;
    const inbox = join(dir, 'Inbox.mbox');
    writeFileSync(
      inbox,
      labelled('ivy@i.example', ME, 'Inbox,Category Updates', 1, 'i1') +
        labelled('ivy@i.example', ME, 'Inbox,Category Promotions', 3, 'i2') +
        labelled('shop@s.example', ME, 'Inbox,Category Promotions', 3, 's1'),
    );
    const sent = join(dir, 'Sent.mbox');
    writeFileSync(sent, labelled(ME, 'ivy@i.example', 'Sent', 2, 'm1'));
    const first = await importFiles(t.ctx, 'mbox', [inbox], { me: [ME] });
    expect([first.interactions.created, first.skipped]).toEqual([0, { automated: 1, newsletter: 2 }]);
    // a dry run of the Sent mailbox says what it would store, and stores nothing
    const dry = await importFiles(t.ctx, 'mbox', [sent], { me: [ME], dryRun: true });
    expect([dry.interactions.created, dry.tabMailStored]).toEqual([3, 2]);
    expect(await t.store.db.selectFrom('interactions').select('id').execute()).toHaveLength(0);
    // the user writes to Ivy in a later import: her two messages are the user's, the shop's is not
    const second = await importFiles(t.ctx, 'mbox', [sent], { me: [ME] });
    expect([second.interactions.created, second.tabMailStored, second.skipped]).toEqual([3, 2, {}]);
    const again = await importFiles(t.ctx, 'mbox', [inbox, sent], { me: [ME] });
    expect([again.interactions.created, again.interactions.duplicates, again.tabMailStored]).toEqual([0, 3, undefined]);
    // the same as one import of both in either order
    const stored = await t.store.db.selectFrom('interactions').select('external_id').orderBy('external_id').execute();
    expect(stored.map((r) => r.external_id)).toEqual(['i1@x', 'i2@x', 'm1@x']);
    const kept = await t.store.db.selectFrom('kept_tab_mail').select('sender').execute();
    expect(kept.map((r) => r.sender)).toEqual(['shop@s.example']);
  });

  it('takes out a person made of a list address once list mail shows it is one, as if the list had been known', async () => {
    const mail = (id: string, from: string, to: string, day: number, list = false) =>
      [
        `From x Mon Jan  1 00:00:00 2024`,
        `From: ${from}`,
        `To: ${to}`,
        `Subject: plan ${id}`,
        `Date: ${day} Mar 2026 10:00:00 +0000`,
        `Message-ID: <${id}@x>`,
        ...(list ? ['List-Id: Team <team.acme.example>', 'List-Post: <mailto:team@acme.example>'] : []),
        '',
        'Body',
        '',
        '',
      ].join('\n');
    const sent = mail('m1', ME, 'Team <team@acme.example>, bob@b.example', 1) + mail('m2', ME, 'team@acme.example', 2);
    const list = mail('l1', 'carol@acme.example', 'team@acme.example', 3, true);
    const state = async (db: TestDatabase) =>
      db.store.db
        .selectFrom('participations as p')
        .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
        .innerJoin('person_emails as e', 'e.person_id', 'p.person_id')
        .select(['i.external_id', 'e.email', 'p.audience', 'p.role', 'p.co_ids'])
        .orderBy('i.external_id')
        .orderBy('e.email')
        .execute();
    // what an import that knew the list would leave of the user's messages: the one to the list
    // alone left out, the reply-all weighed as list mail (bulk: nobody in common)
    const expected = [{ external_id: 'm1@x', email: 'bob@b.example', audience: 11, role: 0, co_ids: null }];
    // the Sent mailbox first, in an import of its own or in the same import
    for (const together of [false, true]) {
      await t.close();
      t = await openTestDatabase(T0);
      dir = dirname(t.path);
      writeFileSync(join(dir, 'Sent.mbox'), sent);
      writeFileSync(join(dir, 'List.mbox'), list);
      const files = [join(dir, 'Sent.mbox'), join(dir, 'List.mbox')];
      const reports = together
        ? [await importFiles(t.ctx, 'mbox', files, { me: [ME] })]
        : [
            await importFiles(t.ctx, 'mbox', [files[0] as string], { me: [ME] }),
            await importFiles(t.ctx, 'mbox', [files[1] as string], { me: [ME] }),
          ];
      const last = reports.at(-1);
      expect(last?.listsTakenOut?.map((l) => [l.name, l.address, l.interactions, l.removed])).toEqual([
        ['Team', 'team@acme.example', 2, 1],
      ]);
      expect(await state(t), together ? 'one import' : 'two imports').toEqual(expected);
      const people = await t.store.db.selectFrom('person_emails').select('email').execute();
      expect(people.map((p) => p.email)).toEqual(['bob@b.example']);
      // and the Sent mailbox again changes nothing
      const again = await importFiles(t.ctx, 'mbox', [files[0] as string], { me: [ME] });
      expect([again.interactions.created, again.people.created]).toEqual([0, 0]);
    }
  });

  it('leaves a list address the address book holds as it is', async () => {
    const card = join(dir, 'team.vcf');
    writeFileSync(card, 'BEGIN:VCARD\nVERSION:3.0\nFN:Acme Team\nEMAIL:team@acme.example\nEND:VCARD\n');
    await importFiles(t.ctx, 'vcard', [card]);
    const list = join(dir, 'List.mbox');
    writeFileSync(
      list,
      `From x Mon Jan  1 00:00:00 2024\nFrom: carol@acme.example\nTo: team@acme.example\nSubject: plan\nDate: 3 Mar 2026 10:00:00 +0000\nMessage-ID: <l1@x>\nList-Post: <mailto:team@acme.example>\n\nBody\n\n`,
    );
    const report = await importFiles(t.ctx, 'mbox', [list], { me: [ME] });
    expect(report.listsTakenOut).toBeUndefined();
    const people = await t.store.db.selectFrom('person_emails').select('email').execute();
    expect(people.map((p) => p.email)).toEqual(['team@acme.example']);
  });

  it('keeps tab mail in a copy of the workspace (rapport export), stored there once the user writes to its sender', async () => {
    const labelled = (from: string, to: string, labels: string, day: number, id: string) =>
      `From x Mon Jan  1 00:00:00 2024\nFrom: ${from}\nTo: ${to}\nSubject: s${id}\nDate: ${day} Mar 2026 10:00:00 +0000\nMessage-ID: <${id}@x>\nX-Gmail-Labels: ${labels}\n\nBody\n\n`;
    const inbox = join(dir, 'Inbox.mbox');
    writeFileSync(inbox, labelled('Ivy Lee <ivy@i.example>', ME, 'Inbox,Category Updates', 1, 'i1'));
    await importFiles(t.ctx, 'mbox', [inbox], { me: [ME] });
    let text = '';
    await exportWorkspace(t.ctx, 'json', async (chunk) => {
      text += chunk;
    });
    const doc = JSON.parse(text);
    expect(doc.keptTabMail.map((k: { message: { from: unknown } }) => k.message.from)).toEqual([
      [{ address: 'ivy@i.example', name: 'Ivy Lee' }],
    ]);
    const copy = await openTestDatabase(T0);
    try {
      const file = join(dir, 'copy.json');
      writeFileSync(file, text);
      expect((await importFiles(copy.ctx, 'json', [file])).issues).toEqual([]);
      const sent = join(dir, 'Sent.mbox');
      writeFileSync(sent, labelled(ME, 'ivy@i.example', 'Sent', 2, 'm1'));
      const there = await importFiles(copy.ctx, 'mbox', [sent], { me: [ME] });
      expect([there.interactions.created, there.tabMailStored]).toEqual([2, 1]);
      // a copy whose kept message is broken names it and imports the rest
      doc.keptTabMail[0].message.from = 'ivy';
      writeFileSync(file, JSON.stringify(doc));
      const broken = await importFiles(t.ctx, 'json', [file]);
      expect(broken.issues.map((i) => i.record)).toEqual(['keptTabMail[0]']);
    } finally {
      await copy.close();
    }
  });

  it('stores tab mail kept by one single-message import once a later one shows the user writing to its sender', async () => {
    const eml = (from: string, to: string, labels: string, day: number, id: string) =>
      `From: ${from}\nTo: ${to}\nSubject: s${id}\nDate: ${day} Mar 2026 10:00:00 +0000\nMessage-ID: <${id}@x>\nX-Gmail-Labels: ${labels}\n\nBody\n`;
    const update = join(dir, 'update.eml');
    writeFileSync(update, eml('ivy@i.example', ME, 'Inbox,Category Updates', 1, 'i1'));
    const note = join(dir, 'note.eml');
    writeFileSync(note, eml(ME, 'ivy@i.example', 'Sent', 2, 'm1'));
    expect((await importFiles(t.ctx, 'eml', [update], { me: [ME] })).skipped).toEqual({ automated: 1 });
    const later = await importFiles(t.ctx, 'eml', [note], { me: [ME] });
    expect([later.interactions.created, later.tabMailStored]).toEqual([2, 1]);
    const issues = await t.store.db.selectFrom('kept_tab_mail').select('id').execute();
    expect(issues).toHaveLength(0);
  });

  it('leaves out an invitation and an answer a calendar sent as one part of a multipart message, in an mbox and as files', async () => {
    const invitation = [
      'From: Dan Dee <dan@d.example>',
      `To: ${ME}`,
      'Subject: Invitation: Planning',
      'Date: Mon, 06 Jan 2025 09:00:00 +0000',
      'Message-ID: <inv1@d.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="OUTER"',
      '',
      '--OUTER',
      'Content-Type: multipart/alternative; boundary="INNER"',
      '',
      '--INNER',
      'Content-Type: text/plain',
      '',
      'You have been invited to Planning.',
      '--INNER',
      'Content-Type: text/calendar; charset=UTF-8; method=REQUEST',
      '',
      'BEGIN:VCALENDAR',
      'END:VCALENDAR',
      '--INNER--',
      '--OUTER--',
      '',
    ];
    const accepted = [
      `From: ${ME}`,
      'To: Dan Dee <dan@d.example>',
      'Subject: Accepted: Planning',
      'Date: Mon, 06 Jan 2025 10:00:00 +0000',
      'Message-ID: <acc1@x.example>',
      'Content-Type: multipart/mixed; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain',
      '',
      'accepted',
      '--B',
      'Content-Type: text/calendar; method=REPLY',
      '',
      'BEGIN:VCALENDAR',
      '--B--',
      '',
    ];
    // someone sending an event as a file writes to the user: that is mail
    const shared = [
      'From: Dan Dee <dan@d.example>',
      `To: ${ME}`,
      'Subject: the party',
      'Date: Mon, 06 Jan 2025 11:00:00 +0000',
      'Message-ID: <party@d.example>',
      'Content-Type: multipart/mixed; boundary="P"',
      '',
      '--P',
      'Content-Type: text/calendar; name="party.ics"',
      'Content-Disposition: attachment; filename="party.ics"',
      '',
      'BEGIN:VCALENDAR',
      '--P--',
      '',
    ];
    const mbox = join(dir, 'invites.mbox');
    writeFileSync(
      mbox,
      [invitation, accepted, shared].map((m) => `From x Mon Jan  6 09:00:00 2025\n${m.join('\n')}\n`).join(''),
    );
    const fromMbox = await importFiles(t.ctx, 'mbox', [mbox], { me: [ME] });
    expect([fromMbox.interactions.created, fromMbox.skipped]).toEqual([1, { calendar: 2 }]);
    const files = [invitation, accepted, shared].map((m, i) => {
      const file = join(dir, `m${i}.eml`);
      writeFileSync(file, m.join('\r\n'));
      return file;
    });
    const other = await openTestDatabase(T0);
    try {
      const fromFiles = await importFiles(other.ctx, 'eml', files, { me: [ME] });
      expect([fromFiles.interactions.created, fromFiles.skipped]).toEqual([1, { calendar: 2 }]);
    } finally {
      await other.close();
    }
  });

  it('guesses from every mailbox of the import, whichever comes first', async () => {
    // the first file is mostly Bob's mail with the user; the user is in all 7 messages, Bob in 3
    const first = join(dir, 'bob.mbox');
    writeFileSync(
      first,
      [
        message(1, 'bob@example.org', ME),
        message(2, ME, 'bob@example.org'),
        message(3, 'bob@example.org', 'cy@example.org'),
      ].join(''),
    );
    const second = join(dir, 'more.mbox');
    writeFileSync(second, [4, 5, 6, 7].map((i) => message(i, `p${i}@example.net`, ME)).join(''));
    const report = await importFiles(t.ctx, 'mbox', [first, second]);
    expect(report.me).toEqual({ addresses: [ME], guessed: true });
    expect(report.interactions.created).toBe(6);
  });

  it('links an answer whose In-Reply-To is not stored to the nearest message its References name, until its own comes', async () => {
    const mine = mail([
      `From: ${ME}`,
      'To: alice@a.example, bob@b.example',
      'Subject: Schedule',
      'Date: Mon, 2 Mar 2026 09:00:00 +0000',
      'Message-ID: <mine@me>',
    ]);
    const bobs = mail([
      'From: bob@b.example',
      `To: ${ME}, alice@a.example`,
      'Subject: RE: Schedule',
      'Date: Mon, 2 Mar 2026 10:00:00 +0000',
      'Message-ID: <bobs@bob>',
      'In-Reply-To: <mine@me>',
    ]);
    const alices = mail([
      'From: alice@a.example',
      `To: ${ME}, bob@b.example`,
      'Subject: RE: Schedule',
      'Date: Mon, 2 Mar 2026 12:00:00 +0000',
      'Message-ID: <alices@alice>',
      'In-Reply-To: <bobs@bob>',
      'References: <mine@me> <bobs@bob>',
    ]);
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const alice = async () => (await showPerson(t.ctx, 'alice@a.example')).stats;
    // without Bob's answer, hers answers the user's message, 3 hours on
    await importFiles(t.ctx, 'mbox', [file('a.mbox', mine + alices)], { me: [ME] });
    expect(await alice()).toMatchObject({ replies: 1, replyLatencyMedianHours: 3 });
    // Bob's answer, come since, is the one hers answers: it answers no message of the user's to her
    await importFiles(t.ctx, 'mbox', [file('b.mbox', bobs)], { me: [ME] });
    const after = await alice();
    // what the import kept of each relationship is what a rescore computes
    const ids = (await t.store.db.selectFrom('people').select('id').execute()).map((r) => Number(r.id));
    const kept = await loadSummaries(t.store.db, t.ctx.workspaceId, ids);
    await rescore(t.ctx);
    expect(await loadSummaries(t.store.db, t.ctx.workspaceId, ids)).toEqual(kept);
    await t.close();
    t = await openTestDatabase(T0);
    dir = dirname(t.path);
    await importFiles(t.ctx, 'mbox', [file('all.mbox', mine + bobs + alices)], { me: [ME] });
    expect(await alice()).toEqual(after);
    expect(after).toMatchObject({ replies: 0 });
  });

  it('gives an answer whose In-Reply-To is never stored the same link in every order of the files', async () => {
    const sm1 = mail([
      `From: ${ME}`,
      'To: alice@a.example',
      'Subject: Deal',
      'Date: Fri, 1 Mar 2024 09:00:00 +0000',
      'Message-ID: <m1@x>',
    ]);
    const sm2 = mail([
      `From: ${ME}`,
      'To: alice@a.example',
      'Subject: Re: Deal',
      'Date: Sun, 3 Mar 2024 09:00:00 +0000',
      'Message-ID: <m2@x>',
      'In-Reply-To: <m1@x>',
    ]);
    const answer = mail([
      'From: alice@a.example',
      `To: ${ME}`,
      'Subject: RE: Deal',
      'Date: Sun, 3 Mar 2024 11:00:00 +0000',
      'Message-ID: <a1@a>',
      'In-Reply-To: <zz@q>',
    ]);
    const orders = [
      [sm1, sm2, answer],
      [sm1, answer, sm2],
      [answer, sm1, sm2],
      [answer, sm2, sm1],
      [sm2, answer, sm1],
    ];
    for (const order of orders) {
      await t.close();
      t = await openTestDatabase(T0);
      dir = dirname(t.path);
      for (const [k, text] of order.entries()) {
        const path = join(dir, `${k}.mbox`);
        writeFileSync(path, text);
        await importFiles(t.ctx, 'mbox', [path], { me: [ME] });
      }
      // her answer, 2 hours after the user's latest message of the thread
      expect((await showPerson(t.ctx, 'alice@a.example')).stats, String(orders.indexOf(order))).toMatchObject({
        replies: 1,
        replyLatencyMedianHours: 2,
        repliedWithin24hShare: 0.5,
      });
    }
  });

  it('takes an answer to a message its sender was not in as starting nothing, in every order of the files', async () => {
    // the user writes to V and W, then to W alone; V answers both (the second forwarded to V)
    const group = mail([
      `From: ${ME}`,
      'To: v@v.example, w@w.example',
      'Subject: Group',
      'Date: Mon, 1 Apr 2024 09:00:00 +0000',
      'Message-ID: <g1@c>',
    ]);
    const vGroup = mail([
      'From: v@v.example',
      `To: ${ME}`,
      'Subject: Re: Group',
      'Date: Mon, 1 Apr 2024 12:00:00 +0000',
      'Message-ID: <g2@c>',
      'In-Reply-To: <g1@c>',
    ]);
    const solo = mail([
      `From: ${ME}`,
      'To: w@w.example',
      'Subject: Solo',
      'Date: Wed, 3 Apr 2024 09:00:00 +0000',
      'Message-ID: <g3@c>',
    ]);
    const vSolo = mail([
      'From: v@v.example',
      `To: ${ME}`,
      'Subject: Re: Solo',
      'Date: Thu, 4 Apr 2024 12:00:00 +0000',
      'Message-ID: <g4@c>',
      'In-Reply-To: <g3@c>',
    ]);
    const orders = [[group + vGroup + solo + vSolo], [vSolo + vGroup + group + solo], [vSolo, vGroup, solo, group]];
    for (const [n, order] of orders.entries()) {
      await t.close();
      t = await openTestDatabase(Date.UTC(2024, 3, 10));
      dir = dirname(t.path);
      for (const [k, text] of order.entries()) {
        const path = join(dir, `${k}.mbox`);
        writeFileSync(path, text);
        await importFiles(t.ctx, 'mbox', [path], { me: [ME] });
      }
      const v = await showPerson(t.ctx, 'v@v.example');
      // both of V's messages answer one: V started nothing, so the stage is not engaged
      expect(v.evaluated.components.find((c) => c.key === 'reciprocity')?.evidence, `order ${n}`).toBe(
        'they have never started an exchange',
      );
      expect([v.evaluated.stage, v.evaluated.class], `order ${n}`).toEqual(['acquainted', 'passive']);
      expect(v.stats, `order ${n}`).toMatchObject({ inbound: 2, outbound: 1, replies: 1 });
    }
  });

  it('links an answer whose reply headers name nothing stored by its subject (a Sent copy without a Message-ID)', async () => {
    const text =
      mail([`From: ${ME}`, 'To: alice@a.example', 'Subject: Schedule', 'Date: Mon, 2 Mar 2026 09:00:00 +0000']) +
      mail([
        'From: alice@a.example',
        `To: ${ME}`,
        'Subject: RE: Schedule',
        'Date: Mon, 2 Mar 2026 12:00:00 +0000',
        'Message-ID: <alices@alice>',
        'In-Reply-To: <lost@me>',
      ]);
    const path = join(dir, 'c.mbox');
    writeFileSync(path, text);
    await importFiles(t.ctx, 'mbox', [path], { me: [ME] });
    expect((await showPerson(t.ctx, 'alice@a.example')).stats).toMatchObject({
      replies: 1,
      replyLatencyMedianHours: 3,
      repliedWithin24hShare: 1,
    });
  });

  it('counts each of the user’s messages answered once, by the message answered, not by its time', async () => {
    const at = (h: string) => `Date: Mon, 2 Mar 2026 ${h}:00 +0000`;
    const many = Array.from({ length: 11 }, (_, i) => `s${i}@s.example`).join(', ');
    const text = [
      // two messages in the same second, each answered; a newsletter in the same second as one
      mail([`From: ${ME}`, 'To: ann@a.example', 'Subject: Alpha', at('09:00'), 'Message-ID: <m1@me>']),
      mail([`From: ${ME}`, 'To: ann@a.example', 'Subject: Beta', at('09:00'), 'Message-ID: <m2@me>']),
      mail([`From: ${ME}`, `To: ann@a.example, ${many}`, 'Subject: News', at('09:00'), 'Message-ID: <n@me>']),
      mail([
        'From: ann@a.example',
        `To: ${ME}`,
        'Subject: Re: Alpha',
        at('10:00'),
        'Message-ID: <r1@a>',
        'In-Reply-To: <m1@me>',
      ]),
      mail([
        'From: ann@a.example',
        `To: ${ME}`,
        'Subject: Re: Beta',
        at('11:00'),
        'Message-ID: <r2@a>',
        'In-Reply-To: <m2@me>',
      ]),
      // an answer dated before the message it answers (a wrong clock)
      mail([`From: ${ME}`, 'To: ann@a.example', 'Subject: Skew', at('20:00'), 'Message-ID: <m3@me>']),
      mail([
        'From: ann@a.example',
        `To: ${ME}`,
        'Subject: Re: Skew',
        at('19:30'),
        'Message-ID: <r3@a>',
        'In-Reply-To: <m3@me>',
      ]),
    ].join('');
    const path = join(dir, 'same-second.mbox');
    writeFileSync(path, text);
    await importFiles(t.ctx, 'mbox', [path], { me: [ME] });
    // three messages await an answer (the newsletter does not), all answered: after 1 h, 2 h and (clamped) 0 h
    expect((await showPerson(t.ctx, 'ann@a.example')).stats).toMatchObject({
      outbound: 4,
      replies: 3,
      replyLatencyMedianHours: 1,
      repliedWithin24hShare: 1,
    });
    // as of 19:45 the skewed answer is there but the message it answers is not yet
    const before = { ...t.ctx, now: Date.UTC(2026, 2, 2, 19, 45) };
    expect((await showPerson(before, 'ann@a.example')).stats).toMatchObject({
      outbound: 3,
      replies: 2,
      replyLatencyMedianHours: 1.5,
      repliedWithin24hShare: 1,
    });
  });

  it('counts a message answered through the user’s follow-up of it, in either order of the files', async () => {
    const at = (h: string) => `Date: Tue, 3 Mar 2026 ${h}:00 +0000`;
    const asked = mail([`From: ${ME}`, 'To: bo@b.example', 'Subject: Proposal', at('09:00'), 'Message-ID: <p1@me>']);
    const nudge = mail([
      `From: ${ME}`,
      'To: bo@b.example',
      'Subject: Re: Proposal',
      at('15:00'),
      'Message-ID: <p2@me>',
      'In-Reply-To: <p1@me>',
    ]);
    const answer = mail([
      'From: bo@b.example',
      `To: ${ME}`,
      'Subject: Re: Proposal',
      at('17:00'),
      'Message-ID: <p3@b>',
      'In-Reply-To: <p2@me>',
    ]);
    const files = { sent: join(dir, 'sent.mbox'), inbox: join(dir, 'inbox.mbox') };
    writeFileSync(files.sent, asked + nudge);
    writeFileSync(files.inbox, answer);
    const seen: unknown[] = [];
    for (const order of [
      [files.sent, files.inbox],
      [files.inbox, files.sent],
    ]) {
      const db = await openTestDatabase(T0);
      try {
        for (const file of order) await importFiles(db.ctx, 'mbox', [file], { me: [ME] });
        const shown = await showPerson(db.ctx, 'bo@b.example');
        // both of the user's messages answered within the day: the first after 8 h, through the nudge
        expect(shown.stats).toMatchObject({
          outbound: 2,
          replies: 1,
          replyLatencyMedianHours: 2,
          repliedWithin24hShare: 1,
        });
        expect(shown.evaluated.components.find((c) => c.key === 'responsiveness')?.evidence).toMatch(
          /they answered 100%/,
        );
        const stored = await loadSummaries(db.store.db, db.ctx.workspaceId, [shown.person.id]);
        await rescore(db.ctx);
        expect(await loadSummaries(db.store.db, db.ctx.workspaceId, [shown.person.id])).toEqual(stored);
        seen.push(shown.evaluated.components);
      } finally {
        await db.close();
      }
    }
    expect(seen[1]).toEqual(seen[0]);
  });

  it('learns a send-as alias from Gmail’s Sent label: mail to it is the user’s, and it is remembered', async () => {
    const file = join(dir, 'takeout.mbox');
    const alias = 'me@work.example';
    const sent = message(0, alias, 'bob@example.org').replace('Subject:', 'X-Gmail-Labels: Sent,Opened\nSubject:');
    const inbox = message(1, 'Carol <carol@example.org>', alias).replace('Subject:', 'X-Gmail-Labels: Inbox\nSubject:');
    writeFileSync(file, sent + inbox);
    const report = await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
    expect(report.me).toEqual({ addresses: [ME, alias], guessed: false, learned: [alias] });
    expect(report.interactions.created).toBe(2);
    expect(report.skipped).toEqual({});
    const next = await importFiles(t.ctx, 'mbox', [file], {});
    expect(next.me?.addresses).toEqual([ME, alias]);
    expect(next.interactions).toEqual({ created: 0, duplicates: 2 });
  });

  it('takes mail to a send-as alias that came before the alias’s first Sent message, in an mbox and in eml files', async () => {
    const alias = 'me@work.example';
    const gmail = (text: string, labels: string) => text.replace('Subject:', `X-Gmail-Labels: ${labels}\nSubject:`);
    const early = gmail(message(0, 'Carol <carol@example.org>', alias), 'Inbox');
    const stranger = gmail(message(1, 'Dan <dan@example.org>', 'eve@example.org'), 'Inbox');
    const sent = gmail(message(2, alias, 'bob@example.org'), 'Sent');
    const file = join(dir, 'takeout.mbox');
    // the message before is far enough back to be in an earlier batch of the reader
    const filler = Array.from({ length: BATCH_MESSAGES + 5 }, (_, i) =>
      gmail(message(10 + i, `Person <p${i}@example.org>`, ME), 'Inbox'),
    );
    writeFileSync(file, [early, stranger, ...filler, sent].join(''));
    const report = await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
    expect(report.me?.learned).toEqual([alias]);
    expect(report.records).toBe(BATCH_MESSAGES + 8);
    expect(report.interactions.created).toBe(BATCH_MESSAGES + 7);
    expect(report.skipped).toEqual({ not_involved: 1 });
    expect((await showPerson(t.ctx, 'carol@example.org')).stats.interactions).toBe(1);

    const emlDir = join(dir, 'eml');
    mkdirSync(emlDir);
    const strip = (text: string) => text.replace(/^From .*\n/, '');
    const eml = [early, sent].map((text, i) => {
      const path = join(emlDir, `${i}.eml`);
      writeFileSync(path, strip(text));
      return path;
    });
    const other = await openTestDatabase(Date.UTC(2026, 0, 1));
    try {
      const fromEml = await importFiles(other.ctx, 'eml', eml, { me: [ME] });
      expect(fromEml.interactions.created).toBe(2);
      expect(fromEml.skipped).toEqual({});
    } finally {
      await other.close();
    }
  });

  it('reports a message without a date with its number and line, and imports the rest', async () => {
    const file = join(dir, 'mail.mbox');
    // no Date header, and no date on its From line either
    const broken = message(1, 'Them <them@example.org>', ME)
      .replace(/^Date: .*\n/m, '')
      .replace(/^From .*\n/, 'From them@example.org\n');
    writeFileSync(file, message(0, ME, 'them@example.org') + broken);
    const report = await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
    expect(report.interactions.created).toBe(1);
    // both messages were read: the records add up to what the file holds
    expect(report.records).toBe(2);
    expect(report.issues.map((i) => ({ file: i.file, line: i.line, record: i.record, code: i.code }))).toEqual([
      { file, line: 10, record: 'message 2', code: 'bad_date' },
    ]);
  });

  it('imports a message whose headers run over the cap from what was read, and says so, in an mbox and as a file', async () => {
    const huge = `X-Huge: ${'x'.repeat(300 * 1024)}\n`;
    // everything the message needs comes before the huge field; a field after it is never read
    const cut = message(1, 'Them <them@example.org>', ME).replace(
      /^(Message-ID: .*\n)/m,
      `$1${huge}Cc: lost@example.org\n`,
    );
    const file = join(dir, 'mail.mbox');
    writeFileSync(file, message(0, ME, 'them@example.org') + cut);
    const report = await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
    expect(report.interactions.created).toBe(2);
    expect(report.records).toBe(2);
    expect(report.issues.map((i) => ({ line: i.line, record: i.record, code: i.code }))).toEqual([
      { line: 10, record: 'message 2', code: 'headers_too_long' },
    ]);
    const eml = join(dir, 'cut.eml');
    writeFileSync(eml, cut.replace(/^From .*\n/, '').replace('m1@', 'm9@'));
    const again = await importFiles(t.ctx, 'eml', [eml], { me: [ME] });
    expect(again.interactions.created).toBe(1);
    expect(again.issues.map((i) => i.code)).toEqual(['headers_too_long']);
  });

  it('stores mail dated after a replayed --now, in an mbox and as a file, and leaves it out of that replay', async () => {
    const text = mail([
      'From: Ann Bell <ann@a.example>',
      `To: ${ME}`,
      'Subject: hello',
      'Date: Mon, 6 Jan 2025 10:00:00 +0000',
      'Message-ID: <h1@a>',
    ]);
    const mbox = join(dir, 'later.mbox');
    const eml = join(dir, 'later.eml');
    writeFileSync(mbox, text);
    writeFileSync(eml, text.slice(text.indexOf('\n') + 1));
    // replaying 2024-12-01 on 2026-06-01
    const replay = { ...t.ctx, now: Date.UTC(2024, 11, 1), clock: Date.UTC(2026, 5, 1) };
    const first = await importFiles(replay, 'mbox', [mbox], { me: [ME] });
    expect([first.interactions.created, first.issues]).toEqual([1, []]);
    const again = await importFiles(replay, 'eml', [eml], { me: [ME] });
    expect([again.interactions.created, again.interactions.duplicates, again.issues]).toEqual([0, 1, []]);
    expect((await showPerson(replay, 'ann@a.example')).stats.interactions).toBe(0);
    expect((await showPerson({ ...t.ctx, now: Date.UTC(2025, 0, 7) }, 'ann@a.example')).stats.inbound).toBe(1);
    // days after the clock: a clock gone wrong, as before
    const ahead = join(dir, 'ahead.eml');
    writeFileSync(
      ahead,
      text
        .slice(text.indexOf('\n') + 1)
        .replace('6 Jan 2025', '6 Jan 2027')
        .replace('<h1@a>', '<h2@a>'),
    );
    const refused = await importFiles(replay, 'eml', [ahead], { me: [ME] });
    expect(refused.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/dated 2027-01-06, in the future; skipped/),
    ]);
  });

  it('dates a message whose Date no mail can have (1970, years ahead) by its Received or From line, and says so', async () => {
    const file = join(dir, 'clock.mbox');
    const zero = message(1, 'Pat <pat@example.org>', ME)
      .replace(/^Date: .*$/m, 'Date: Thu, 01 Jan 1970 00:00:00 +0000')
      .replace(/^From: /m, 'Received: from a by b; Mon, 4 Mar 2024 10:00:00 +0000\nFrom: ');
    const ahead = message(2, 'Quinn <quinn@example.org>', ME)
      .replace(/^Date: .*$/m, 'Date: Sat, 1 Jan 2039 10:00:00 +0000')
      .replace(/^From .*$/m, 'From - Tue Mar  5 10:00:00 2024');
    // nothing better to read: skipped as before
    const lost = message(3, 'Rey <rey@example.org>', ME)
      .replace(/^Date: .*$/m, 'Date: Thu, 01 Jan 1970 00:00:00 +0000')
      .replace(/^From .*$/m, 'From rey@example.org');
    writeFileSync(file, zero + ahead + lost);
    const report = await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
    expect(report.interactions.created).toBe(2);
    expect(report.issues.map((i) => i.message)).toEqual([
      `message 1 has a Date header before there was email ("Thu, 01 Jan 1970 00:00:00 +0000"); dated by its first Received line`,
      `message 2 has a Date header in the future ("Sat, 1 Jan 2039 10:00:00 +0000"); dated by its From line`,
      `message 3 is dated 1970-01-01, before there was email; skipped`,
    ]);
    const at = await t.store.db.selectFrom('interactions').select('at').orderBy('at').execute();
    expect(at.map((r) => new Date(Number(r.at)).toISOString())).toEqual([
      '2024-03-04T10:00:00.000Z',
      '2024-03-05T10:00:00.000Z',
    ]);
  });

  it('dates a message without a Date header by its From line, as mail programs show it', async () => {
    const file = join(dir, 'mail.mbox');
    const undated = message(1, 'Them <them@example.org>', ME)
      .replace(/^Date: .*\n/m, '')
      .replace(/^From .*\n/, 'From - Mon Apr 20 10:00:00 2026\n');
    writeFileSync(file, undated);
    const report = await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
    expect(report.interactions.created).toBe(1);
    expect(report.issues).toEqual([]);
    const at = await t.store.db.selectFrom('interactions').select('at').execute();
    expect(at.map((r) => new Date(Number(r.at)).toISOString())).toEqual(['2026-04-20T10:00:00.000Z']);
  });

  it('imports an mbox whose first message has no headers, reporting that message', async () => {
    const file = join(dir, 'mail.mbox');
    writeFileSync(
      file,
      `From x Mon Jan  1 00:00:00 2024\n\nA first message without headers.\n\n${message(0, ME, 'them@example.org')}`,
    );
    const report = await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
    expect(report.interactions.created).toBe(1);
    expect(report.records).toBe(2);
    expect(report.issues.map((i) => ({ line: i.line, record: i.record, code: i.code }))).toEqual([
      { line: 1, record: 'message 1', code: 'no_headers' },
    ]);
  });

  it('threads answers without reply headers across mailboxes imported one by one, in either order', async () => {
    const noHeaders = (i: number, from: string, to: string, subject: string) =>
      message(i, from, to, { subject }).replace(/^Message-ID: .*\n/m, '');
    const inbox = join(dir, 'Inbox.mbox');
    const sent = join(dir, 'Sent.mbox');
    // their answer 3 hours after the user's message; the user's answer to theirs 5 hours later
    writeFileSync(
      inbox,
      noHeaders(3, 'Li <li@x.example>', ME, 'Re: Budget') + noHeaders(10, 'li@x.example', ME, 'Plan'),
    );
    writeFileSync(sent, noHeaders(0, ME, 'li@x.example', 'Budget') + noHeaders(15, ME, 'li@x.example', 'RE: Plan'));
    await importFiles(t.ctx, 'mbox', [inbox], { me: [ME] });
    await importFiles(t.ctx, 'mbox', [sent], { me: [ME] });
    const replies = await t.store.db
      .selectFrom('interactions as c')
      .innerJoin('interactions as p', 'p.id', 'c.reply_to_id')
      .select(['c.note as answer', 'p.note as message'])
      .orderBy('c.at')
      .execute();
    expect(replies).toEqual([
      { answer: 'Re: Budget', message: 'Budget' },
      { answer: 'RE: Plan', message: 'Plan' },
    ]);
    // the answers stay staged by subject: a later mailbox may hold a closer message
    expect((await t.store.db.selectFrom('reply_keys').select('parent_key').execute()).length).toBe(2);
  });

  it('stops the reader’s worker and keeps nothing when storing fails half-way', async () => {
    const file = join(dir, 'mail.mbox');
    writeFileSync(file, mailbox().text);
    const before = process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const failing = (stage: string, done: number) => {
      if (stage === 'messages' && done > 0) throw new Error('the disk is full');
    };
    await expect(importFiles(t.ctx, 'mbox', [file], { me: [ME], onProgress: failing })).rejects.toThrow(
      'the disk is full',
    );
    // a worker left running would hold its port open, and the process with it
    expect(process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length).toBe(before);
    const stored = await t.store.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
  });
});

describe('an answer to a message sent without a subject', () => {
  it('is known by its bare "RE:", in one file or in two, in either order', async () => {
    const asked = mail([
      `From: ${ME}`,
      'To: Mike <mike@x.example>',
      'Subject:',
      `Date: ${date(0)}`,
      'Message-ID: <q@x>',
    ]);
    const answer = mail([
      'From: Mike <mike@x.example>',
      `To: ${ME}`,
      'Subject: RE:',
      `Date: ${date(1)}`,
      'Message-ID: <a@x>',
    ]);
    // and another message without a subject, not an answer: it answers nothing
    const other = mail([
      'From: Mike <mike@x.example>',
      `To: ${ME}`,
      'Subject:',
      `Date: ${date(2)}`,
      'Message-ID: <o@x>',
    ]);
    for (const files of [[asked + answer + other], [asked, answer + other], [answer + other, asked]]) {
      await t.close();
      t = await openTestDatabase(T0);
      dir = dirname(t.path);
      const paths = files.map((text, i) => {
        const file = join(dir, `m${i}.mbox`);
        writeFileSync(file, text);
        return file;
      });
      for (const file of paths) await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
      const { stats } = await showPerson(t.ctx, 'mike@x.example');
      expect(stats, `${files.length} files`).toMatchObject({
        replies: 1,
        replyLatencyMedianHours: 1,
        repliedWithin24hShare: 1,
      });
    }
  });
});

describe('a mail file that cannot be opened', () => {
  it('is refused in a sentence naming it, not with the system error', async () => {
    const long = join('/tmp', 'x'.repeat(300));
    await expect(headOf(long, 16)).rejects.toThrow(`${long} cannot be read: the path is too long`);
  });
});

describe('the people an import counts', () => {
  it('counts a person once, as created, when two files of one import name them', async () => {
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Shona Wilson\r\nEMAIL:shona@example.com\r\nEND:VCARD\r\n';
    const letter = (id: string) =>
      `From: me@example.com\r\nTo: Shona Wilson <shona@example.com>\r\nMessage-ID: <${id}@x>\r\nDate: Tue, 5 May 2026 10:00:00 +0000\r\nSubject: Hi\r\n\r\nHi\r\n`;
    for (const name of ['a', 'b']) {
      writeFileSync(join(dir, `${name}.vcf`), card);
      writeFileSync(join(dir, `${name}.eml`), letter(name));
    }
    const cards = await importFiles(t.ctx, 'vcard', [join(dir, 'a.vcf'), join(dir, 'b.vcf')]);
    expect(cards.people).toEqual({ created: 1, matched: 0 });
    const messages = await importFiles(t.ctx, 'eml', [join(dir, 'a.eml'), join(dir, 'b.eml')], { me: [ME] });
    expect([messages.people, messages.interactions.created]).toEqual([{ created: 0, matched: 1 }, 2]);
  });
});

describe('someone the user added, at the address in the most messages', () => {
  const forwarded = () =>
    message(0, 'Sam Lee <sam@corp.example>', 'Ann <ann@client.example>').replace(
      /^To: .*$/m,
      `To: Ann <ann@client.example>\nCc: ${ME}`,
    ) + message(1, 'sam@corp.example', 'ben@client.example');

  async function addSam() {
    const sam = await addPerson(t.ctx, { name: 'Sam Lee', emails: ['sam@corp.example'], org: 'Corp' });
    await logInteraction(t.ctx, { people: [String(sam.id)], channel: 'meeting', at: Date.UTC(2023, 11, 1) });
    return sam;
  }

  it('is not guessed to be the user, and nothing of theirs is taken out', async () => {
    const sam = await addSam();
    const file = join(dir, 'fwd.mbox');
    writeFileSync(file, forwarded());
    const report = await importFiles(t.ctx, 'mbox', [file]);
    expect(report.meNotGuessed).toEqual(['sam@corp.example']);
    // the rest are in one message each: nothing tells which is the user's
    expect([report.me, report.meUnknown, report.takenOut]).toEqual([undefined, true, undefined]);
    const show = await showPerson(t.ctx, String(sam.id));
    expect(show.person.name).toBe('Sam Lee');
    expect(show.recent.some((i) => i.channel === 'meeting')).toBe(true);
  });

  it('is not guessed to be the user at another spelling of their Gmail address either', async () => {
    await addPerson(t.ctx, { name: 'Sam Lee', emails: ['sam.lee@gmail.com'] });
    const file = join(dir, 'fwd.mbox');
    writeFileSync(file, forwarded().replace(/sam@corp\.example/g, 'samlee@gmail.com'));
    const report = await importFiles(t.ctx, 'mbox', [file]);
    expect([report.meNotGuessed, report.me]).toEqual([['samlee@gmail.com'], undefined]);
  });

  it('is held, not taken out, when --me names their address', async () => {
    const sam = await addSam();
    const file = join(dir, 'fwd.mbox');
    writeFileSync(file, forwarded());
    const report = await importFiles(t.ctx, 'mbox', [file], { me: ['sam@corp.example'] });
    expect(report.takenOut).toBeUndefined();
    expect(report.ownAddressHeld).toEqual([{ id: sam.id, name: 'Sam Lee', address: 'sam@corp.example' }]);
    expect((await showPerson(t.ctx, String(sam.id))).person.name).toBe('Sam Lee');
  });
});

describe('a contact of the user’s own address that the user tagged', () => {
  it('is held, not taken out, when --me names the address', async () => {
    const card = join(dir, 'me.vcf');
    writeFileSync(card, `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Me Myself\r\nEMAIL:${ME}\r\nEND:VCARD\r\n`);
    await importFiles(t.ctx, 'vcard', [card]);
    const mine = (await showPerson(t.ctx, ME)).person;
    await editPerson(t.ctx, mine.id, { tags: ['family'] });
    const file = join(dir, 'a.mbox');
    writeFileSync(file, message(1, `Me <${ME}>`, 'ann@a.example'));
    const report = await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
    expect(report.takenOut).toBeUndefined();
    expect(report.ownAddressHeld).toEqual([{ id: mine.id, name: 'Me Myself', address: ME }]);
    expect((await showPerson(t.ctx, String(mine.id))).person.tags).toEqual(['family']);
  });
});

describe('the user’s addresses given with --me', () => {
  it('are written with the first file stored: a dry run says whom it would take out and writes nothing', async () => {
    const file = join(dir, 'a.eml');
    writeFileSync(
      file,
      'From: Brent Price <brent@example.com>\r\nTo: Sally Beck <sally@example.com>\r\nMessage-ID: <a@x>\r\nDate: Tue, 5 May 2026 10:00:00 +0000\r\nSubject: Hi\r\n\r\nHi\r\n',
    );
    await importFiles(t.ctx, 'eml', [file], { me: ['sally@example.com'] });
    const people = async () =>
      (await t.store.db.selectFrom('people').select('name').orderBy('name').execute()).map((p) => p.name);
    expect(await people()).toEqual(['Brent Price']);
    const settings = async () =>
      (await t.store.db.selectFrom('workspace_settings').select(['key', 'value']).orderBy('key').execute()).map(
        (r) => `${r.key}=${r.value}`,
      );
    const before = await settings();
    // Brent's address is the user's too: the person made of it goes
    const dry = await importFiles(t.ctx, 'eml', [file], { me: ['brent@example.com'], dryRun: true });
    expect(dry.takenOut?.map((p) => p.name)).toEqual(['Brent Price']);
    expect([await people(), await settings()]).toEqual([['Brent Price'], before]);
    const real = await importFiles(t.ctx, 'eml', [file], { me: ['brent@example.com'] });
    expect(real.takenOut?.map((p) => p.name)).toEqual(['Brent Price']);
    expect(await people()).toEqual([]);
    expect(await settings()).not.toEqual(before);
  });
});

describe('the user’s second address, made a person before it was known as theirs', () => {
  it('leaves the others of its messages scored as if it had been known from the start', async () => {
    const file = join(dir, 'group.mbox');
    writeFileSync(
      file,
      [
        mail([
          'From: ann@a.example',
          `To: ${ME}, me@home.example, bob@b.example`,
          'Subject: Plan',
          'Date: Mon, 2 Mar 2026 09:00:00 +0000',
          'Message-ID: <p1@a>',
        ]),
        mail([
          'From: ann@a.example',
          `To: ${ME}, me@home.example`,
          'Subject: Plan 2',
          'Date: Tue, 3 Mar 2026 09:00:00 +0000',
          'Message-ID: <p2@a>',
        ]),
      ].join(''),
    );
    const scored = async () => {
      const ids = (await t.store.db.selectFrom('people').select('id').orderBy('id').execute()).map((r) => Number(r.id));
      const rows = await t.store.db
        .selectFrom('participations as p')
        .innerJoin('people as pe', 'pe.id', 'p.person_id')
        .select(['pe.name', 'p.at', 'p.audience', 'p.co_ids'])
        .orderBy('p.at')
        .orderBy('pe.name')
        .execute();
      // people in common by name: the ids differ (the taken-out address had one)
      const names = new Map(
        (await t.store.db.selectFrom('people').select(['id', 'name']).execute()).map((r) => [Number(r.id), r.name]),
      );
      const summaries = [...(await loadSummaries(t.store.db, t.ctx.workspaceId, ids)).values()].map((x) => ({
        ...x,
        common: x.common.map((id) => names.get(id)),
      }));
      return {
        rows: rows.map((r) => [r.name, Number(r.at), r.audience, r.co_ids === null ? null : 'some']),
        summaries,
      };
    };
    await importFiles(t.ctx, 'mbox', [file], { me: [ME] });
    await importFiles(t.ctx, 'mbox', [file], { me: [ME, 'me@home.example'] });
    const taken = await scored();
    const text = readFileSync(file);
    await t.close();
    t = await openTestDatabase(T0);
    dir = dirname(t.path);
    writeFileSync(join(dir, 'group.mbox'), text);
    await importFiles(t.ctx, 'mbox', [join(dir, 'group.mbox')], { me: [ME, 'me@home.example'] });
    expect(taken).toEqual(await scored());
    // Ann's first message: Ann and Bob besides the user (her second address no longer one of them)
    expect(taken.rows.slice(0, 2)).toEqual([
      ['Ann', Date.UTC(2026, 2, 2, 9), 2, 'some'],
      ['Bob', Date.UTC(2026, 2, 2, 9), 2, 'some'],
    ]);
  });
});

describe('a message of the user’s imported again after they changed an address', () => {
  it('makes no one of the old address when its Bcc only repeats its Cc (Lotus Notes)', async () => {
    const file = join(dir, 'sent.eml');
    writeFileSync(
      file,
      [
        'From: Vince <vince@example.com>',
        'To: shirley@example.com',
        'Cc: clayton@example.com, Stinson Gibner <stinson@old.example>',
        'Bcc: clayton@example.com, Stinson Gibner <stinson@old.example>',
        'Message-ID: <reschedule@x>',
        'Date: Tue, 5 May 2026 10:00:00 +0000',
        'Subject: reschedule',
        '',
        'Hi',
        '',
      ].join('\r\n'),
    );
    await importFiles(t.ctx, 'eml', [file], { me: ['vince@example.com'] });
    const stinson = await t.store.db
      .selectFrom('person_emails')
      .select('person_id')
      .where('email', '=', 'stinson@old.example')
      .executeTakeFirstOrThrow();
    await editPerson(t.ctx, Number(stinson.person_id), { emails: ['stinson@new.example'] });
    const again = await importFiles(t.ctx, 'eml', [file]);
    expect([again.people.created, again.interactions.created]).toEqual([0, 0]);
    const people = await t.store.db.selectFrom('people').select('name').orderBy('id').execute();
    expect(people.map((p) => p.name)).toEqual(['Shirley', 'Clayton', 'Stinson Gibner']);
  });
});
