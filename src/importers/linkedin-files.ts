import { unzipSync } from 'fflate';
import { NotThisFormat } from './records.js';

/**
 * The files of a LinkedIn export: which CSV each entry is, by its name, and the CSV entries of the
 * zip, refused unread when they would inflate beyond MAX_INFLATED_BYTES.
 */

export type LinkedinFile =
  | 'connections'
  | 'messages'
  | 'invitations'
  | 'recommendations_given'
  | 'recommendations_received'
  | 'endorsements_given'
  | 'endorsements_received';

const FILE_KINDS = new Map<string, LinkedinFile>([
  ['connections.csv', 'connections'],
  ['messages.csv', 'messages'],
  ['invitations.csv', 'invitations'],
  ['recommendations_given.csv', 'recommendations_given'],
  ['recommendations_received.csv', 'recommendations_received'],
  ['endorsement_given_info.csv', 'endorsements_given'],
  ['endorsement_received_info.csv', 'endorsements_received'],
]);

/** Which export file an entry is, by its name (any folder, any case, a " (1)" before .csv); macOS resource forks (`._x`) are not files. */
export function linkedinFileKind(entryName: string): LinkedinFile | undefined {
  const base = entryName.split(/[\\/]/).pop() ?? '';
  if (base.startsWith('._') || /(^|[\\/])__MACOSX[\\/]/i.test(entryName)) return undefined;
  // a second download of the same file: "Connections (1).csv"
  return FILE_KINDS.get(base.toLowerCase().replace(/\s*\(\d+\)(?=\.csv$)/, ''));
}

/** What the CSV entries of one export may inflate to: real exports are a few megabytes; a zip bomb is refused. */
export const MAX_INFLATED_BYTES = 1024 * 2 ** 20;
/**
 * What one CSV file of an export may hold, in a zip or on disk: a LinkedIn export holds at most
 * 30,000 connections and its messages.csv some tens of megabytes, while a file's rows are read
 * whole (100 MiB of rows took 2.4 GB of memory; 300 MiB ran out of it).
 */
export const MAX_CSV_BYTES = 128 * 2 ** 20;

/**
 * The CSV entries of a zip. Other entries are filtered out by name before they are inflated,
 * and a zip whose CSV entries declare more than MAX_INFLATED_BYTES in all is refused unread.
 */
export function unzipEntries(zip: Uint8Array): { name: string; bytes: Uint8Array }[] {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) throw new NotThisFormat('not a zip archive');
  let declared = 0;
  let tooBig: string | undefined;
  let tooLarge: { name: string; size: number } | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (!isCsvEntry(f.name)) return false;
        declared += f.originalSize;
        if (declared > MAX_INFLATED_BYTES) tooBig ??= f.name;
        if (f.originalSize > MAX_CSV_BYTES) tooLarge ??= { name: f.name, size: f.originalSize };
        return tooBig === undefined && tooLarge === undefined;
      },
    });
  } catch (err) {
    throw new NotThisFormat(`not a readable zip archive (${err instanceof Error ? err.message : 'corrupt'})`);
  }
  if (tooLarge !== undefined)
    throw new NotThisFormat(
      `its ${tooLarge.name} would expand to ${Math.ceil(tooLarge.size / 2 ** 20)} MiB, over the ${MAX_CSV_BYTES / 2 ** 20} MiB one file of an export may hold`,
    );
  if (tooBig !== undefined)
    throw new NotThisFormat(
      `its CSV files would expand to over ${MAX_INFLATED_BYTES / 2 ** 20} MiB (at ${tooBig}); refused as a likely zip bomb`,
    );
  return Object.entries(files).map(([name, bytes]) => ({ name, bytes }));
}

function isCsvEntry(name: string): boolean {
  const base = name.split('/').pop() ?? '';
  return name.toLowerCase().endsWith('.csv') && !base.startsWith('._') && !/(^|\/)__MACOSX\//i.test(name);
}
