// The list of subcommands. Each module exports `command: CommandModule`; add one line per command.
import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import { command as adapt } from './adapt.ts';
import { command as compile } from './compile.ts';
import { command as conform } from './conform.ts';
import { command as difftest } from './difftest.ts';
import { command as init } from './init.ts';
import { command as report } from './report.ts';
import { command as run } from './run.ts';
import { command as simulate } from './simulate.ts';

/** A subcommand: registers itself on the program and reports its exit code through `setExit`. */
export interface CommandModule {
  register(program: Command, io: CliIO, setExit: (code: number) => void): void;
}

/** Every subcommand, in help order. */
export const COMMANDS: readonly CommandModule[] = [compile, report, simulate, difftest, init, run, conform, adapt];
