import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'mock-gateway/**/*.test.ts',
      'harness/**/*.test.ts',
      'mini-program/**/*.test.ts',
      'scenarios/**/*.test.ts',
      'examples/**/*.test.ts',
      'reference-backend/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    exclude: ['node_modules', 'dist'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
