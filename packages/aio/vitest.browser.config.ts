/// <reference types="@vitest/browser/providers/playwright" />
import { defineConfig } from 'vitest/config'

/**
 * The aio tests in headless Chromium (`pnpm test:browser`), through vitest's browser mode and
 * playwright driving the system's Chromium (Debian's `chromium`; playwright never downloads
 * one). The tests import `../src/index.js` and `../src/testing.js`; here both resolve to what
 * ships to browsers, `@futures/aio` and `@futures/aio/testing` through the `browser` condition
 * of `exports` (`dist/browser/`, one shared chunk), so turbo builds first. Tests that need Node
 * skip themselves (`nodeOnly` in `test/helpers.ts`); the report goes to
 * `reports/vitest-browser.json`, which `.ci/test-summary.mjs` sums with the Node reports.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  resolve: {
    alias: [
      { find: /^\.\.\/src\/index\.js$/, replacement: '@futures/aio' },
      { find: /^\.\.\/src\/testing\.js$/, replacement: '@futures/aio/testing' },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest-browser.json' },
    retry: 0,
    testTimeout: 20_000,
    browser: {
      enabled: true,
      provider: 'playwright',
      headless: true,
      screenshotFailures: false,
      instances: [
        {
          browser: 'chromium',
          launch: {
            executablePath: chromium,
            // Without the background-networking flags Chromium dials out at start, which this
            // closed network refuses. `--expose-gc` gives the page `gc()`, so the reports of
            // futures and tasks collected unread (FinalizationRegistry) are tested here too.
            args: [
              '--js-flags=--expose-gc',
              '--headless',
              '--no-sandbox',
              '--disable-gpu',
              '--disable-quic',
              '--no-first-run',
              '--disable-background-networking',
              '--disable-component-update',
              '--disable-sync',
            ],
          },
        },
      ],
    },
  },
})
