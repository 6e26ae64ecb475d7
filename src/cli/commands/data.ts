import { once } from 'node:events';
import type { Stats } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Argument, type Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { unwritable } from '../../app/file-text.js';
import type { ProgressFile } from '../../app/import/options.js';
import { visible } from '../../domain/clean-text.js';
import { choiceOption, collect, positiveInt } from '../options.js';
import { out, pc } from '../output.js';
import { progressBar } from '../progress.js';
import { databasePath, type GlobalOptions, withContext } from '../session.js';

const IMPORT_FORMATS = ['linkedin', 'google', 'vcard', 'ics', 'mbox', 'eml', 'json'] as const;

const IMPORT_HELP = `
Formats:
  linkedin  the LinkedIn data export: its zip, its folder, or its CSV files
  google    Google Contacts CSV (current or legacy export)
  vcard     vCard 2.1, 3.0 or 4.0 (.vcf), one or many cards per file
  ics       iCalendar (.ics): meetings become interactions with their attendees
  mbox      mailbox files (Thunderbird, Gmail Takeout), or folders of them (Apple Mail's
            Inbox.mbox); streamed, any size
  eml       single message files (.eml), or folders of them (a Maildir, saved messages)
  json      a Rapport export (rapport export --format json)

Mail and calendars need your own addresses to tell who wrote to whom: pass --me (once per
address); they are remembered. Without any, the address found in the most messages (or
meetings) is taken and the report says so. Importing the same file again changes nothing.`;

