// Bundles a snippet the way an application's bundler would (esbuild, ESM, tree shaking on,
// honouring each package's `sideEffects`), so tests can check what an import really pulls in.
import { build } from 'esbuild'

/** @type {import('./bundle.d.ts').bundleSnippet} */
export async function bundleSnippet(source, options) {
  const result = await build({
    stdin: { contents: source, resolveDir: options.resolveDir, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: options.platform ?? 'node',
    treeShaking: true,
    minify: false,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]?.text ?? ''
  return { code, bytes: Buffer.byteLength(code) }
}
