import { execFileSync } from 'node:child_process';

/** The CLI tests run bin/rapport, which runs dist/: build it when a source is newer. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
}