export function registerDataCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('import')
    .description('import contacts, messages and meetings from files: people, interactions, reply times, the ledger')
    .addArgument(new Argument('<format>', 'file format').choices(IMPORT_FORMATS))
    .argument('<files...>', 'files or folders to import (for linkedin: the export zip, its folder or its CSV files)')
    .option(
      '--me <email|profile>',
      'your own address, for mail and calendars, or your LinkedIn profile URL (repeatable; remembered); for an old LinkedIn export without profile URLs, your name as it writes it',
      collect,
    )
    .option('--dry-run', 'show what would be imported, change nothing')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', IMPORT_HELP)
    .action(
      async (
        format: (typeof IMPORT_FORMATS)[number],
        files: string[],
        o: { dryRun?: boolean; json?: boolean; me?: string[] },
      ) => {
        if (files.some((f) => f.trim() === ''))
          throw new AppError('invalid_input', 'a file name given to import is empty (an unset variable?)');
        await withContext(
          globals(),
          async (ctx) => {
            const { importFiles } = await import('../../app/import/index.js');
            const bar = stagedProgress(!o.json && process.stderr.isTTY === true);
            try {
              const report = await importFiles(ctx, format, files, {
                dryRun: o.dryRun ?? false,
                me: o.me ?? [],
                onProgress: bar.update,
              });
              bar.stop();
              if (o.json) {
                out.json(report);
                // what it took as the user's own: a notice, on stderr beside the JSON too
                ownerNotes(report);
              } else printReport(report);
              const refused = report.refused ?? [];
              if (refused.length > 0)
                throw new AppError(
                  'file_rejected',
                  `${plural(refused.length, 'file')} of ${report.files.length + refused.length} refused, nothing of ${refused.length === 1 ? 'it' : 'them'} written: ${visible(refused.map((r) => r.message).join('; '))}`,
                );
            } finally {
              bar.stop();
            }
          },
          { readOnlyRun: o.dryRun === true },
        );
      },
    );

  program
    .command('duplicates')
    .description('people who may be one person: the same name with details that did not allow a safe merge')
    .option('--json', 'print the groups as JSON')
    .option(
      '--limit <n>',
      'at most this many groups of each kind (one name, one profile, a pair an import found)',
      positiveInt,
      200,
    )
    .action(async (o: { json?: boolean; limit: number }) => {
      await withContext(globals(), async (ctx) => {
        const { listDuplicates } = await import('../../app/duplicates.js');
        const { groups, more } = await listDuplicates(ctx, o.limit);
        // said on stderr, after the list, so that --json stays the list
        const moreNote = () => {
          if (more)
            out.note(
              `Listed the first ${o.limit.toLocaleString('en')} groups of each kind; there are more (rapport duplicates --limit ${o.limit * 5}).`,
            );
        };
        if (o.json) {
          out.json(
            groups.map((g) => ({
              name: g.name,
              reasons: g.reasons,
              total: g.total,
              people: g.people.map((p) => ({
                id: p.id,
                name: p.name,
                emails: p.emails,
                phones: p.phones,
                org: p.org,
                linkedin: p.linkedin,
                interactions: p.interactions,
              })),
            })),
          );
          return moreNote();
        }
        if (groups.length === 0) return out.line('No possible duplicates.');
        for (const g of groups) {
          out.line(`${pc.bold(g.name)}: ${g.reasons.join('; ')}`);
          for (const p of g.people)
            out.line(
              `  #${p.id}  ${[p.emails.join(', '), p.phones.join(', '), p.org, p.linkedin].filter(Boolean).join(' · ') || 'no details'}  (${plural(p.interactions, 'interaction')})`,
            );
          if (g.total > g.people.length)
            out.line(`  … and ${(g.total - g.people.length).toLocaleString('en')} more of this name`);
        }
        out.note(`Same person: rapport merge KEEP-ID OTHER-ID · different people: rapport distinct ID ID`);
        moreNote();
      });
    });

  program
    .command('merge')
    .description('merge the second person into the first: emails, history, ledger, needs and steps move over')
    .argument('<keep>', 'the person to keep (id, email or name)')
    .argument('<other>', 'the person merged into them and removed')
    .option('--json', 'print the result as JSON')
    .action(async (keepWho: string, otherWho: string, o: { json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ mergePeople }, { resolvePerson }] = await Promise.all([
          import('../../app/duplicates.js'),
          import('../../app/people.js'),
        ]);
        const keep = await resolvePerson(ctx, keepWho);
        const other = await resolvePerson(ctx, otherWho);
        // two names of one person (the same merge again, by email): said as such
        if (keep.id === other.id && keepWho.trim() !== otherWho.trim())
          throw new AppError('invalid_input', `${keepWho} and ${otherWho} are one person: ${keep.name} (${keep.id})`);
        const r = await mergePeople(ctx, keep.id, other.id);
        if (o.json)
          return out.json({
            id: r.kept.id,
            mergedId: r.mergedId,
            moved: r.moved,
            shared: r.shared,
            doubled: r.doubled,
            differed: r.differed,
          });
        out.line(
          `Merged ${other.name} (${other.id}) into ${r.kept.name} (${r.kept.id}): moved ` +
            [
              plural(r.moved.interactions, 'interaction') + (r.shared > 0 ? ` (${r.shared} they were both in)` : ''),
              plural(r.moved.exchanges, 'exchange'),
              plural(r.moved.needs, 'need'),
              plural(r.moved.nextSteps, 'next step'),
              plural(r.moved.milestones, 'milestone'),
            ].join(', '),
        );
        const doubled = [
          r.doubled.interactions ? plural(r.doubled.interactions, 'LinkedIn invitation') : '',
          r.doubled.exchanges === 1
            ? '1 ledger entry'
            : r.doubled.exchanges
              ? `${r.doubled.exchanges} ledger entries`
              : '',
        ].filter(Boolean);
        if (doubled.length > 0)
          out.note(
            `Kept once ${doubled.join(' and ')} both had from one source (a newer export gives them again under another profile URL)`,
          );
        for (const d of r.differed)
          out.note(
            `Kept ${d.field} ${d.kept}; ${other.name}'s ${d.merged} is in the notes (rapport edit ${r.kept.id} changes it)`,
          );
      });
    });

  program
    .command('distinct')
    .description('record that two people with the same name are different, so duplicates stops listing them')
    .argument('<a>', 'a person (id, email or name)')
    .argument('<b>', 'another person')
    .action(async (aWho: string, bWho: string) => {
      await withContext(globals(), async (ctx) => {
        const [{ markDistinct }, { resolvePerson }] = await Promise.all([
          import('../../app/duplicates.js'),
          import('../../app/people.js'),
        ]);
        const a = await resolvePerson(ctx, aWho);
        const b = await resolvePerson(ctx, bWho);
        await markDistinct(ctx, a.id, b.id);
        out.line(`Noted: ${a.name} (${a.id}) and ${b.name} (${b.id}) are different people`);
      });
    });

  program
    .command('export')
    .description('export the workspace: Rapport JSON (lossless), vCard 4.0 or CSV')
    .addOption(choiceOption('--format <format>', 'file format', ['json', 'vcard', 'csv']).default('json'))
    .option('--out <file>', 'write to this file, whole or not at all (default, or "-": standard output)')
    .action(async (o: { format: 'json' | 'vcard' | 'csv'; out?: string }) => {
      await withContext(globals(), async (ctx) => {
        const { exportWorkspace } = await import('../../app/export.js');
        if (o.out !== undefined && o.out.trim() === '')
          throw new AppError('invalid_input', '--out is empty: give the file to write, or - for standard output');
        const target = o.out === '-' ? undefined : o.out;
        const existing = target ? await stat(target).catch(() => undefined) : undefined;
        if (target && existing?.isDirectory())
          throw new AppError(
            'invalid_input',
            `${target} is a folder: give the file to write (--out ${join(target, `rapport.${o.format === 'vcard' ? 'vcf' : o.format}`)})`,
          );
        if (target && existing?.isFile()) await refuseDatabaseTarget(target, existing, databasePath(globals()));
        // written beside the file and renamed over it once complete: a failed export leaves no half
        // file; a device or a pipe (/dev/stdout, a named pipe) is written as it is, never replaced
        const device = target !== undefined && existing !== undefined && !existing.isFile();
        const partial =
          target && !device ? join(dirname(target), `.${basename(target)}.${process.pid}.partial`) : undefined;
        const stream = partial ? createWriteStream(partial) : device ? createWriteStream(target) : process.stdout;
        const failed = new Promise<never>((_, reject) => stream.once('error', reject));
        const sink = async (chunk: string) => {
          if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
        };
        try {
          const { people } = await Promise.race([exportWorkspace(ctx, o.format, sink), failed]);
          if (target && partial) {
            const file = stream as ReturnType<typeof createWriteStream>;
            file.end();
            await Promise.race([once(file, 'finish'), failed]);
            await rename(partial, target);
            out.note(`Exported ${people} ${people === 1 ? 'person' : 'people'} to ${target}`);
          }
          if (device) {
            const file = stream as ReturnType<typeof createWriteStream>;
            file.end();
            await Promise.race([once(file, 'finish'), failed]);
            out.note(`Exported ${people} ${people === 1 ? 'person' : 'people'} to ${target}`);
          }
        } catch (error) {
          if (device) {
            (stream as ReturnType<typeof createWriteStream>).destroy();
            throw unwritable(target, error);
          }
          if (!partial) throw error;
          (stream as ReturnType<typeof createWriteStream>).destroy();
          await rm(partial, { force: true });
          throw unwritable(target ?? partial, error);
        }
      });
    });

  program
    .command('rescore')
    .description('rebuild every relationship score from the raw events')
    .option('--json', 'print the result as JSON')
    .action(async (o: { json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const { rescore } = await import('../../app/rescore.js');
        const bar = progressBar('rescoring', !o.json && process.stderr.isTTY === true);
        const started = performance.now();
        const r = await rescore(ctx, (done, total) => bar.update(done, total));
        bar.stop();
        const seconds = (performance.now() - started) / 1000;
        if (o.json) return out.json({ ...r, seconds: Number(seconds.toFixed(3)) });
        out.line(`Rescored ${r.people} relationships from ${r.events} events in ${seconds.toFixed(2)} s`);
      });
    });
}

