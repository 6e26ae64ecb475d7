import { run } from './program.js';
import { discardInterruptedDatabase } from './session.js';

// a reader that stops early (`rapport people | head`) closes the pipe: stop quietly, as Unix tools do
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

// Ctrl-C or a kill: SQLite drops what the open transaction wrote (an import keeps the files it had
// finished; a database the command created with nothing committed yet is removed); the terminal
// gets back the cursor and line wrapping a progress bar hid, and the user is told
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  process.on(signal, () => {
    if (process.stderr.isTTY) process.stderr.write('\x1b[?25h\x1b[?7h\n');
    discardInterruptedDatabase();
    process.stderr.write('Interrupted: what was not finished was not saved.\n');
    process.exit(code);
  });

process.exitCode = await run(process.argv.slice(2));
