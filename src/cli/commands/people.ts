import { type Command, InvalidArgumentError } from 'commander';
import { BULK_RECIPIENTS } from '../../domain/scoring-config.js';
import { formatDate } from '../../domain/time.js';
import {
  CLASSES,
  GOALS,
  type Goal,
  type RelationshipClass,
  STAGES,
  type Stage,
  TIERS,
  type Tier,
} from '../../domain/vocabulary.js';
import { choiceOption, collect, positiveInt } from '../options.js';
import { date, klass, NAME_COLUMNS, out, pc, sparkline, stage, strengthBar, table } from '../output.js';
import { type GlobalOptions, withContext } from '../session.js';

interface PersonFlags {
  email?: string[];
  removeEmail?: string[];
  phone?: string[];
  tag?: string[];
  org?: string;
  title?: string;
  linkedin?: string;
  tier?: Tier | 'none';
  goal?: Goal | 'none';
  cadence?: string;
  met?: string;
  birthday?: string;
  wishlist?: boolean;
  name?: string;
  stage?: Stage | 'auto';
  json?: boolean;
}

function cadence(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'default' || value === 'none') return null;
  return positiveInt(value);
}

export function registerPeopleCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('add')
    .description('add a person you know, or want to know (--wishlist)')
    .argument('<name>', 'their full name')
    .option('--email <email>', 'an email address (repeatable)', collect)
    .option('--phone <phone>', 'a phone number (repeatable)', collect)
    .option('--org <org>', 'organisation')
    .option('--title <title>', 'job title')
    .option('--linkedin <url>', 'profile URL')
    .addOption(choiceOption('--tier <tier>', 'how much effort this relationship gets', TIERS))
    .addOption(choiceOption('--goal <goal>', 'why you want this relationship', GOALS))
    .option('--cadence <days>', "days between contacts (default: the tier's)")
    .option('--met <text>', 'where and how you met')
    .option('--birthday <date>', 'YYYY-MM-DD, or --MM-DD without the year')
    .option('--tag <tag>', 'a tag (repeatable)', collect)
    .option('--wishlist', 'someone you want to know and have not met yet')
    .option('--json', 'print the person as JSON')
    .action(async (name: string, o: PersonFlags) => {
      await withContext(globals(), async (ctx) => {
        const { addPerson } = await import('../../app/people.js');
        const p = await addPerson(ctx, {
          name,
          emails: o.email ?? [],
          phones: o.phone ?? [],
          org: o.org ?? null,
          title: o.title ?? null,
          linkedin: o.linkedin ?? null,
          tags: o.tag ?? [],
          met: o.met ?? null,
          birthday: o.birthday ?? null,
          wishlist: o.wishlist ?? false,
          tier: o.tier === 'none' ? null : (o.tier ?? null),
          goal: o.goal === 'none' ? null : (o.goal ?? null),
          cadenceDays: cadence(o.cadence) ?? null,
        });
        if (o.json) return out.json(p);
        out.line(`Added person ${p.id}: ${p.name}${p.emails.length ? ` <${p.emails.join(', ')}>` : ''}`);
        // a second person of the same name is allowed (two people may share one), and said: a
        // command naming them must then use an id or an email
        const { findPeopleByName } = await import('../../store/person.repository.js');
        const found = await findPeopleByName(ctx.store.db, ctx.workspaceId, p.name, 6);
        const namesakes = found.exact ? found.people.filter((x) => x.id !== p.id) : [];
        if (namesakes.length > 0)
          out.note(
            `Also named ${p.name}: ${namesakes.map((x) => `${x.id}`).join(', ')}; name them by id or email from now on (rapport merge ${namesakes[0]?.id} ${p.id} if they are one person)`,
          );
      });
    });

  program
    .command('edit')
    .description('change a person; --tier none, --goal none, --cadence default and --stage auto clear a value')
    .argument('<who>', 'id, email or name')
    .option('--name <name>', 'their full name')
    .option('--email <email>', 'add an email address (repeatable)', collect)
    .option('--remove-email <email>', 'remove an email address (repeatable)', collect)
    .option('--phone <phone>', 'replace the phone numbers (repeatable)', collect)
    .option('--org <org>', 'organisation')
    .option('--title <title>', 'job title')
    .option('--linkedin <url>', 'profile URL')
    .addOption(choiceOption('--tier <tier>', 'tier', [...TIERS, 'none']))
    .addOption(choiceOption('--goal <goal>', 'goal', [...GOALS, 'none']))
    .option('--cadence <days>', 'days between contacts, or "default"')
    .addOption(choiceOption('--stage <stage>', 'override the inferred stage, or "auto"', [...STAGES, 'auto']))
    .option('--met <text>', 'where and how you met')
    .option('--birthday <date>', 'YYYY-MM-DD or --MM-DD')
    .option('--tag <tag>', 'replace the tags (repeatable)', collect)
    .option('--wishlist', 'mark as someone to get to know')
    .option('--no-wishlist', 'no longer on the wishlist')
    .option('--json', 'print the person as JSON')
    .action(async (who: string, o: PersonFlags) => {
      await withContext(globals(), async (ctx) => {
        const { editPerson, resolvePerson } = await import('../../app/people.js');
        const { normalizeEmail } = await import('../../domain/person.js');
        const current = await resolvePerson(ctx, who);
        const patch: Parameters<typeof editPerson>[2] = {};
        if (o.name !== undefined) patch.name = o.name;
        if (o.email || o.removeEmail) {
          const removed = new Set((o.removeEmail ?? []).map(normalizeEmail));
          patch.emails = [...current.emails, ...(o.email ?? [])].filter((e) => !removed.has(normalizeEmail(e)));
        }
        if (o.phone) patch.phones = o.phone;
        if (o.tag) patch.tags = o.tag;
        if (o.org !== undefined) patch.org = o.org || null;
        if (o.title !== undefined) patch.title = o.title || null;
        if (o.linkedin !== undefined) patch.linkedin = o.linkedin || null;
        if (o.met !== undefined) patch.met = o.met || null;
        if (o.birthday !== undefined) patch.birthday = o.birthday || null;
        if (o.wishlist !== undefined) patch.wishlist = o.wishlist;
        if (o.tier !== undefined) patch.tier = o.tier === 'none' ? null : o.tier;
        if (o.goal !== undefined) patch.goal = o.goal === 'none' ? null : o.goal;
        const c = cadence(o.cadence);
        if (c !== undefined) patch.cadenceDays = c;
        if (o.stage !== undefined) patch.stageOverride = o.stage === 'auto' ? null : o.stage;
        if (Object.keys(patch).length === 0)
          throw new InvalidArgumentError(
            `nothing to change for ${current.name} (${current.id}): give what changes, such as --org, --tier or --email (rapport edit --help)`,
          );
        const p = await editPerson(ctx, current.id, patch);
        if (o.json) return out.json(p);
        out.line(`Updated person ${p.id}: ${p.name}`);
      });
    });

  program
    .command('people')
    .description('your relationships, strongest first')
    .addOption(choiceOption('--class <class>', 'only this class', CLASSES))
    .addOption(choiceOption('--stage <stage>', 'only this stage', STAGES))
    .addOption(choiceOption('--sort <order>', 'order', ['strength', 'recent', 'name']).default('strength'))
    .option('--limit <n>', 'at most this many', positiveInt)
    .option('--json', 'print JSON')
    .action(
      async (o: {
        class?: RelationshipClass;
        stage?: Stage;
        sort: 'strength' | 'recent' | 'name';
        limit?: number;
        json?: boolean;
      }) => {
        await withContext(globals(), async (ctx) => {
          const [{ listPeople }, { personRowView }] = await Promise.all([
            import('../../app/list-people.js'),
            import('../../app/views.js'),
          ]);
          const rows = (await listPeople(ctx, { class: o.class, stage: o.stage, sort: o.sort, limit: o.limit })).map(
            personRowView,
          );
          if (o.json) return out.json(rows);
          if (rows.length === 0)
            return out.line(
              o.class !== undefined || o.stage !== undefined
                ? `No one is ${[o.class, o.stage && `at stage ${o.stage}`].filter(Boolean).join(' and ')} as of ${formatDate(ctx.now)}.`
                : 'No people yet. Add someone with `rapport add NAME`, or try `rapport demo`.',
            );
          out.line(
            table(
              ['id', 'name', 'strength', 'class', 'stage', 'last contact', 'org'],
              rows.map((r) => [
                r.id,
                r.name,
                strengthBar(r.strength) + (r.notEnoughData ? pc.dim(' ·') : ''),
                klass(r.class),
                r.stage,
                date(r.lastContactAt),
                r.org ?? '',
              ]),
              ['right', 'left', 'left', 'left', 'left', 'left', 'left'],
              [undefined, NAME_COLUMNS, undefined, undefined, undefined, undefined, NAME_COLUMNS],
            ),
          );
          if (rows.some((r) => r.notEnoughData))
            out.line(pc.dim('· not enough data: fewer than 3 two-way interactions'));
        });
      },
    );

  program
    .command('show')
    .description('one relationship: strength and why, class, stage, flags, history, needs, ledger')
    .argument('<who>', 'id, email or name')
    .option('--all', 'every interaction and exchange with its id, not the latest')
    .option('--json', 'print JSON')
    .action(async (who: string, o: { json?: boolean; all?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ showPerson }, { showView }] = await Promise.all([
          import('../../app/show-person.js'),
          import('../../app/views.js'),
        ]);
        const v = showView(await showPerson(ctx, who, { all: o.all === true }));
        if (o.json) return out.json(v);
        printShow(v, o.all === true);
      });
    });
}

