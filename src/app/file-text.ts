import { readFile, stat } from 'node:fs/promises';
import { AppError } from './errors.js';

/** Files larger than this are refused before reading. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024 * 1024;

/** Reads a text file: UTF-8 with or without a BOM, or UTF-16 with a BOM. */
export async function readTextFile(path: string): Promise<string> {
  return decodeText(await readFileBytes(path));
}

/** A file's size, or a clear refusal: missing, a folder, unreadable, or larger than `maxBytes`. */
export async function fileSize(path: string, maxBytes = MAX_TEXT_FILE_BYTES): Promise<number> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new AppError('file_rejected', `${path} is a folder, not a file`);
    size = s.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'file_rejected',
      `${path} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  if (size > maxBytes)
    throw new AppError(
      'file_rejected',
      `${path} is ${formatBytes(size)}; files of this kind over ${formatBytes(maxBytes)} are not read whole`,
    );
  return size;
}

/** Reads a whole file (refused over `maxBytes`), with the same clear errors. */
export async function readFileBytes(path: string, maxBytes = MAX_TEXT_FILE_BYTES): Promise<Buffer> {
  await fileSize(path, maxBytes);
  try {
    return await readFile(path);
  } catch (error) {
    throw new AppError('file_rejected', `${path} cannot be read: ${(error as Error).message}`);
  }
}

function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  return `${n} bytes`;
}

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  return new TextDecoder('utf-8').decode(bytes);
}

/** "line 3, column 14" for a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}
