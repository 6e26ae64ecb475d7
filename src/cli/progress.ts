import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import cliProgress from 'cli-progress';
import stringWidth from 'string-width';
import type { ProgressFile } from '../app/import/options.js';
import { visible } from '../domain/clean-text.js';

/** The bar's widest, and the narrowest worth drawing (below it, no bar: the numbers matter more). */
const MAX_BAR = 40;
const MIN_BAR = 5;
/** The columns a file's name takes at most beside a bar, and the fewest it is cut to when room is short. */
const MAX_NAME = 20;
const MIN_NAME = 8;
/** How long a stage runs before its rate and time left are measured (sooner, they are noise). */
const MEASURABLE_SECONDS = 1;

/** How long a window the rate and time left are measured over: recent, so a slow start is soon forgotten. */
const WINDOW_MS = 10_000;

/** What a progress line shows: a stage, where it is, and for how long it has run. */
export interface ProgressView {
  readonly stage: string;
  /** with several files, the one the stage is at */
  readonly file?: ProgressFile | undefined;
  readonly done: number;
  readonly total: number;
  /** records read so far, when `done` counts bytes of a streamed file */
  readonly records?: number | undefined;
  /** since the stage began */
  readonly seconds: number;
  /** the progress of the last seconds (between reports): what the rate and time left are measured on */
  readonly recent?: { readonly seconds: number; readonly done: number; readonly count: number } | undefined;
}

/**
 * The rate (records, or units of `done`, a second) and the time left (seconds) of a stage, each
 * only once it can be measured: over the recent reports once they span MEASURABLE_SECONDS (without
 * them, the whole stage once it ran that long), and for a stage finished sooner, its real rate
 * over the time it took. Never a "0/s" for a stage just started.
 */
export function measure(view: ProgressView): { rate?: number; eta?: number } {
  const count = view.records ?? view.done;
  const finished = view.total > 0 && view.done >= view.total;
  const whole = { seconds: view.seconds, done: view.done, count };
  const recent =
    view.recent && view.recent.seconds >= MEASURABLE_SECONDS
      ? view.recent
      : finished || (!view.recent && view.seconds >= MEASURABLE_SECONDS)
        ? whole
        : undefined;
  const out: { rate?: number; eta?: number } = {};
  if (!recent || recent.seconds <= 0) return out;
  if (recent.count > 0) out.rate = recent.count / recent.seconds;
  if (recent.done > 0 && !finished && recent.seconds >= MEASURABLE_SECONDS)
    out.eta = ((view.total - view.done) * recent.seconds) / recent.done;
  return out;
}

const number = (n: number) => Math.round(n).toLocaleString('en');

/** "9,512/s", "2.5/s": a rate with thousands separators, a decimal below 10. */
export function formatRate(rate: number): string {
  return `${rate < 10 ? rate.toLocaleString('en', { maximumFractionDigits: 1 }) : number(rate)}/s`;
}

