import { run } from './program.js';

// a reader that stops early (`rapport people | head`) closes the pipe: stop quietly, as Unix tools do
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

process.exitCode = await run(process.argv.slice(2));
