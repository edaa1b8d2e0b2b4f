// tilegate's command line: argv -> library call -> files and exit code. Thin by design: each
// subcommand lives in cli/commands/<name>.ts and registers itself on the commander program.
import { Command, CommanderError } from 'commander';
import { EXIT, processIO, type CliIO } from './io.ts';
import { COMMANDS } from './commands/index.ts';

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('tilegate')
    .description('Compile DynamicGate-MLP models to WASM, WebGPU and an XDNA-style tile grid.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run with --help for usage)');
  for (const cmd of COMMANDS) cmd.register(program, io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.badInput;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`error[E5001]: internal error: ${msg}\n  hint: this is a bug in tilegate; rerun with TILEGATE_DEBUG=1 for the stack`);
    if (process.env.TILEGATE_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return EXIT.internal;
  }
  return exitCode;
}
