import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { exportWorkspace } from '../src/app/export.js';
import { importJson } from '../src/app/import-json.js';
import type { Summary } from '../src/domain/summary.js';
import { openTestDatabase, type TestDatabase } from './store.js';

/** A second database, at the same now, restored from this one's JSON export: the caller closes it. */
export async function jsonCopy(d: TestDatabase): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-json-copy-'));
  try {
    let text = '';
    await exportWorkspace(d.ctx, 'json', async (chunk) => {
      text += chunk;
    });
    writeFileSync(join(dir, 'export.json'), text);
    const copy = await openTestDatabase(d.ctx.now);
    await importJson(copy.ctx, [join(dir, 'export.json')], { dryRun: false });
    return copy;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Two relationship summaries hold the same, field by field (numbers to within rounding). */
export function expectSameSummary(
  a: Summary | undefined,
  b: Summary | undefined,
  label = '',
  ignore: readonly (keyof Summary)[] = [],
): void {
  expect(a, label).toBeDefined();
  expect(b, label).toBeDefined();
  if (!a || !b) return;
  for (const key of Object.keys(a) as (keyof Summary)[]) {
    if (ignore.includes(key)) continue;
    const x = a[key];
    const y = b[key];
    if (typeof x === 'number' && typeof y === 'number')
      expect(Math.abs(x - y), `${label} ${key}`).toBeLessThanOrEqual(1e-9);
    else expect(x, `${label} ${key}`).toEqual(y);
  }
}
