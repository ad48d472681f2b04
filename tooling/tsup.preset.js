// @ts-check
/**
 * The one tsup preset every @futures package builds with: ESM + CJS + .d.ts/.d.cts,
 * target node20, `#private` kept native, `import.meta.url` shimmed for the CJS build.
 * @param {import('tsup').Options} [overrides] fields to add or replace (e.g. more `entry` points)
 * @returns {import('tsup').Options}
 */
export function tsupPreset(overrides = {}) {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    shims: true,
    splitting: false,
    treeshake: false,
    ...overrides,
  }
}
