import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * A full garbage collection, now. A long import allocates far faster than it keeps anything, and
 * V8 lets the old generation grow well past what is alive before it collects on its own: on a
 * gigabyte mailbox that headroom alone pushed the peak over 300 MB. A collection (every 25,000
 * messages of a mailbox) costs a few tens of milliseconds.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null; // a runtime that refuses: V8 collects on its own, with more headroom
    }
  }
  gc?.();
}

/**
 * Lets the event loop run once: a long import awaits only settled promises between records,
 * so without this a Ctrl-C (handled as an event) would wait for the whole file.
 */
export function breathe(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}
