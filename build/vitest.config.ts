import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: volumes are large, so run test files two at a time at most.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          // Worker threads run esbuild bundles of the sources under test (see the file).
          globalSetup: ['test/support/vitest-global-setup.ts'],
        },
      },
      {
        extends: true,
        plugins: [vue()],
        test: { name: 'renderer', include: ['test/renderer/**/*.test.ts'], environment: 'happy-dom' },
      },
    ],
  },
});
