import { parseGoogleContacts } from '../../importers/google.js';
import { NotThisFormat, type ParseResult, type PersonRecord } from '../../importers/records.js';
import { parseVcard } from '../../importers/vcard.js';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { readFileBytes } from '../file-text.js';
import type { ImportReport } from '../import-report.js';
import type { ImportOptions } from './options.js';
import { ImportSession } from './session.js';

/** Address books are read whole; larger ones are refused before reading. */
const MAX_CONTACTS_BYTES = 512 * 2 ** 20;

const PARSERS = {
  vcard: parseVcard,
  google: parseGoogleContacts,
} satisfies Record<string, (bytes: Uint8Array) => ParseResult<PersonRecord>>;

/** Parses a contacts file, turning "not this format" into a refusal that names the file. */
export function parseOrRefuse<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof NotThisFormat) throw new AppError('file_rejected', `${file}: ${error.message}`);
    throw error;
  }
}

/** vCard or Google Contacts: people, matched to those already known, one transaction per file. */
export async function importContacts(
  ctx: Context,
  format: keyof typeof PARSERS,
  file: string,
  report: ImportReport,
  opts: ImportOptions,
): Promise<void> {
  const bytes = await readFileBytes(file, MAX_CONTACTS_BYTES);
  const parsed = parseOrRefuse(file, () => PARSERS[format](bytes));
  await ImportSession.run(ctx, { file, source: format, report, dryRun: opts.dryRun ?? false }, async (s) => {
    for (const issue of parsed.issues) s.issue(issue);
    let done = 0;
    for (const record of parsed.records) {
      await s.person(record);
      if (++done % 500 === 0) opts.onProgress?.('people', done, parsed.records.length);
    }
    opts.onProgress?.('people', done, parsed.records.length);
  });
}
