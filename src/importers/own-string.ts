/**
 * A copy of a string that keeps nothing else alive. V8 makes a string cut out of a longer one (a
 * line of a file, a value ical.js read out of a chunk of a calendar) a view into it, however
 * short the cut: a record or a cache that keeps such cuts keeps the whole text of the file. A
 * string joined to another is copied when it is cut again, into a string of its own; a copy through
 * a Buffer does the same at three times the cost.
 */
export function ownString(s: string): string {
  return ` ${s}`.slice(1);
}
