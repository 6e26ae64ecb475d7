/** How an import runs, whatever the format. */
export interface ImportOptions {
  /** read and report, write nothing */
  readonly dryRun?: boolean | undefined;
  /** the user's own email addresses (added to the remembered ones) */
  readonly me?: readonly string[] | undefined;
  /**
   * progress for long files: a stage name, what is done and the total (records, or bytes of a
   * streamed file, when `records` says how many records were read so far); with several files,
   * `file` says which one the stage is at
   */
  readonly onProgress?: ImportProgress | undefined;
}

/** Which file of an import of several a stage is at: its path as given or found, and its place (from 1). */
export interface ProgressFile {
  readonly name: string;
  readonly index: number;
  readonly count: number;
}

export type ImportProgress = (
  stage: string,
  done: number,
  total: number,
  records?: number,
  file?: ProgressFile,
) => void;

/**
 * The options for the `index`th file (from 0) of `files`: with several, its progress says which
 * file it is (unless a stage says so itself, as finding the user's address across them all does).
 */
export function forFile<T extends { readonly onProgress?: ImportProgress | undefined }>(
  opts: T,
  files: readonly string[],
  index: number,
): T {
  const onProgress = opts.onProgress;
  const name = files[index];
  if (!onProgress || files.length < 2 || name === undefined) return opts;
  const here: ProgressFile = { name, index: index + 1, count: files.length };
  return {
    ...opts,
    onProgress: (stage: string, done: number, total: number, records?: number, file?: ProgressFile) =>
      onProgress(stage, done, total, records, file ?? here),
  };
}
