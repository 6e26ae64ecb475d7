import { Argument, type Command } from 'commander';
import type { Removed } from '../../app/remove.js';
import {
  CATEGORIES,
  type Category,
  CHANNELS,
  type Channel,
  DEPTHS,
  type Depth,
  DIRECTIONS,
  type Direction,
  REMOVABLE,
  type Removable,
} from '../../domain/vocabulary.js';
import { choiceOption, id, instant, list, wholeNumber } from '../options.js';
import { out } from '../output.js';
import { type GlobalOptions, withContext } from '../session.js';

export function registerLogCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('log')
    .description('log an interaction with one or more people (an unknown email adds the person)')
    .argument('<who...>', 'ids, emails or names')
    .addOption(choiceOption('--channel <channel>', 'how it happened', CHANNELS).makeOptionMandatory())
    .addOption(
      choiceOption(
        '--direction <direction>',
        'out: you started it; in: they did (default: mutual for meetings, calls, video and events, else out)',
        DIRECTIONS,
      ),
    )
    .addOption(choiceOption('--depth <depth>', 'default substantive', DEPTHS))
    .option('--at <time>', 'when it happened (default: now)', instant)
    .option('--minutes <n>', 'how long it lasted', wholeNumber)
    .option('--note <text>', 'what it was about')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        who: string[],
        o: {
          channel: Channel;
          direction?: Direction;
          depth?: Depth;
          at?: number;
          minutes?: number;
          note?: string;
          json?: boolean;
        },
      ) => {
        await withContext(globals(), async (ctx) => {
          const { logInteraction } = await import('../../app/interactions.js');
          const { findPeopleByIds } = await import('../../store/person.repository.js');
          const { formatInstant } = await import('../../domain/time.js');
          const r = await logInteraction(ctx, { people: who, ...o });
          const people = await findPeopleByIds(ctx.store.db, ctx.workspaceId, r.participantIds);
          if (o.json) return out.json({ ...r, at: formatInstant(o.at ?? ctx.now) });
          for (const p of people.filter((x) => r.createdPeople.includes(x.id)))
            out.line(`Added person ${p.id}: ${p.name} <${p.emails.join(', ')}>`);
          out.line(
            `Logged interaction ${r.id}: ${o.channel} with ${people.map((p) => p.name).join(', ')} at ${formatInstant(o.at ?? ctx.now)}`,
          );
        });
      },
    );

  const exchange =
    (direction: 'given' | 'received') =>
    async (
      who: string,
      o: { category: Category; note: string; impact?: string; at?: number; introduced?: string; json?: boolean },
    ) => {
      await withContext(globals(), async (ctx) => {
        const [{ recordExchange }, { exchangeView }] = await Promise.all([
          import('../../app/ledger.js'),
          import('../../app/views.js'),
        ]);
        const x = await recordExchange(ctx, { who, direction, ...o });
        if (o.json) return out.json(exchangeView(x));
        out.line(`Recorded exchange ${x.id}: ${direction === 'given' ? 'gave' : 'received'} ${x.category} (${x.note})`);
      });
    };

  program
    .command('give')
    .description(
      'record value you gave: time, talent, knowledge, access (introductions, referrals) or behavioral support',
    )
    .argument('<who>', 'id, email or name')
    .addOption(choiceOption('--category <category>', 'what kind of value', CATEGORIES).makeOptionMandatory())
    .requiredOption('--note <text>', 'what it was')
    .option('--impact <text>', 'the impact you expect it to have for them')
    .option('--introduced <who>', 'for an introduction: the person you introduced them to')
    .option('--at <time>', 'when (default: now)', instant)
    .option('--json', 'print JSON')
    .action(exchange('given'));

  program
    .command('receive')
    .description('record value you received (a referral or introduction is access)')
    .argument('<who>', 'id, email or name')
    .addOption(choiceOption('--category <category>', 'what kind of value', CATEGORIES).makeOptionMandatory())
    .requiredOption('--note <text>', 'what it was')
    .option('--at <time>', 'when (default: now)', instant)
    .option('--json', 'print JSON')
    .action(exchange('received'));

  program
    .command('ack')
    .description('they acknowledged the impact of value you gave')
    .argument('<exchange-id>', 'the exchange id', id)
    .option('--json', 'print JSON')
    .action(async (exchangeId: number, o: { json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ acknowledge }, { exchangeView }] = await Promise.all([
          import('../../app/ledger.js'),
          import('../../app/views.js'),
        ]);
        const x = await acknowledge(ctx, exchangeId);
        if (o.json) return out.json(exchangeView(x));
        out.line(`Exchange ${x.id} acknowledged`);
      });
    });

  program
    .command('need')
    .description('what a person struggles with or wants off their plate')
    .argument('<who>', 'id, email or name')
    .argument('<text>', 'the need')
    .option('--unmet', 'others are not meeting it')
    .option('--json', 'print JSON')
    .action(async (who: string, text: string, o: { unmet?: boolean; json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ addNeed }, { needView }] = await Promise.all([
          import('../../app/needs-offers.js'),
          import('../../app/views.js'),
        ]);
        const n = await addNeed(ctx, who, text, o.unmet ?? false);
        if (o.json) return out.json(needView(n));
        out.line(`Added need ${n.id}: ${n.text}`);
      });
    });

  program
    .command('offer')
    .description('a strength you offer (or, with --by, that someone can offer others)')
    .argument('<text>', 'the offer')
    .addOption(choiceOption('--category <category>', 'what kind of value', CATEGORIES).makeOptionMandatory())
    .option('--tags <tags>', 'comma-separated keywords', list)
    .option('--by <who>', 'a person who can offer this')
    .option('--json', 'print JSON')
    .action(async (text: string, o: { category: Category; tags?: string[]; by?: string; json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ addOffer }, { offerView }] = await Promise.all([
          import('../../app/needs-offers.js'),
          import('../../app/views.js'),
        ]);
        const x = await addOffer(ctx, { text, category: o.category, tags: o.tags, by: o.by });
        if (o.json) return out.json(offerView(x));
        out.line(`Added offer ${x.id}: ${x.text} (${x.category})`);
      });
    });

  program
    .command('offers')
    .description('your own offers (what you can give), with their ids; a person’s are in show')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ ownOffers }, { offerView }, { table }] = await Promise.all([
          import('../../app/needs-offers.js'),
          import('../../app/views.js'),
          import('../output.js'),
        ]);
        const offers = await ownOffers(ctx);
        if (o.json) return out.json(offers.map(offerView));
        if (offers.length === 0) return out.line('No offers of yours yet: rapport offer TEXT --category … adds one.');
        out.line(
          table(
            ['id', 'category', 'offer', 'tags'],
            offers.map((x) => [String(x.id), x.category, x.text, x.tags.join(', ')]),
            ['right', 'left', 'left', 'left'],
          ),
        );
      });
    });

  program
    .command('next')
    .description('agree a next step with a person')
    .argument('<who>', 'id, email or name')
    .argument('<text>', 'the step')
    .requiredOption('--due <date>', 'when it is due', instant)
    .option('--why <text>', 'why it appeals to them')
    .option('--json', 'print JSON')
    .action(async (who: string, text: string, o: { due: number; why?: string; json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ addNextStep }, { nextStepView }] = await Promise.all([
          import('../../app/next-steps.js'),
          import('../../app/views.js'),
        ]);
        const s = await addNextStep(ctx, { who, text, due: o.due, why: o.why });
        if (o.json) return out.json(nextStepView(s));
        out.line(`Added next step ${s.id}: ${s.text} (due ${new Date(s.due).toISOString().slice(0, 10)})`);
      });
    });

  program
    .command('done')
    .description('mark a next step done')
    .argument('<step-id>', 'the step id', id)
    .option('--json', 'print JSON')
    .action(async (stepId: number, o: { json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ finishNextStep }, { nextStepView }] = await Promise.all([
          import('../../app/next-steps.js'),
          import('../../app/views.js'),
        ]);
        const s = await finishNextStep(ctx, stepId);
        if (o.json) return out.json(nextStepView(s));
        out.line(`Next step ${s.id} done: ${s.text}`);
      });
    });

  program
    .command('remove')
    .description('remove something recorded by mistake: an interaction, exchange, need, offer, next step or milestone')
    .addArgument(new Argument('<kind>', 'what it is').choices(REMOVABLE))
    .argument('<id>', 'its id (log, give, need… print it; show lists them)', id)
    .option('--json', 'print what was removed as JSON')
    .action(async (kind: Removable, recordId: number, o: { json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ removeRecord }, { removedView }, { findPeopleByIds }, { formatInstant }] = await Promise.all([
          import('../../app/remove.js'),
          import('../../app/views.js'),
          import('../../store/person.repository.js'),
          import('../../domain/time.js'),
        ]);
        const removed = await removeRecord(ctx, kind, recordId);
        if (o.json) return out.json(removedView(removed));
        const ids =
          removed.kind === 'interaction' ? removed.record.participantIds : [removed.record.personId ?? []].flat();
        const names = (await findPeopleByIds(ctx.store.db, ctx.workspaceId, ids)).map((p) => p.name).join(', ');
        out.line(`Removed ${removedWhat(removed, names, formatInstant)}`);
      });
    });

  program
    .command('milestone')
    .description('a date to celebrate: a new role, a company win, an anniversary')
    .argument('<who>', 'id, email or name')
    .argument('<text>', 'what it is')
    .requiredOption('--on <date>', 'YYYY-MM-DD')
    .option('--yearly', 'every year on that day')
    .option('--json', 'print JSON')
    .action(async (who: string, text: string, o: { on: string; yearly?: boolean; json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ addMilestone }, { milestoneView }] = await Promise.all([
          import('../../app/next-steps.js'),
          import('../../app/views.js'),
        ]);
        const m = await addMilestone(ctx, { who, text, on: o.on, yearly: o.yearly ?? false });
        if (o.json) return out.json(milestoneView(m));
        out.line(`Added milestone ${m.id}: ${m.text} on ${m.on}${m.yearly ? ' (yearly)' : ''}`);
      });
    });
}

/** One line saying what `remove` took away, as the command that recorded it said it. */
function removedWhat(r: Removed, names: string, time: (t: number) => string): string {
  switch (r.kind) {
    case 'interaction':
      return `interaction ${r.record.id}: ${r.record.channel} with ${names || 'nobody'} at ${time(r.record.at)}`;
    case 'exchange':
      return `exchange ${r.record.id}: ${r.record.direction === 'given' ? 'gave' : 'received'} ${r.record.category} (${r.record.note}), ${r.record.direction === 'given' ? 'to' : 'from'} ${names}`;
    case 'need':
      return `need ${r.record.id} of ${names}: ${r.record.text}`;
    case 'offer':
      return `offer ${r.record.id}${names ? ` by ${names}` : ''}: ${r.record.text} (${r.record.category})`;
    case 'step':
      return `next step ${r.record.id} with ${names}: ${r.record.text}`;
    case 'milestone':
      return `milestone ${r.record.id} of ${names}: ${r.record.text} on ${r.record.on}`;
  }
}
