// Preloaded with `node --import` into a process whose peak memory a benchmark wants: at exit it
// writes the peak resident size (VmHWM, in kB) to the file named by PEAK_RSS_FILE.
import { readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.PEAK_RSS_FILE;
  const peak = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  if (file && peak) writeFileSync(file, peak);
});
