import { fileURLToPath } from 'node:url'
import { tsupPreset } from '@futures/tooling/tsup.preset'
import { defineConfig, type Options } from 'tsup'

type Plugin = NonNullable<Options['esbuildPlugins']>[number]

// Two entries, one shared chunk: `@futures/aio/testing` and `@futures/aio` must use the same
// classes (a VirtualTimeLoop is an EventLoop of this package); per-process loop state also
// sits on `globalThis`, so separate copies (ESM next to CJS) agree on the running loop.
// `@internal` members (the friends' protocol between loop, handles, futures and tasks) stay
// out of the published types.
const entry = ['src/index.ts', 'src/testing.ts']

/** The browser build imports `host-browser.ts` wherever the source imports `host-node.js`. */
const browserHost: Plugin = {
  name: 'futures-browser-host',
  setup(build) {
    const path = fileURLToPath(new URL('./src/host-browser.ts', import.meta.url))
    build.onResolve({ filter: /^\.\/host-node\.js$/ }, () => ({ path }))
  },
}

export default defineConfig([
  // Node: ESM + CJS + types, in `dist/` (its clean leaves the browser build alone).
  tsupPreset({
    entry,
    splitting: true,
    clean: ['!browser/**'],
    dts: { compilerOptions: { stripInternal: true } },
  }),
  // Browsers (the `browser` condition of `exports`): ESM only, in `dist/browser/`, with the
  // host seam swapped; the types are the Node build's (the API is the same).
  tsupPreset({
    entry,
    outDir: 'dist/browser',
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    shims: false,
    splitting: true,
    dts: false,
    esbuildPlugins: [browserHost],
  }),
])
