import { tsupPreset } from '@futures/tooling/tsup.preset'
import { defineConfig } from 'tsup'

export default defineConfig(
  tsupPreset({
    entry: [
      'src/index.ts',
      'src/worker/index.ts',
      'src/worker/thread-main.ts',
      'src/worker/process-main.ts',
    ],
  }),
)
