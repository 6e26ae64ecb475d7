import type { Command } from 'commander';
import { CLASSES, STAGES } from '../../domain/vocabulary.js';
import { positiveInt } from '../options.js';
import { clip, klass, NAME_COLUMNS, out, pc, table } from '../output.js';
import { type GlobalOptions, withContext } from '../session.js';

type TodayRow = ReturnType<typeof import('../../app/views.js').todayView>;
type PortfolioView = ReturnType<typeof import('../../app/views.js').portfolioView>;

export function registerOverviewCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('today')
    .description('what to do today: the ranked focus list, each action with its reason')
    .option('--limit <n>', 'at most this many actions', positiveInt, 20)
    .option('--json', 'print JSON')
    .action(async (o: { limit: number; json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ buildToday }, { todayView }] = await Promise.all([
          import('../../app/today.js'),
          import('../../app/views.js'),
        ]);
        const items = (await buildToday(ctx, o.limit)).map(todayView);
        if (o.json) return out.json(items);
        printToday(items);
      });
    });

  program
    .command('portfolio')
    .description('your relationships by class, stage and tier: quality, not a contact count')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const [{ buildPortfolio }, { portfolioView }] = await Promise.all([
          import('../../app/portfolio.js'),
          import('../../app/views.js'),
        ]);
        const p = portfolioView(await buildPortfolio(ctx));
        if (o.json) return out.json(p);
        printPortfolio(p);
      });
    });
}

export function printToday(items: TodayRow[]): void {
  if (items.length === 0) {
    out.line('Nothing needs you today. Give people tiers (`rapport edit NAME --tier cultivate`) to get check-ins.');
    return;
  }
  out.line(
    table(
      ['#', 'priority', 'action', 'person', 'why'],
      items.map((i, n) => [
        n + 1,
        i.priority,
        pc.bold(i.action),
        `${clip(i.name, NAME_COLUMNS)} ${pc.dim(`#${i.personId}`)}`,
        i.reason,
      ]),
      ['right', 'right', 'left', 'left', 'left'],
    ),
  );
}

export function printPortfolio(p: PortfolioView): void {
  const bar = (n: number) => '█'.repeat(p.people === 0 ? 0 : Math.round((40 * n) / p.people)) || (n > 0 ? '▏' : '');
  out.line(
    `${pc.bold(String(p.people))} people, ${p.notEnoughData} with too little data to judge, ${p.wishlist} on the wishlist\n`,
  );
  out.line(pc.bold('class'));
  for (const c of CLASSES)
    out.line(`  ${klass(c).padEnd(20)} ${String(p.byClass[c]).padStart(6)}  ${bar(p.byClass[c])}`);
  out.line(pc.bold('\nstage'));
  for (const s of STAGES) out.line(`  ${s.padEnd(11)} ${String(p.byStage[s]).padStart(6)}  ${bar(p.byStage[s])}`);
  out.line(pc.bold('\nstrength'));
  p.strengthBands.forEach((n, i) => {
    out.line(
      `  ${String(i * 10).padStart(3)}–${String(i === 9 ? 100 : i * 10 + 9).padEnd(4)} ${String(n).padStart(6)}  ${bar(n)}`,
    );
  });
}
