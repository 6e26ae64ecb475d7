/**
 * `npm run bench`: the scoring benchmark (bench/run.ts), then the import benchmark
 * (bench/import-run.ts), each in its own process, with the arguments given (npm appends them to
 * the last command only, so this script hands them on). The import benchmark gets only the
 * flags it shares (--small, --keep, --seed); with run.ts's own sizes (--people, --interactions)
 * it does not run. Stops at the first failure.
 *
 *   npm run bench                 both, full size
 *   npm run bench -- --small      both, small mode
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BENCH = new URL('.', import.meta.url).pathname;
const args = process.argv.slice(2);

function run(script: string, scriptArgs: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH, script), ...scriptArgs], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}

/** The flags bench/import-run.ts shares with bench/run.ts, with their values. */
function sharedFlags(all: readonly string[]): { shared: string[]; custom: boolean } {
  const shared: string[] = [];
  let custom = false;
  for (let i = 0; i < all.length; i++) {
    const a = all[i] ?? '';
    const [name] = a.split('=');
    if (name === '--small' || name === '--keep') shared.push(a);
    else if (name === '--seed') {
      shared.push(a);
      if (!a.includes('=') && all[i + 1] !== undefined) shared.push(all[++i] ?? '');
    } else if (name === '--people' || name === '--interactions') custom = true;
  }
  return { shared, custom };
}

let code = await run('run.ts', args);
if (code === 0) {
  const { shared, custom } = sharedFlags(args);
  if (custom) process.stderr.write('bench: custom sizes given: the import benchmark is not run\n');
  else code = await run('import-run.ts', shared);
}
process.exitCode = code;