type ShowView = ReturnType<typeof import('../../app/views.js').showView>;

function printShow(v: ShowView, all = false): void {
  const head = [v.title, v.org].filter(Boolean).join(' at ');
  out.line(`${pc.bold(v.name)} ${pc.dim(`#${v.id}`)}${head ? `  ${head}` : ''}`);
  if (v.emails.length) out.line(pc.dim(v.emails.join(', ')));
  // what imports and edits know of them besides: phones, profile, tags, birthday, how they met, notes
  const details = [
    v.phones.join(', '),
    v.linkedin,
    v.tags.length > 0 && `tags: ${v.tags.join(', ')}`,
    v.birthday && `birthday ${v.birthday}`,
    v.met && `met: ${v.met}`,
  ].filter(Boolean);
  if (details.length > 0) out.line(pc.dim(details.join(' · ')));
  if (v.notes) out.line(pc.dim(`notes: ${v.notes.length > 300 ? `${v.notes.slice(0, 300)}…` : v.notes}`));
  const setting = [
    v.tier && `tier ${v.tier}`,
    v.goal && `goal ${v.goal}`,
    v.cadenceDays && `every ${v.cadenceDays} days`,
  ]
    .filter(Boolean)
    .join(' · ');
  if (setting) out.line(setting);
  out.line();
  out.line(
    `strength ${strengthBar(v.strength)}  ${klass(v.class)}  stage ${stage(v.stage, v.stageOverridden)}${
      v.notEnoughData ? pc.yellow('  not enough data') : ''
    }`,
  );
  out.line(pc.dim(`  ${v.classReason}`));
  if (v.joinedLater)
    out.line(
      pc.yellow(`  not in your network yet on this day: ${v.joinedLater} (people, today and portfolio leave them out)`),
    );
  if (v.stageOverridden) out.line(pc.dim(`  * stage set by you; the evidence says ${v.stageInferred}`));
  if (v.layer) out.line(pc.dim(`  ranks #${v.layer.rank} by intensity: ${v.layer.name}`));
  out.line(`  last 12 months ${sparkline(v.trend.map((t) => t.strength))}  (90 days ago: ${v.strengthBefore})`);
  out.line();
  out.line(
    table(
      ['component', 'value', 'weight', 'points', 'evidence'],
      v.components.map((c) => [c.key, c.value.toFixed(2), c.weight.toFixed(2), c.contribution.toFixed(1), c.evidence]),
      ['left', 'right', 'right', 'right', 'left'],
    ),
  );
  out.line(`${' '.repeat(27)}${pc.bold(v.strength.toFixed(1).padStart(6))}  strength`);
  if (v.flags.length) out.line(`\n${pc.yellow('flags')}: ${v.flags.join(', ')}`);
  const s = v.stats;
  out.line(
    `\n${s.interactions} ${s.interactions === 1 ? 'interaction' : 'interactions'} (${s.outbound} from you, ${s.inbound} from them, ${s.mutual} together or from someone else), first ${date(s.firstInteractionAt)}, last ${date(s.lastInteractionAt)}`,
  );
  if (s.replies > 0)
    out.line(
      `${s.replies} ${s.replies === 1 ? 'reply' : 'replies'} to you${
        s.repliesToBulk > 0
          ? ` (${s.repliesToBulk === s.replies ? (s.replies === 1 ? 'it answers' : 'all answer') : `${s.repliesToBulk} answer`} mail you sent to more than ${BULK_RECIPIENTS} people, which awaits no answer: in no share)`
          : ''
      }, median ${s.replyLatencyMedianHours} h${
        s.repliedWithin24hShare === null
          ? ''
          : `, ${Math.round(s.repliedWithin24hShare * 100)}% of your messages answered within 24 h`
      }`,
    );
  out.line(
    `next step: ${v.nextStep ? `${v.nextStep.text} (due ${date(v.nextStep.due)}, #${v.nextStep.id})` : pc.yellow('none')}`,
  );
  // the other steps still open, and with --all the ones done
  for (const step of v.nextSteps)
    if (step.id !== v.nextStep?.id && (all || step.status === 'open'))
      out.line(
        `  ${step.status === 'open' ? 'then' : 'done'}: ${step.text} (due ${date(step.due)}) ${pc.dim(`#${step.id}`)}`,
      );
  for (const n of v.needs.filter((x) => x.status === 'open'))
    out.line(`need: ${n.text}${n.unmet ? pc.yellow(' (unmet by others)') : ''} ${pc.dim(`#${n.id}`)}`);
  for (const x of v.offers) out.line(`offers: ${x.text} (${x.category}) ${pc.dim(`#${x.id}`)}`);
  for (const x of all ? v.exchanges : v.exchanges.slice(0, 8))
    out.line(
      `${x.direction === 'given' ? 'gave' : 'received'} ${x.category} ${date(x.at)}: ${x.note}${
        x.direction === 'given' ? (x.acknowledged ? pc.green(' ✓ acknowledged') : pc.dim(' not acknowledged')) : ''
      } ${pc.dim(`#${x.id}`)}`,
    );
  for (const m of v.milestones)
    out.line(`milestone: ${m.text} ${m.on}${m.yearly ? ' (yearly)' : ''} ${pc.dim(`#${m.id}`)}`);
  if (v.recentInteractions.length) {
    out.line(`\n${pc.bold(all ? 'history' : 'recent')}`);
    for (const i of all ? v.recentInteractions : v.recentInteractions.slice(0, 10))
      out.line(
        `  ${date(i.at)}  ${i.channel.padEnd(8)} ${i.role.padEnd(7)} ${i.depth.padEnd(14)} ${i.note ?? ''} ${pc.dim(`#${i.id}`)}`,
      );
    const earlier = v.stats.interactions - Math.min(10, v.recentInteractions.length);
    if (!all && earlier > 0) out.line(pc.dim(`  … ${earlier} earlier: rapport show ${v.id} --all lists every one`));
  }
}