/**
 * One progress bar per stage of an import (finding your address, messages, scoring), and per file
 * when a stage starts over for the next file. A stage is measured from when the one before last
 * reported (its work began then, not at its first report).
 */
function stagedProgress(enabled: boolean) {
  let stage = '';
  let last = { done: 0, total: 0 };
  let bar = progressBar('', false);
  let since = Date.now();
  return {
    update: (name: string, done: number, total: number, records?: number, file?: ProgressFile) => {
      if (name !== stage || total !== last.total || done < last.done) {
        bar.stop();
        stage = name;
        bar = progressBar(name, enabled, since);
      }
      last = { done, total };
      since = Date.now();
      bar.update(done, total, records, file);
    },
    stop: () => bar.stop(),
  };
}

type Report = Awaited<ReturnType<typeof import('../../app/import/index.js').importFiles>>;

/** The import report for a person: what was created, matched, skipped and why, and the issues. */
function printReport(report: Report): void {
  // records read, those then skipped or found stored already included (the counts after say which)
  const verb = report.dryRun ? 'Dry run, nothing written: read' : 'Read';
  const files = `${report.files.length} ${report.files.length === 1 ? 'file' : 'files'}`;
  out.line(
    `${verb} ${whatWasRead(report)} ${report.events === undefined ? 'from' : 'in'} ${files}: ` +
      `${report.people.created} ${report.people.created === 1 ? 'person' : 'people'} created, ${report.people.matched} matched` +
      (report.people.removed
        ? `, ${report.people.removed} taken out (a meeting called off since was all they were in)`
        : '') +
      '; ' +
      `${plural(report.interactions.created, 'interaction')} created, ${report.interactions.duplicates} already there` +
      (report.interactions.removed
        ? report.format === 'linkedin'
          ? `, ${report.interactions.removed} stored before read again as yours`
          : `, ${report.interactions.removed} taken out (cancelled, declined or changed since)`
        : '') +
      (report.exchanges.created + report.exchanges.duplicates > 0
        ? `; ${plural(report.exchanges.created, 'exchange')} created, ${report.exchanges.duplicates} already there`
        : '') +
      (report.format === 'json'
        ? `; ${[
            [report.needs, 'need'],
            [report.offers, 'offer'],
            [report.nextSteps, 'next step'],
            [report.milestones, 'milestone'],
          ]
            .map(([c, what]) => {
              const { created, duplicates } = c as { created: number; duplicates: number };
              return `${plural(created, what as string)}${duplicates > 0 ? ` (${duplicates} already there)` : ''}`;
            })
            .join(', ')}`
        : ''),
  );
  ownerNotes(report);
  if (report.answers)
    out.note(
      `${answersTaken(report.answers)} taken in: a guest who declined is left out of the meeting answered, now or once it is imported`,
    );
  for (const t of report.takenOut ?? []) {
    const what = [
      ...(t.interactions > t.removed ? [`${plural(t.interactions - t.removed, 'interaction')} without them now`] : []),
      ...(t.removed > 0
        ? [`${plural(t.removed, 'message')} of yours removed (import them again to count them as yours)`]
        : []),
    ];
    out.note(
      `${report.dryRun ? 'Would take out' : 'Took out'} ${t.name} (#${t.id}): ${t.address} is yours, made a person by an earlier import${what.length > 0 ? `; ${what.join(', ')}` : ''}`,
    );
  }
  for (const t of report.listsTakenOut ?? []) {
    const kept = t.interactions - t.removed;
    const what = [
      ...(kept > 0 ? [`${plural(kept, 'message')} weighed as list mail now`] : []),
      ...(t.removed > 0 ? [`${plural(t.removed, 'message')} to the list alone removed`] : []),
    ];
    out.note(
      `${report.dryRun ? 'Would take out' : 'Took out'} ${t.name} (#${t.id}): ${t.address} is a mailing list, made a person by an earlier message${what.length > 0 ? `; ${what.join(', ')}` : ''}`,
    );
  }
  for (const h of report.ownAddressHeld ?? [])
    out.note(
      pc.yellow(
        `${h.address} is yours, but ${h.name} (#${h.id}) holds it beside other details: left as it is (see rapport show ${h.id})`,
      ),
    );
  if (report.pendingStored)
    out.note(
      `Stored ${plural(report.pendingStored, 'message')} an earlier import kept aside (${report.pendingStored === 1 ? 'it' : 'they'} involved nobody you knew then), now that you know someone in ${report.pendingStored === 1 ? 'it' : 'them'}`,
    );
  if (report.tabMailStored) {
    const one = report.tabMailStored === 1;
    out.note(
      `${report.dryRun ? 'Would store' : 'Stored'} ${plural(report.tabMailStored, 'message')} Gmail sorted into a tab that an earlier import left out (${one ? 'its sender was' : 'their senders were'} nobody you had written to), now that you have written to ${one ? 'its sender' : 'them'}`,
    );
  }
  if (report.joined) {
    const { people, messages, meetings = 0 } = report.joined;
    const what =
      meetings === 0
        ? `${plural(messages, 'message')} stored before they were known (bulk mail, a shared address)`
        : messages === 0
          ? `${plural(meetings, 'meeting')} stored before they were known (a large meeting, a shared address)`
          : `${plural(messages + meetings, 'message or meeting')} stored before they were known (bulk mail, a large meeting, a shared address)`;
    out.note(`${people === 1 ? '1 person' : `${people} people`} joined ${what}`);
  }
  if (report.copiesJoined) {
    const { people, meetings } = report.copiesJoined;
    out.note(
      `${people === 1 ? '1 person' : `${people} people`} joined ${plural(meetings, 'meeting')} stored before from another copy of ${meetings === 1 ? 'it' : 'them'} (the organizer's calendar names guests a guest's copy can leave out)`,
    );
  }
  const reasons = Object.entries(report.skipped ?? {});
  // with no address of the user's known, "not in" only means none of theirs could be told
  const reason = (r: string) => (r === 'not_involved' && report.meUnknown ? 'not_told_yours' : r);
  if (reasons.length > 0) out.note(`Skipped: ${reasons.map(([r, n]) => skipped(reason(r), n)).join(', ')}`);
  // addresses, not records: those seen that were not made people
  const notAdded = Object.entries(report.notAdded ?? {});
  if (notAdded.length > 0) out.note(`Not added as people: ${notAdded.map(([r, n]) => skipped(r, n)).join(', ')}`);
  const groups = report.duplicateGroups ?? 0;
  const listed = `rapport duplicates ${report.dryRun ? 'would list' : 'lists'} ${groups >= 1000 ? '1,000 or more' : groups.toLocaleString('en')} ${groups === 1 ? 'group' : 'groups'} of people who may be one`;
  const candidates = report.candidateCount ?? report.candidates.length;
  if ((report.candidates ?? []).length > 0)
    out.note(
      pc.yellow(
        `${candidates.toLocaleString('en')} possible ${candidates === 1 ? 'duplicate' : 'duplicates'} kept apart by this import (a name or an address in common, details that differ)${groups > 0 ? `; ${listed}` : ''}`,
      ),
    );
  else if (groups > 0 && report.people.created > 0)
    out.note(pc.yellow(`${listed} (the same name, or details in common)`));
  for (const i of report.issues.slice(0, 20))
    out.note(
      pc.yellow(visible(`${i.file}${i.line ? `:${i.line}` : ''}${i.record ? ` (${i.record})` : ''}: ${i.message}`)),
    );
  if (report.issues.length > 20)
    out.note(pc.yellow(`… and ${report.issues.length - 20} more issues (--json lists them all)`));
}

