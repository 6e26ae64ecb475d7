import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', 'bin', 'rapport');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs bin/rapport against a temporary database, as a user would. */
export function cliSession(now = '2026-06-01T12:00:00Z') {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
  const db = join(dir, 'rapport.db');
  const run = (args: string[], env: Record<string, string> = {}): CliResult => {
    const r = spawnSync(process.execPath, [BIN, '--db', db, '--now', now, ...args], {
      encoding: 'utf8',
      // spawnSync cuts output at 1 MiB by default; exports of real imports are larger
      maxBuffer: 512 * 2 ** 20,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', DATABASE_URL: '', ...env },
    });
    return {
      code: r.status ?? 1,
      stdout: r.stdout,
      stderr: r.stderr,
      json: <T>() => JSON.parse(r.stdout) as T,
    };
  };
  return { dir, db, run, close: () => rmSync(dir, { recursive: true, force: true }) };
}
