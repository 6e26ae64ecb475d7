import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { positiveInt } from '../options.js';
import { out, pc } from '../output.js';
import { progressBar } from '../progress.js';
import { databasePath, type GlobalOptions, withContext } from '../session.js';
import { printPortfolio, printToday } from './overview.js';

export function registerDemoCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('demo')
    .description(
      'fill the workspace with a realistic demo: people with varied histories, needs, offers and a live focus list',
    )
    .option('--people <n>', 'how many people', positiveInt, 300)
    .option('--seed <seed>', 'the same seed gives the same workspace', 'rapport')
    .option('--force', 'replace the people already in the workspace')
    .option('--json', 'print the result as JSON')
    .action(async (o: { people: number; seed: string; force?: boolean; json?: boolean }) => {
      await withContext(globals(), async (ctx) => {
        const { createDemo } = await import('../../app/demo.js');
        const bar = progressBar('creating demo', !o.json && process.stderr.isTTY === true);
        const r = await createDemo(ctx, {
          people: o.people,
          seed: o.seed,
          force: o.force ?? false,
          onProgress: (d, t) => bar.update(d, t),
        });
        bar.stop();
        if (o.json) return out.json(r);
        if (r.replaced > 0) out.line(`Removed ${r.replaced} people`);
        out.line(
          `Created a demo workspace: ${r.people} people, ${r.interactions} interactions, ${r.exchanges} exchanges, ${r.needs} needs, ${r.offers} offers, ${r.nextSteps} next steps, ${r.milestones} milestones`,
        );
        out.line(pc.dim('Try: rapport today · rapport people --limit 20 · rapport show NAME · rapport portfolio'));
      });
    });

  // `npm start`: until the web app exists, a first run creates the demo and shows what Rapport sees
  program
    .command('start', { hidden: true })
    .description('create the demo workspace on first run, then show the focus list and portfolio')
    .action(async () => {
      const path = databasePath(globals());
      const firstRun = !existsSync(path);
      await withContext(globals(), async (ctx) => {
        const [{ countPeople }, { createDemo }, { buildToday }, { buildPortfolio }, views] = await Promise.all([
          import('../../store/person.repository.js'),
          import('../../app/demo.js'),
          import('../../app/today.js'),
          import('../../app/portfolio.js'),
          import('../../app/views.js'),
        ]);
        if (firstRun || (await countPeople(ctx.store.db, ctx.workspaceId)) === 0) {
          const bar = progressBar('creating demo');
          const r = await createDemo(ctx, { onProgress: (d, t) => bar.update(d, t) });
          bar.stop();
          out.line(
            `First run: created a demo workspace with ${r.people} people and ${r.interactions} interactions in ${path}\n`,
          );
        } else {
          out.line(`Using ${path}\n`);
        }
        out.line(pc.bold('Today'));
        printToday((await buildToday(ctx, 10)).map(views.todayView));
        out.line(pc.bold('\nPortfolio'));
        printPortfolio(views.portfolioView(await buildPortfolio(ctx)));
        out.line(pc.dim('\nNext: rapport people --limit 20 · rapport show NAME · rapport --help'));
      });
    });
}
