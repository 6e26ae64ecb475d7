import { readFile, stat } from 'node:fs/promises';
import { AppError } from './errors.js';

/** Files larger than this are refused before reading. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024 * 1024;

/** Reads a text file: UTF-8 with or without a BOM, or UTF-16 with a BOM. */
export async function readTextFile(path: string): Promise<string> {
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
  if (size > MAX_TEXT_FILE_BYTES)
    throw new AppError('file_rejected', `${path} is ${(size / 2 ** 30).toFixed(1)} GiB; files over 1 GiB are not read`);
  const bytes = await readFile(path);
  return decodeText(bytes);
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
