import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Argument, type Command } from 'commander';
import { choiceOption, collect } from '../options.js';
import { out, pc } from '../output.js';
import { progressBar } from '../progress.js';
import { type GlobalOptions, withContext } from '../session.js';

const IMPORT_FORMATS = ['linkedin', 'google', 'vcard', 'ics', 'mbox', 'eml', 'json'] as const;

export function registerDataCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('import')
    .description('import files; this version reads Rapport JSON (json); the other formats are listed for the contract')
    .addArgument(new Argument('<format>', 'file format').choices(IMPORT_FORMATS))
    .argument('<files...>', 'files to import')
    .option('--me <email>', 'your own address, for mail (repeatable)', collect)
    .option('--dry-run', 'show what would be imported, change nothing')
    .option('--json', 'print the report as JSON')
    .action(async (format: string, files: string[], o: { dryRun?: boolean; json?: boolean }) => {
      const { AppError } = await import('../../app/errors.js');
      if (format !== 'json')
        throw new AppError(
          'invalid_input',
          `importing ${format} files is not available in this version; it reads Rapport JSON (rapport import json FILE)`,
        );
      await withContext(globals(), async (ctx) => {
        const { importJson } = await import('../../app/import-json.js');
        const bar = progressBar('importing', !o.json && process.stderr.isTTY === true);
        try {
          const report = await importJson(ctx, files, {
            dryRun: o.dryRun ?? false,
            onProgress: (_stage, done, total) => bar.update(done, total),
          });
          bar.stop();
          if (o.json) return out.json(report);
          const verb = report.dryRun ? 'Would import' : 'Imported';
          out.line(
            `${verb} ${report.records} records from ${report.files.length} ${report.files.length === 1 ? 'file' : 'files'}: ` +
              `${report.people.created} people created, ${report.people.matched} matched; ` +
              `${report.interactions.created} interactions created, ${report.interactions.duplicates} already there; ` +
              `${report.exchanges.created} exchanges, ${report.needs.created} needs, ${report.offers.created} offers, ` +
              `${report.nextSteps.created} next steps, ${report.milestones.created} milestones`,
          );
          for (const i of report.issues.slice(0, 20))
            out.note(
              pc.yellow(`${i.file}${i.line ? `:${i.line}` : ''}${i.record ? ` ${i.record}` : ''}: ${i.message}`),
            );
          if (report.issues.length > 20)
            out.note(pc.yellow(`… and ${report.issues.length - 20} more issues (--json lists them all)`));
        } finally {
          bar.stop();
        }
      });
    });

  program
    .command('export')
    .description('export the workspace: Rapport JSON (lossless), vCard 4.0 or CSV')
    .addOption(choiceOption('--format <format>', 'file format', ['json', 'vcard', 'csv']).default('json'))
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(async (o: { format: 'json' | 'vcard' | 'csv'; out?: string }) => {
      await withContext(globals(), async (ctx) => {
        const { exportWorkspace } = await import('../../app/export.js');
        const stream = o.out ? createWriteStream(o.out) : process.stdout;
        const failed = new Promise<never>((_, reject) => stream.once('error', reject));
        const sink = async (chunk: string) => {
          if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
        };
        const { people } = await Promise.race([exportWorkspace(ctx, o.format, sink), failed]);
        if (o.out) {
          const file = stream as ReturnType<typeof createWriteStream>;
          file.end();
          await Promise.race([once(file, 'finish'), failed]);
          out.note(`Exported ${people} people to ${o.out}`);
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