/**
 * What an import read, as its report's first line says it: records; for calendars the meetings
 * (each occurrence of a recurring one) and guests' answers, from the VEVENTs they were in (those
 * left out whole are counted among the skipped).
 */
function whatWasRead(report: Report): string {
  if (report.events === undefined) return plural(report.records, 'record');
  const meetings = plural(report.meetings ?? 0, 'meeting');
  const answers = report.answers ? ` and ${answersTaken(report.answers)}` : '';
  return `${meetings}${answers} from ${plural(report.events, 'event')} (${report.events === 1 ? 'VEVENT' : 'VEVENTs'})`;
}

/** "1 guest’s answer (REPLY)", "4 guests’ answers (REPLY)". */
function answersTaken(n: number): string {
  return n === 1 ? '1 guest’s answer (REPLY)' : `${n} guests’ answers (REPLY)`;
}

/** Why records were left out, as the report says it: [one, several]. */
const SKIP_REASONS: Record<string, readonly [string, string]> = {
  automated: [
    'automated message (a no-reply sender, an auto-reply, a notification)',
    'automated messages (no-reply senders, auto-replies, notifications)',
  ],
  mailing_list: ['mailing-list message', 'mailing-list messages'],
  newsletter: [
    'newsletter, campaign or offer (list headers, or Gmail’s Promotions tab)',
    'newsletters, campaigns and offers (list headers, or Gmail’s Promotions tab)',
  ],
  deleted: ['message deleted in your mail program', 'messages deleted in your mail program'],
  calendar: [
    'meeting invitation or answer a calendar sent (import the calendar for the meeting)',
    'meeting invitations and answers a calendar sent (import the calendar for the meetings)',
  ],
  not_involved: ['message you were not in', 'messages you were not in'],
  not_invited: [
    'meeting you were not in (neither organizer nor guest, in a calendar that names you)',
    'meetings you were not in (neither organizer nor guest, in a calendar that names you)',
  ],
  not_told_yours: [
    'message not told yours or anyone else’s (no address of yours known)',
    'messages not told yours or anyone else’s (no address of yours known)',
  ],
  hidden_recipients: [
    'message to undisclosed recipients (blind copies to an unknown audience)',
    'messages to undisclosed recipients (blind copies to an unknown audience)',
  ],
  no_counterparts: ['with nobody but you', 'with nobody but you'],
  declined: ['meeting you declined', 'meetings you declined'],
  cancelled: ['cancelled meeting', 'cancelled meetings'],
  all_day: ['all-day entry without attendees', 'all-day entries without attendees'],
  bad_date: ['without a readable date', 'without a readable date'],
  outdated: ['meeting older than the version already stored', 'meetings older than the version already stored'],
  other_reading: [
    'occurrence of a series stored before from another calendar, read there at another time (a floating time in another zone)',
    'occurrences of a series stored before from another calendar, read there at other times (floating times in another zone)',
  ],
  future: ['meeting still to come', 'meetings still to come'],
  changed_occurrence: [
    'occurrence of a series a changed version from another file replaces (moved or edited)',
    'occurrences of a series a changed version from another file replaces (moved or edited)',
  ],
  proposal: [
    'new time proposed (COUNTER) for a meeting whose invitation is not in the file',
    'new times proposed (COUNTER) for meetings whose invitations are not in the file',
  ],
  before_window: [
    'recurring meeting with no occurrence in the last three years',
    'recurring meetings with no occurrence in the last three years',
  ],
  occurrence_before_window: [
    'changed occurrence (RECURRENCE-ID) of a recurring meeting from before the last three years',
    'changed occurrences (RECURRENCE-ID) of recurring meetings from before the last three years',
  ],
  proposal_not_taken: [
    'new time proposed (COUNTER) for a meeting whose invitation is in the file (the invitation decides)',
    'new times proposed (COUNTER) for meetings whose invitations are in the file (the invitations decide)',
  ],
  superseded: [
    'older version of a meeting the file holds a newer one of (same UID: lower SEQUENCE, earlier DTSTAMP, or earlier in the file)',
    'older versions of meetings the file holds newer ones of (same UID: lower SEQUENCE, earlier DTSTAMP, or earlier in the file)',
  ],
  superseded_cancellation: [
    'cancellation (CANCEL) older than the version of its meeting in the file (the meeting stands)',
    'cancellations (CANCEL) older than the versions of their meetings in the file (the meetings stand)',
  ],
  older_answer: [
    'guest’s answer (REPLY) to an older version of its meeting, or answered again later',
    'guests’ answers (REPLY) to older versions of their meetings, or answered again later',
  ],
  empty_answer: [
    'answer (REPLY) giving no guest’s answer (no ATTENDEE with a PARTSTAT)',
    'answers (REPLY) giving no guest’s answer (no ATTENDEE with a PARTSTAT)',
  ],
  removed: [
    'record you removed (rapport remove) since the copy was made',
    'records you removed (rapport remove) since the copy was made',
  ],
  spam: ['message in spam', 'messages in spam'],
  draft: ['draft (never sent)', 'drafts (never sent)'],
  bulk_unknown: [
    'bulk message (over 10 people) to nobody you know yet (kept aside: stored when you import someone it went to)',
    'bulk messages (over 10 people) to nobody you know yet (kept aside: stored when you import someone they went to)',
  ],
  role_address: [
    'message only with a shared address (info@, support@…) you have not written to (kept aside: stored once you do)',
    'messages only with shared addresses (info@, support@…) you have not written to (kept aside: stored once you do)',
  ],
  role_addresses: ['shared address (info@, support@…)', 'shared addresses (info@, support@…)'],
  bulk_recipients: ['recipient of bulk messages', 'recipients of bulk messages'],
  bad_record: ['record left out for a problem (said below)', 'records left out for a problem (said below)'],
  own_card: ['contact card of your own', 'contact cards of your own'],
  crowd_attendees: ['attendee of meetings with over 25 people', 'attendees of meetings with over 25 people'],
  crowd_unknown: ['meeting with over 25 people you do not know', 'meetings with over 25 people you do not know'],
};

