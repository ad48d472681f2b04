import { tsupPreset } from '@futures/tooling/tsup.preset'
import { defineConfig } from 'tsup'

// Two entries, one shared chunk: `@futures/aio/testing` and `@futures/aio` must use the same
// classes (a VirtualTimeLoop is an EventLoop of this package); per-process loop state also
// sits on `globalThis`, so separate copies (ESM next to CJS) agree on the running loop.
// `@internal` members (the friends' protocol between loop, handles, futures and tasks) stay
// out of the published types.
export default defineConfig(
  tsupPreset({
    entry: ['src/index.ts', 'src/testing.ts'],
    splitting: true,
    dts: { compilerOptions: { stripInternal: true } },
  }),
)
