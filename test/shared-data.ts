import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (this file is in test/). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The real public files tests read: `../shared/data` beside the checkout, or `RAPPORT_SHARED_DATA`.
 * They are read in place, never copied into the project.
 */
export const SHARED_DATA = resolve(process.env.RAPPORT_SHARED_DATA ?? resolve(PROJECT_ROOT, '../shared/data'));

export const ON_CI = process.env.CI === 'true';

/**
 * Whether a suite that needs `relative` (inside the shared data) should be skipped: only off CI, and
 * with a warning saying why. Under CI=true a missing file is never a skip: the suite runs and fails.
 */
export function skipWithoutSharedData(relative: string, suite: string): boolean {
  const path = resolve(SHARED_DATA, relative);
  if (existsSync(path) || ON_CI) return false;
  console.warn(`${suite}: skipped, ${path} is missing (set RAPPORT_SHARED_DATA; with CI=true this fails)`);
  return true;
}

export function sharedPath(relative: string): string {
  return resolve(SHARED_DATA, relative);
}
