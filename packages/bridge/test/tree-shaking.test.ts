/**
 * The packages are tree-shakable (`"sideEffects": false`) and still work once shaken: each
 * snippet is bundled as an application's bundler would (esbuild, tree shaking on), the bundle
 * is checked for what it must not pull in, then run in a fresh Node process.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleSnippet } from '@futures/tooling/bundle'
import { afterAll, describe, expect, it } from 'vitest'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const scratch = mkdtempSync(join(tmpdir(), 'futures-tree-shaking-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

async function bundleAndRun(
  source: string,
): Promise<{ code: string; bytes: number; output: string }> {
  const { code, bytes } = await bundleSnippet(source, { resolveDir: packageDir })
  const file = join(scratch, `bundle-${Math.random().toString(36).slice(2)}.mjs`)
  writeFileSync(file, code)
  const output = execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim()
  return { code, bytes, output }
}

describe('tree shaking: an import pulls in only what it needs, and still works', () => {
  it('isFuture from @futures/bridge is a few kilobytes: no executor, no event loop, no AsyncLocalStorage', async () => {
    const { code, bytes, output } = await bundleAndRun(
      `import { isFuture } from '@futures/bridge'; console.log(isFuture({}), isFuture(null))`,
    )
    expect(output).toBe('false false')
    expect(bytes).toBeLessThan(8_000)
    expect(code).not.toMatch(/worker_threads|child_process|AsyncLocalStorage|callSoon/)
  })

  it('the concurrent Future alone brings no worker_threads or child_process (the executors stay out)', async () => {
    const { code, output } = await bundleAndRun(`
      import { Future, wait } from '@futures/concurrent'
      const f = new Future()
      f.setResult(41)
      const { done } = await wait([f])
      console.log(f.resultNow() + done.size)
    `)
    expect(output).toBe('42')
    expect(code).not.toMatch(/worker_threads|child_process/)
  })

  it('the aio loop bundled alone runs a task with sleeps', async () => {
    const { code, output } = await bundleAndRun(`
      import { newEventLoop, sleep } from '@futures/aio'
      const loop = newEventLoop()
      const value = await loop.runUntilComplete(function* () {
        yield* sleep(1)
        return 7
      })
      loop.close()
      console.log(value)
    `)
    expect(output).toBe('7')
    expect(code).not.toMatch(/worker_threads|child_process/)
  })

  it('wrapFuture bundled alone mixes both worlds', async () => {
    const { output } = await bundleAndRun(`
      import { wrapFuture } from '@futures/bridge'
      import { Future } from '@futures/concurrent'
      import { run } from '@futures/aio'
      const cf = new Future()
      setTimeout(() => cf.setResult('crossed'), 1)
      console.log(await run(async () => await wrapFuture(cf)))
    `)
    expect(output).toBe('crossed')
  })
})
