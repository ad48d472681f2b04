import { vitestPreset } from '@futures/tooling/vitest.preset'

export default vitestPreset()
