import { tsupPreset } from '@futures/tooling/tsup.preset'
import { defineConfig } from 'tsup'

export default defineConfig(tsupPreset())
