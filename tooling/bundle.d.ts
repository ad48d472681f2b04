/** Options for {@link bundleSnippet}. */
export interface BundleOptions {
  /** Where imports in the snippet resolve from (a package directory). */
  readonly resolveDir: string
  /** esbuild's platform. @defaultValue `'node'` */
  readonly platform?: 'node' | 'browser' | 'neutral'
}

/** The bundled code and its size in bytes. */
export interface Bundle {
  readonly code: string
  readonly bytes: number
}

/** Bundles `source` (an ES module) with esbuild, tree shaking on, as an application would. */
export declare function bundleSnippet(source: string, options: BundleOptions): Promise<Bundle>
