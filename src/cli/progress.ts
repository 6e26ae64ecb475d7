import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json). With
 * `records`, the bar advances by `done` (bytes of a streamed file) while the records read so far
 * and their rate are shown.
 */
export function progressBar(label: string, enabled = process.stderr.isTTY === true) {
  if (!enabled) return { update: (_done: number, _total: number, _records?: number) => {}, stop: () => {} };
  let bar: cliProgress.SingleBar | undefined;
  let started = false;
  let since = Date.now();
  const make = (byRecords: boolean) =>
    new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: byRecords
          ? `${label.padEnd(14)} {bar} {percentage}% | {records} read | {rate}/s | eta {eta_formatted}`
          : `${label.padEnd(14)} {bar} {percentage}% | {value}/{total} | {rate}/s | eta {eta_formatted}`,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
  return {
    update(done: number, total: number, records?: number) {
      if (!started) {
        bar = make(records !== undefined);
        bar.start(Math.max(total, done), 0, { rate: 0, records: 0 });
        started = true;
        since = Date.now();
      }
      bar?.setTotal(Math.max(total, done));
      const seconds = (Date.now() - since) / 1000;
      const count = records ?? done;
      bar?.update(done, {
        rate: seconds > 0 ? Math.round(count / seconds).toLocaleString('en') : 0,
        records: records?.toLocaleString('en') ?? '',
      });
    },
    stop() {
      if (started) bar?.stop();
    },
  };
}
