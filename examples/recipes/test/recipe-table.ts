/**
 * The four recipes as the test drives them: how to tell the runtime is installed (and which Debian package brings
 * it), how to build, how to run the unit test over a vectors.json, and the run.sh that starts the backend.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, succeeds } from './processes.js';

export const RECIPES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Recipe {
  name: 'go' | 'java' | 'python' | 'php';
  /** the Debian package(s) CI installs for it */
  debian: string;
  /** the runtime's environment (e.g. which python3), or undefined when it is missing */
  detect(): Promise<Record<string, string> | undefined>;
  /** compile ahead of the unit test and run.sh (their own builds then hit the cache) */
  build?(env: Record<string, string>): Command;
  unitTest(vectorsPath: string, env: Record<string, string>): Command;
}

const dir = (name: string) => join(RECIPES_DIR, name);

async function firstPythonWithCryptography(): Promise<string | undefined> {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (await succeeds(python, ['-c', 'import cryptography'])) return python;
  }
  return undefined;
}

export const RECIPES: readonly Recipe[] = [
  {
    name: 'go',
    debian: 'golang',
    detect: async () => ((await succeeds('go', ['version'])) ? {} : undefined),
    build: (env) => ({
      cmd: 'go',
      args: ['build', '-o', join(env.RECIPE_BUILD_DIR as string, 'backend'), './cmd/backend'],
      cwd: dir('go'),
      env,
    }),
    unitTest: (vectors, env) => ({
      cmd: 'go',
      // vet is a linter, not the test: it ran 140 analyser processes (8 CPU s) on every run
      args: ['test', '-count=1', '-vet=off', './...'],
      cwd: dir('go'),
      env: { ...env, VECTORS: vectors },
    }),
  },
  {
    name: 'java',
    debian: 'openjdk-17-jdk-headless',
    detect: async () => ((await succeeds('javac', ['-version'])) ? {} : undefined),
    build: (env) => ({ cmd: 'bash', args: [join(dir('java'), 'build.sh')], cwd: dir('java'), env }),
    unitTest: (vectors, env) => ({
      cmd: 'java',
      args: ['-cp', join(env.RECIPE_BUILD_DIR as string, 'classes'), 'alipayphone.VectorsTest', vectors],
      cwd: dir('java'),
      env,
    }),
  },
  {
    name: 'python',
    debian: 'python3-cryptography',
    detect: async () => {
      const python = await firstPythonWithCryptography();
      return python ? { PYTHON: python, PYTHONDONTWRITEBYTECODE: '1' } : undefined;
    },
    unitTest: (vectors, env) => ({
      cmd: env.PYTHON as string,
      args: ['test_vectors.py', vectors],
      cwd: dir('python'),
      env,
    }),
  },
  {
    name: 'php',
    debian: 'php-cli',
    detect: async () =>
      (await succeeds('php', ['-r', 'exit(extension_loaded("openssl") && function_exists("json_decode") ? 0 : 1);']))
        ? {}
        : undefined,
    unitTest: (vectors, env) => ({ cmd: 'php', args: ['tests/vectors_test.php', vectors], cwd: dir('php'), env }),
  },
];

/** `run.sh <port> <keys dir>` of a recipe. */
export function runScript(recipe: Recipe, port: number, keysDir: string, env: Record<string, string>): Command {
  return { cmd: 'bash', args: [join(dir(recipe.name), 'run.sh'), String(port), keysDir], cwd: dir(recipe.name), env };
}
