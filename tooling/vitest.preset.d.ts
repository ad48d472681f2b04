import type { UserConfig, ViteUserConfig } from 'vitest/config'

/** The shared vitest config; `overrides` adds or replaces `test` fields. */
export declare function vitestPreset(overrides?: ViteUserConfig['test']): UserConfig
