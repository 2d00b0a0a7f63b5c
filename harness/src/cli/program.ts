/**
 * The `alimock` program (docs/cli.md). Only commander and the tiny outcome/variant tables load up front; each
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
import { DOCTOR_DOC, formatLimit, KEY_LIMIT, PAYLOAD_LIMIT } from '../doctor/constants.js';
import { type CommandResult, EXIT_RUNTIME, EXIT_USAGE } from './command-result.js';
import {
  parseAppId,
  parseGroups,
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

const COMMANDS = 'serve, mint, run, keys, doctor, lint, vectors';

/** Control characters a quoted output line must not carry to the terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to remove them
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

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
    .description(
      'start the mock gateway and its playground (at /); first stdout line: alimock gateway listening on http://HOST:PORT',
    )
    .option('--port <port>', 'port to listen on (0 = any free port)', parsePort, 0)
    .option('--host <host>', 'address to listen on', parseHost, '127.0.0.1')
    .option('--keys <dir>', KEYS_HELP)
    .option('--seed <n>', 'seed for the fake members', parseSeed)
    .option('--log', 'log one line per request on stderr')
    .option('--mini-program <dir>', "also serve a mini-program project (its app.json's folder) and print its URL")
    .option('--page <route>', 'the page to open first, e.g. pages/bind/bind (with --mini-program)')
    .option(
      '--token <token>',
      'require this token on the admin API, the bridges and the stub page (generated when --host is not loopback)',
    )
    .option(
      '--target <url>',
      "your backend (the first one), an origin the pages' my.request bridge may reach (repeatable; default: loopback addresses only)",
      (value: string, previous: string[] = []) => [...previous, parseHttpUrl(value)],
    )
    .option(
      '--config <file>',
      'your alimock config: its target (a command is started), contract and page (miniProgram or pageScript) are used by the playground',
    )
    .action(async (opts) => {
      if (opts.page !== undefined && opts.miniProgram === undefined && opts.config === undefined) {
        report({ ok: false, exitCode: EXIT_USAGE, reason: '--page needs --mini-program <dir>' });
        return;
      }
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
    .option('--groups <list>', 'run only these groups: faq, login, security, custom (comma-separated)', parseGroups)
    .option(
      '--scenarios <path>',
      "run these scenario files or folders (.json, .ts, .js; repeatable; 'builtin' = alimock's own suite)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--page-script <file>', 'your own page script (Page({…}) using my) instead of the FAQ sample page')
    .option(
      '--mini-program <dir>',
      'your own mini-program project (its root, with app.json) instead of the FAQ sample page',
    )
    .option('--page <route>', 'with --mini-program: the page to open first, e.g. pages/bind/bind')
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
    .option(
      '--field <name>',
      'the payload is your request body (JSON or form): take it from this member or field (name or dot path: payload, data.encrypted)',
    )
    .option(
      '--config <file>',
      'your alimock config: its contract.buildPhoneRequest says where the payload sits in the body you pass',
    )
    .option('--json', 'print the diagnosis as JSON')
    .addHelpText(
      'after',
      `\nInputs are read up to ${formatLimit(PAYLOAD_LIMIT)} for the payload and ${formatLimit(KEY_LIMIT)} per key. Every finding is explained in ${DOCTOR_DOC} (in the package).`,
    )
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

  program
    .command('vectors')
    .configureOutput(commanderOutput('vectors'))
    .description('write vectors.json (payloads and the answer each must get) and its JSON Schema, for unit tests')
    .requiredOption('--out <dir>', 'target folder')
    .option('--seed <n>', "seed for the member's mobile (default 1)", parseSeed)
    .option('--keys <dir>', KEYS_HELP)
    .action(async (opts) => {
      const { vectorsCommand } = await import('./vectors-command.js');
      report(await vectorsCommand(opts));
    });

  program
    .command('lint')
    .configureOutput(commanderOutput('lint'))
    .description("check a mini-program's phone-number flow against FAQ Q1 (exit 0 clean, 1 findings, 2 misuse)")
    .argument('<dir>', "the mini-program's root folder (with app.json)")
    .option('--json', 'print the findings as JSON')
    .action(async (dir: string, opts) => {
      const { lintCommand } = await import('./lint-command.js');
      report(await lintCommand({ dir, ...opts }));
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
    if (result.reason !== undefined) {
      // one line; a target's output (its last lines) may follow it, each line quoted
      const [first = '', ...more] = result.reason.split('\n');
      process.stderr.write(oneLine(first));
      for (const line of more) process.stderr.write(`${line.replace(CONTROL_CHARS, '')}\n`);
    }
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
