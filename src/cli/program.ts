import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { AppError, type ErrorCode } from '../app/errors.js';
import { visible } from '../domain/clean-text.js';
import { registerDataCommands } from './commands/data.js';
import { registerDemoCommands } from './commands/demo.js';
import { registerLogCommands } from './commands/log.js';
import { registerOverviewCommands } from './commands/overview.js';
import { registerPeopleCommands } from './commands/people.js';
import { instant } from './options.js';
import { forStderr, pc } from './output.js';
import { type GlobalOptions, openedDatabase } from './session.js';

declare const RAPPORT_VERSION: string | undefined;
const version = typeof RAPPORT_VERSION === 'string' ? RAPPORT_VERSION : '0.0.0-dev';

/** Exit codes of the contract: 0 done, 2 the command line is wrong, 3 a file is rejected, 1 anything else. */
const EXIT: Record<ErrorCode, number> = {
  invalid_input: 2,
  person_not_found: 2,
  ambiguous_person: 2,
  not_found: 2,
  file_rejected: 3,
  workspace_not_empty: 1,
  internal: 1,
};

export function buildProgram(): Command {
  const program = new Command('rapport')
    .description('Rapport: the quality of your business relationships, and what to do today')
    .version(version, '-V, --version')
    .option('--db <file>', 'the database file (default: $RAPPORT_DB, else ~/.local/share/rapport/rapport.db)')
    .option('--now <time>', 'evaluate as of this moment; later events are ignored (default: the clock)', instant)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(forStderr(pc.red(text))) });
  const globals = () => program.opts<GlobalOptions>();
  registerPeopleCommands(program, globals);
  registerLogCommands(program, globals);
  registerOverviewCommands(program, globals);
  registerDataCommands(program, globals);
  registerDemoCommands(program, globals);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns its exit code; errors become one clear line on stderr. */
export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    // `help NAME` of no command: commander would print the general help and exit 0
    let at = 0;
    while (at < argv.length && argv[at]?.startsWith('-')) at += argv[at] === '--db' || argv[at] === '--now' ? 2 : 1;
    const [first, second] = argv.slice(at);
    if (
      first === 'help' &&
      second !== undefined &&
      !program.commands.some((c) => c.name() === second || c.aliases().includes(second))
    )
      throw new AppError('invalid_input', `unknown command '${second}' (rapport --help lists them)`);
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
  // a value checked in a command's action (an option parser's own is printed by commander, which
  // throws a CommanderError of its own for it): an InvalidArgumentError is a CommanderError too
  if (error instanceof InvalidArgumentError) {
    process.stderr.write(`${forStderr(pc.red(`error: ${visible(error.message)}`))}\n`);
    return 2;
  }
  if (error instanceof CommanderError) {
    // help and version exit through here with code 0; commander has printed the message
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return 0;
    return 2;
  }
  if (error instanceof AppError) {
    process.stderr.write(`${forStderr(pc.red(`error: ${visible(error.message)}`))}\n`);
    return EXIT[error.code];
  }
  const message = error instanceof Error ? error.message : String(error);
  // SQLite's own errors carry a code; the sentence names the database file
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const file = openedDatabase ? ` ${openedDatabase}` : '';
  if (/^SQLITE_BUSY/.test(code) || /SQLITE_BUSY|database is locked/.test(message)) {
    process.stderr.write(
      `${forStderr(pc.red('error: the database is busy (another rapport command is writing); try again'))}\n`,
    );
    return 1;
  }
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code) || /SQLITE_CORRUPT|SQLITE_NOTADB|file is not a database/.test(message)) {
    process.stderr.write(
      `${forStderr(pc.red(`error: the database file${visible(file)} is damaged or not a Rapport database (${visible(message)})`))}\n`,
    );
    return 1;
  }
  if (/^SQLITE_(READONLY|CANTOPEN|FULL|IOERR)/.test(code)) {
    process.stderr.write(
      `${forStderr(pc.red(`error: the database file${visible(file)} cannot be written or read (${visible(message)})`))}\n`,
    );
    return 1;
  }
  process.stderr.write(`${forStderr(pc.red(`error: ${visible(message)}`))}\n`);
  if (process.env.RAPPORT_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}
