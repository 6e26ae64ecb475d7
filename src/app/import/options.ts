/** How an import runs, whatever the format. */
export interface ImportOptions {
  /** read and report, write nothing */
  readonly dryRun?: boolean | undefined;
  /** the user's own email addresses (added to the remembered ones) */
  readonly me?: readonly string[] | undefined;
  /**
   * progress for long files: a stage name, what is done and the total (records, or bytes of a
   * streamed file, when `records` says how many records were read so far)
   */
  readonly onProgress?: ((stage: string, done: number, total: number, records?: number) => void) | undefined;
}