/** "45s", "12m 05s", "2h 05m": a time left, rounded up to the second. */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${number(Math.floor(s / 3600))}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * A file's name as shown: as given when inside the working folder ("mail/a.mbox"), otherwise its
 * base name, with its folder when the name alone says little (Apple Mail's "Inbox.mbox/mbox");
 * control characters escaped.
 */
export function fileName(path: string, cwd = process.cwd()): string {
  const inside = relative(cwd, path);
  if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return visible(inside);
  const name = basename(path);
  return visible(name.includes('.') ? name : join(basename(dirname(path)), name));
}

/** The end of `text` in at most `columns` columns, "…" in front when cut (a file's name ends with what tells it apart). */
export function keepEnd(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text;
  if (columns < 1) return '';
  const chars = [...text];
  let kept = '';
  for (let i = chars.length - 1; i >= 0; i--) {
    const next = `${chars[i]}${kept}`;
    if (stringWidth(next) > columns - 1) break;
    kept = next;
  }
  return `…${kept}`;
}

/** The start of `text` in at most `columns` columns. */
function keepStart(text: string, columns: number): string {
  let kept = '';
  for (const c of text) {
    if (stringWidth(kept + c) > columns) break;
    kept += c;
  }
  return kept;
}

/** "messages · a.mbox (2 of 3)": the stage, and with several files which one, its name cut to `nameColumns` (none: 0). */
export function progressLabel(stage: string, file: ProgressFile | undefined, nameColumns = MAX_NAME): string {
  if (!file || file.count < 2) return stage;
  const place = `(${number(file.index)} of ${number(file.count)})`;
  const name = nameColumns >= MIN_NAME ? keepEnd(fileName(file.name), nameColumns) : '';
  return name ? `${stage} · ${name} ${place}` : `${stage} ${place}`;
}

/**
 * The progress line in at most `width` columns: the label, a bar, the percentage, the count, the
 * rate and the time left. When they do not fit, the bar shrinks first (down to none, never wider
 * than `maxBar`), then the file's name is cut, then the percentage, the rate, the file's place,
 * the time left and the count go, in that order; `bar` is the bar's width drawn.
 */
export function renderProgress(view: ProgressView, width: number, maxBar = MAX_BAR): { line: string; bar: number } {
  if (width < 1) return { line: '', bar: 0 };
  const { rate, eta } = measure(view);
  const fraction = view.total > 0 ? Math.min(1, Math.max(0, view.done / view.total)) : 0;
  const percent = `${Math.floor(fraction * 100)}%`;
  const count =
    view.records !== undefined ? `${number(view.records)} read` : `${number(view.done)}/${number(view.total)}`;
  const rateText = rate === undefined ? undefined : formatRate(rate);
  const etaText = eta === undefined ? undefined : `eta ${formatEta(eta)}`;
  const tail = (parts: readonly (string | undefined)[]) => parts.filter((p) => p !== undefined).join(' | ');
  const full = tail([percent, count, rateText, etaText]);
  const fits = (s: string) => stringWidth(s) <= width;

  // everything, with as wide a bar as there is room for
  const label = progressLabel(view.stage, view.file);
  const room = width - stringWidth(label) - stringWidth(full) - 2;
  const bar = Math.min(maxBar, room);
  if (bar >= MIN_BAR) {
    const filled = Math.round(fraction * bar);
    return { line: `${label} ${'█'.repeat(filled)}${'░'.repeat(bar - filled)} ${full}`, bar };
  }
  // no bar: the file's name cut to the room left, or left out
  const unnamed = progressLabel(view.stage, view.file, 0);
  const plain = `${unnamed} ${full}`;
  if (fits(`${label} ${full}`)) return { line: `${label} ${full}`, bar: 0 };
  if (view.file && view.file.count >= 2 && fits(plain)) {
    const spare = width - stringWidth(plain) - 3; // " · " before the name
    const named = `${progressLabel(view.stage, view.file, spare)} ${full}`;
    return { line: fits(named) ? named : plain, bar: 0 };
  }
  if (fits(plain)) return { line: plain, bar: 0 };
  // then the rest, least needed first
  for (const line of [
    `${unnamed} ${tail([count, rateText, etaText])}`,
    `${unnamed} ${tail([count, etaText])}`,
    `${view.stage} ${tail([count, etaText])}`,
    `${view.stage} ${count}`,
  ])
    if (fits(line)) return { line, bar: 0 };
  return { line: keepStart(`${view.stage} ${count}`, width), bar: 0 };
}

/** The progress line in at most `width` columns (see renderProgress). */
export function progressLine(view: ProgressView, width: number): string {
  return renderProgress(view, width).line;
}

/**
 * A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json). With
 * `records`, the bar advances by `done` (bytes of a streamed file) while the records read so far
 * and their rate are shown. The line fits the terminal's width, read again at each redraw (a
 * resized window). `since` is when the stage began: its rate and time left are measured from it
 * to each report.
 */
export function progressBar(label: string, enabled = process.stderr.isTTY === true, since = Date.now()) {
  if (!enabled)
    return { update: (_done: number, _total: number, _records?: number, _file?: ProgressFile) => {}, stop: () => {} };
  let bar: cliProgress.SingleBar | undefined;
  let view: ProgressView = { stage: label, done: 0, total: 0, seconds: 0 };
  const samples: { at: number; done: number; count: number }[] = [];
  // the bar only narrows as the numbers widen (no jitter), until the terminal's width changes
  let width = 0;
  let maxBar = MAX_BAR;
  const format = (_options: cliProgress.Options, params: cliProgress.Params) => {
    if (params.maxWidth !== width) {
      width = params.maxWidth;
      maxBar = MAX_BAR;
    }
    // one column short of the width: with line wrapping off the cursor stays on the last column
    // after writing it, and the clearing that follows each line would erase that character
    const drawn = renderProgress(view, width - 1, maxBar);
    if (drawn.bar > 0) maxBar = drawn.bar;
    return drawn.line;
  };
  return {
    update(done: number, total: number, records?: number, file?: ProgressFile) {
      // measured as of this report: a stage waiting for the next one does not slow down on screen
      const now = Date.now();
      samples.push({ at: now, done, count: records ?? done });
      while (samples.length > 2 && (samples[1]?.at ?? now) <= now - WINDOW_MS) samples.shift();
      const first = samples[0] ?? { at: now, done, count: records ?? done };
      view = {
        stage: label,
        file,
        done,
        total: Math.max(total, done),
        records,
        seconds: (now - since) / 1000,
        recent: { seconds: (now - first.at) / 1000, done: done - first.done, count: (records ?? done) - first.count },
      };
      if (!bar) {
        bar = new cliProgress.SingleBar({ stream: process.stderr, format, hideCursor: true, clearOnComplete: true });
        bar.start(view.total, done);
      } else {
        bar.setTotal(view.total);
        bar.update(done);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
