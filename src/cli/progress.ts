import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json). */
export function progressBar(label: string, enabled = process.stderr.isTTY === true) {
  if (!enabled) return { update: (_done: number, _total: number) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label.padEnd(14)} {bar} {percentage}% | {value}/{total} | {rate}/s | eta {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let since = Date.now();
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(Math.max(total, done), 0, { rate: 0 });
        started = true;
        since = Date.now();
      }
      bar.setTotal(Math.max(total, done));
      const seconds = (Date.now() - since) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
