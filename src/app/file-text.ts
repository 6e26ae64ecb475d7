import { readFile, stat } from 'node:fs/promises';
import { decodeBytes } from '../importers/decode.js';
import { AppError } from './errors.js';

/** Why a path cannot be read, as a user would say it (the system's words only for the rare rest). */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'a symbolic link loop',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ESPIPE: 'it is a pipe or a terminal, not a file: save what it holds to a file first',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many files are open',
  EIO: 'the disk could not be read',
};

/** Why a file cannot be written, as a user would say it. */
const WRITE_REASONS: Record<string, string> = {
  ...REASONS,
  ENOENT: 'its folder does not exist',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EIO: 'the disk could not be written',
};

/** The failure to write a file, from the system's error (a wrong path given: invalid input). */
export function unwritable(path: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const reason = WRITE_REASONS[code] ?? (error instanceof Error ? error.message : String(error));
  const wrongPath = ['ENOENT', 'EISDIR', 'ENOTDIR', 'ENAMETOOLONG', 'EACCES', 'EPERM', 'EROFS'].includes(code);
  return new AppError(wrongPath ? 'invalid_input' : 'internal', `${path} cannot be written: ${reason}`);
}

/** The refusal of a path that cannot be read (or listed), from the system's error. */
export function unreadable(path: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error));
  return new AppError('file_rejected', `${path} cannot be read: ${reason}`);
}

/** A path that is neither a file nor a folder (a pipe, a device such as /dev/stdin) is refused. */
export function notAFile(path: string): AppError {
  return new AppError(
    'file_rejected',
    `${path} is not a file (a pipe or a device, such as standard input): save what it holds to a file first`,
  );
}

/** Files larger than this are refused before reading: the text must fit one JavaScript string (2^29 - 24 characters). */
export const MAX_TEXT_FILE_BYTES = 2 ** 29 - 24;

/**
 * Reads a text file: UTF-8 with or without a BOM, UTF-16 with a BOM, or Windows-1252 (a JSON copy
 * saved again by an old editor), as every importer reads its files (see decodeBytes).
 */
export async function readTextFile(path: string): Promise<string> {
  return decodeBytes(await readFileBytes(path)).text;
}

/** A file's size, or a clear refusal: missing, a folder, unreadable, or larger than `maxBytes`. */
export async function fileSize(path: string, maxBytes = MAX_TEXT_FILE_BYTES): Promise<number> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new AppError('file_rejected', `${path} is a folder, not a file`);
    if (!s.isFile()) throw notAFile(path);
    size = s.size;
  } catch (error) {
    throw unreadable(path, error);
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
    throw unreadable(path, error);
  }
}

function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  return `${n} bytes`;
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
