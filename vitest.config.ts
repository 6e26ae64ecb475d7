import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    env: { TZ: 'UTC' },
    globalSetup: ['test/global-setup.ts'],
    // the CLI tests run a dozen commands each: on a busy machine (load 20 on two cores) one took 44 s
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
