import { crc32 } from 'node:zlib';
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
 * The entries of a zip that are export files Rapport reads (linkedinFileKind). Other entries are
 * filtered out by name before they are inflated, and a zip whose export files declare more than
 * MAX_INFLATED_BYTES in all is refused unread.
 */
export function unzipEntries(zip: Uint8Array): { name: string; bytes: Uint8Array }[] {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) throw new NotThisFormat('not a zip archive');
  const listed = centralDirectory(zip);
  // what the inflater would only call "invalid data": said in words
  for (const [name, entry] of listed) {
    if (linkedinFileKind(name) === undefined) continue;
    if (entry.encrypted || entry.method === AES_METHOD)
      throw new NotThisFormat(
        `its ${name} is password-protected: download the export again, or unzip it and give its folder`,
      );
    if (entry.method !== 0 && entry.method !== 8)
      throw new NotThisFormat(
        `its ${name} is compressed with ${METHODS[entry.method] ?? `method ${entry.method}`}, which Rapport does not read: unzip it and give its folder`,
      );
  }
  let declared = 0;
  let tooBig: string | undefined;
  let tooLarge: { name: string; size: number } | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        // only the files Rapport reads: a full export's dozens of others (Learning.csv, Profile.csv…)
        // are neither inflated nor checked, so one of them damaged or large refuses nothing
        if (linkedinFileKind(f.name) === undefined) return false;
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
  // fflate checks neither: a damaged entry would be read as it stands, a size that lies cut short
  for (const [name, bytes] of Object.entries(files)) {
    const entry = listed.get(name);
    if (entry === undefined) continue;
    if (entry.size !== undefined && bytes.length !== entry.size)
      throw new NotThisFormat(
        `its ${name} is damaged (it holds ${bytes.length} bytes where the archive lists ${entry.size}): download the export again`,
      );
    if (crc32(bytes) !== entry.crc)
      throw new NotThisFormat(`its ${name} is damaged (its checksum does not match): download the export again`);
  }
  return Object.entries(files).map(([name, bytes]) => ({ name, bytes }));
}

/** The names a zip's central directory lists (nothing inflated); empty when it has none to read. */
export function zipEntryNames(zip: Uint8Array): string[] {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) return [];
  return [...centralDirectory(zip).keys()];
}

/** Compression methods a zip may name beside stored (0) and deflate (8), the two Rapport reads. */
const METHODS: Readonly<Record<number, string>> = {
  9: 'Deflate64',
  12: 'bzip2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
};
/** The method WinZip's AES encryption writes in place of the real one. */
const AES_METHOD = 99;

interface ListedEntry {
  crc: number;
  /** undefined when Zip64's 0xFFFFFFFF stands for it */
  size: number | undefined;
  method: number;
  /** general purpose flag bit 0: the entry is encrypted */
  encrypted: boolean;
}

/**
 * What each entry of a zip's central directory lists, by name: CRC-32, size (a size of Zip64's
 * 0xFFFFFFFF is not known), compression method, encryption; empty when the directory cannot be found.
 */
function centralDirectory(zip: Uint8Array): Map<string, ListedEntry> {
  const entries = new Map<string, ListedEntry>();
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // the end record: 22 bytes, then a comment of up to 65,535
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return entries;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names = new TextDecoder();
  for (let k = 0; k < count && at + 46 <= zip.length && view.getUint32(at, true) === 0x02014b50; k++) {
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const rest = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const name = names.decode(zip.subarray(at + 46, at + 46 + nameLength));
    entries.set(name, {
      crc: view.getUint32(at + 16, true),
      size: size === 0xffffffff ? undefined : size,
      method: view.getUint16(at + 10, true),
      encrypted: (view.getUint16(at + 8, true) & 1) === 1,
    });
    at += 46 + rest;
  }
  return entries;
}
