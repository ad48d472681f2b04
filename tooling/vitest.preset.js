// @ts-check
import { defineConfig } from 'vitest/config'

/**
 * The one vitest preset every @futures package tests with. Tests live in `test/`; type tests
 * are `*.test-d.ts`. Every run also writes `reports/vitest.json`, which `.ci/run` sums.
 * No retries: a flaky test is a bug to fix, not to hide.
 * @param {import('vitest/config').ViteUserConfig['test']} [overrides]
 */
export function vitestPreset(overrides = {}) {
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      reporters: ['default', 'json'],
      outputFile: { json: 'reports/vitest.json' },
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      retry: 0,
      testTimeout: 20_000,
      ...overrides,
    },
  })
}