/** "1 automated message", "3 automated messages": a skip reason as the report says it. */
function skipped(reason: string, n: number): string {
  const forms = SKIP_REASONS[reason];
  return `${n} ${forms ? forms[n === 1 ? 0 : 1] : reason.replace(/_/g, ' ')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * An export never replaces a database: the one in use (the same file, or its journal), or any
 * other SQLite file (a workspace kept elsewhere, given as --out by a slip of the keyboard).
 */
async function refuseDatabaseTarget(target: string, existing: Stats, database: string): Promise<void> {
  for (const file of [database, `${database}-wal`, `${database}-shm`]) {
    const db = await stat(file).catch(() => undefined);
    if (db && db.dev === existing.dev && db.ino === existing.ino)
      throw new AppError('invalid_input', `${target} is the database in use: give another file to write`);
  }
  const head = Buffer.alloc(16);
  const handle = await open(target, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.read(head, 0, 16, 0);
  } finally {
    await handle.close();
  }
  if (head.toString('latin1') === 'SQLite format 3\u0000')
    throw new AppError(
      'invalid_input',
      `${target} is a database: an export does not replace one; give another file to write`,
    );
}

/** Which addresses or profile the import took as the user's (stderr, with or without --json). */
function ownerNotes(report: Report): void {
  const kept = report.dryRun ? 'it would be remembered (not on a dry run)' : 'it is remembered';
  if (report.meNotGuessed)
    out.note(
      `Not taken as your address: ${report.meNotGuessed.join(', ')} (in the most ${report.format === 'ics' ? 'meetings' : 'messages'}, but someone you added or logged an interaction with has it)`,
    );
  if (report.me?.name !== undefined && report.format === 'linkedin')
    out.note(
      report.me.guessed
        ? `Took "${report.me.name}" as you (the export names people without profile URLs, and that name is in more of the conversations than anyone); it is not remembered. To set it yourself, pass --me "YOUR NAME".`
        : `You in this export: "${report.me.name}"`,
    );
  else if (report.me && report.format === 'linkedin')
    out.note(
      report.me.guessed
        ? `Took ${report.me.addresses.join(', ')} as your LinkedIn profile (it is in more of the conversations and invitations than anyone); ${kept}. To set it yourself, pass --me YOUR-PROFILE-URL.`
        : `Your LinkedIn profile: ${report.me.addresses.join(', ')}`,
    );
  else if (report.meUnknown)
    out.note(
      pc.yellow(
        'Could not tell which address is yours (none is in more of the messages or meetings than any other, list and automated mail aside): pass --me YOUR-ADDRESS to tell which are yours',
      ),
    );
  else if (report.me)
    out.note(
      report.me.guessed
        ? `Took ${report.me.addresses.join(', ')} as your address (it is in the most ${report.format === 'ics' ? 'meetings' : 'messages'}); pass --me to set yours; ${kept}.`
        : `Your addresses: ${report.me.addresses.join(', ')}`,
    );
  if (report.me?.learned)
    out.note(
      `Gmail labels mail sent from ${report.me.learned.join(', ')} as yours (Sent): taken as your address too; ${kept}.`,
    );
  if (report.meGuessDropped)
    out.note(
      pc.yellow(
        `No longer taking ${report.meGuessDropped.join(', ')} as yours: an earlier import guessed it, and --me names yours. What was imported while the guess stood keeps that reading; to read those files again, import them into a new database (--db).`,
      ),
    );
}
