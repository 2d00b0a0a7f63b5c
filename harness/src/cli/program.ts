/**
 * The `alimock` program (DESIGN §7). Only commander and the tiny outcome/variant tables load up front; each
 * subcommand's module is imported inside its action, so `alimock serve` never loads Playwright or the harness.
 * To add a subcommand: register it in `buildProgram` with a lazy `import('./<name>-command.js')`.
 *
 * Misuse → one line `alimock: …` on stderr, exit 2; runtime failure → one line, exit 1; never a stack trace unless
 * ALIMOCK_DEBUG=1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { OUTCOME_IDS } from '../../../mock-gateway/src/protocol/outcomes.js';
import { ENVELOPE_VARIANTS } from '../../../mock-gateway/src/protocol/variants.js';
import { type CommandResult, EXIT_RUNTIME, EXIT_USAGE } from './command-result.js';
import {
  parseAppId,
  parseHost,
  parseHttpUrl,
  parseMobile,
  parsePort,
  parseRegExp,
  parseSeed,
  parseShard,
  parseWorkers,
} from './parse-args.js';

function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown; version?: unknown };
        if (json.name === 'alimock' && typeof json.version === 'string') return json.version;
      } catch {
        // keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}

const COMMANDS = 'serve, mint, run, keys, doctor';

/** An error text → one line `alimock: …` */
function oneLine(text: string): string {
  const body = text
    .replace(/^error:\s*/i, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return `alimock: ${body}\n`;
}

/** commander's own errors as one line, with what to do about them. */
function commanderOutput(commandName: string | undefined) {
  const help = commandName ? `alimock ${commandName} --help` : 'alimock --help';
  return {
    outputError(text: string, write: (s: string) => void) {
      let line = oneLine(text).trimEnd();
      if (/unknown command/.test(line)) line += ` — use one of: ${COMMANDS}`;
      else if (/unknown option|missing required|argument missing|too many arguments/.test(line))
        line += ` — see ${help}`;
      write(`${line}\n`);
    },
  };
}

const KEYS_HELP = "keys directory (default: the package's TEST-ONLY keys/)";

/** Builds the program. Actions resolve to a CommandResult stored in `result`. */
export function buildProgram(report: (result: CommandResult) => void): Command {
  const program = new Command('alimock')
    .description("A mock of Alipay's my.getPhoneNumber flow and an end-to-end harness for your backend")
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput(commanderOutput(undefined))
    .showHelpAfterError(false)
    .allowExcessArguments(false);

  program
    .command('serve')
    .configureOutput(commanderOutput('serve'))
    .description('start the mock gateway; first stdout line: alimock gateway listening on http://HOST:PORT')
    .option('--port <port>', 'port to listen on (0 = any free port)', parsePort, 0)
    .option('--host <host>', 'address to listen on', parseHost, '127.0.0.1')
    .option('--keys <dir>', KEYS_HELP)
    .option('--seed <n>', 'seed for the fake members', parseSeed)
    .option('--log', 'log one line per request on stderr')
    .option(
      '--token <token>',
      'require this token on the admin API, the bridges and the stub page (generated when --host is not loopback)',
    )
    .option(
      '--target <url>',
      "an origin the stub's my.request bridge may reach (repeatable; default: loopback addresses only)",
      (value: string, previous: string[] = []) => [...previous, parseHttpUrl(value)],
    )
    .action(async (opts) => {
      const { serveCommand } = await import('./serve-command.js');
      report(await serveCommand(opts));
    });

  program
    .command('mint')
    .configureOutput(commanderOutput('mint'))
    .description('print exactly the res.response string my.getPhoneNumber would give a page, and nothing else')
    .option('--mobile <mobile>', "the member's mobile (outcome success; default 13800138000)", parseMobile)
    .addOption(new Option('--outcome <id>', 'Alipay outcome').choices(OUTCOME_IDS).default('success'))
    .option('--unsigned', 'drop sign (and sign_type)')
    .addOption(new Option('--sign-type <type>', 'signature algorithm (default RSA2)').choices(['RSA', 'RSA2']))
    .addOption(
      new Option('--variant <variant>', "envelope shape; default = the outcome's own delivery")
        .choices(ENVELOPE_VARIANTS)
        .default('default'),
    )
    .option('--keys <dir>', KEYS_HELP)
    .action(async (opts) => {
      const { mintCommand } = await import('./mint-command.js');
      report(await mintCommand(opts));
    });

  program
    .command('run')
    .configureOutput(commanderOutput('run'))
    .description('run the scenarios against a backend (none given: the reference backend) and write reports')
    .option('--config <file>', 'alimock config file')
    .option('--target <url>', 'backend base URL (default: start the reference backend)', parseHttpUrl)
    .addOption(new Option('--driver <driver>', 'how the mini-program side is driven').choices(['browser', 'http']))
    .option('--grep <re>', 'run only scenarios whose id or title matches this regular expression', parseRegExp)
    .option('--report-dir <dir>', 'where report.json, junit.xml, report.html, summary.md go (default alimock-report/)')
    .option('--shard <i/n>', 'run the I-th of N slices of the scenarios', parseShard)
    .option('--workers <n>', 'scenarios run in parallel', parseWorkers)
    .action(async (opts) => {
      const { runCommand } = await import('./run-command.js');
      report(await runCommand(opts));
    });

  program
    .command('keys')
    .configureOutput(commanderOutput('keys'))
    .description('write a fresh TEST-ONLY key set (Alipay and app RSA keys, AES key, certificates)')
    .option('--out <dir>', 'target folder', './alimock-keys')
    .option('--force', 'overwrite an existing key set')
    .option('--app-id <id>', 'the demo app id (default 2021000000000001)', parseAppId)
    .action(async (opts) => {
      const { keysCommand } = await import('./keys-command.js');
      report(await keysCommand(opts));
    });

  program
    .command('doctor')
    .configureOutput(commanderOutput('doctor'))
    .description('diagnose why a res.response payload fails verification or decryption (exit 0 fine, 1 problem found)')
    .argument('[envelope]', 'the envelope text (or use --file, or pipe it on stdin)')
    .option('--file <file>', 'read the envelope from a file')
    .option(
      '--alipay-public-key <key>',
      'the Alipay public key your backend verifies with (text, @file or a file path)',
    )
    .option('--aes-key <key>', 'the AES key your backend decrypts with (Base64; text, @file or a file path)')
    .option('--app-public-key <key>', "your app's public key (detects verifying with the wrong key)")
    .option('--keys <dir>', 'take the keys from alipay-public.txt, aes.txt, app-public.txt in this folder (flags win)')
    .option('--json', 'print the diagnosis as JSON')
    .action(async (envelope: string | undefined, opts) => {
      if (envelope !== undefined && opts.file !== undefined) {
        report({
          ok: false,
          exitCode: EXIT_USAGE,
          reason: 'give the envelope either as an argument or with --file, not both',
        });
        return;
      }
      const { doctorCommand } = await import('./doctor-command.js');
      report(await doctorCommand({ ...opts, ...(envelope !== undefined ? { envelope } : {}) }));
    });

  return program;
}

function fail(reason: string, code: number): void {
  process.stderr.write(oneLine(reason));
  process.exitCode = code;
}

export async function main(argv: readonly string[]): Promise<void> {
  if (argv.length === 0) {
    fail(`missing command — use one of: ${COMMANDS} (see alimock --help)`, EXIT_USAGE);
    return;
  }
  const program = buildProgram((result) => {
    if (result.ok) return;
    if (result.reason !== undefined) process.stderr.write(oneLine(result.reason));
    process.exitCode = result.exitCode;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; every other commander error was already printed as one line
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    const error = e instanceof Error ? e : new Error(String(e));
    const hint = process.env.ALIMOCK_DEBUG === '1' ? '' : ' (set ALIMOCK_DEBUG=1 for the stack trace)';
    fail(`internal error: ${error.message}${hint}`, EXIT_RUNTIME);
    if (process.env.ALIMOCK_DEBUG === '1' && error.stack) process.stderr.write(`${error.stack}\n`);
  }
}
