import { tsupPreset } from '@futures/tooling/tsup.preset'
import { defineConfig } from 'tsup'

// One entry. `@futures/core`, `@futures/concurrent` and `@futures/aio` stay external
// (dependencies), so the bridge works on the very classes the application uses.
export default defineConfig(tsupPreset())
