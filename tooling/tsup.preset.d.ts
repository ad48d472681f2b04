import type { Options } from 'tsup'

/** The shared tsup options; `overrides` adds or replaces fields. */
export declare function tsupPreset(overrides?: Options): Options
