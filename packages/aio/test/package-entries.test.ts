import { describe, expect, it } from 'vitest'
import { isBrowser } from './helpers.js'

/** Node's modules, loaded only on Node: these tests start Node processes and read `dist/`. */
async function loadNodeApis() {
  const [{ execFileSync }, { readdirSync, readFileSync }, { createRequire }, path, url] =
    await Promise.all([
      import('node:child_process'),
      import('node:fs'),
      import('node:module'),
      import('node:path'),
      import('node:url'),
    ])
  const packageDir = path.join(path.dirname(url.fileURLToPath(import.meta.url)), '..')
  return { execFileSync, readdirSync, readFileSync, createRequire, join: path.join, packageDir }
}
const nodeApis = isBrowser ? undefined : await loadNodeApis()

function node(): NonNullable<typeof nodeApis> {
  if (nodeApis === undefined) throw new Error('Node only')
  return nodeApis
}

/** Runs an ES module script in a fresh Node process inside the package (self-reference resolves `@futures/aio` to dist/). */
function runScript(source: string): unknown {
  const { execFileSync, packageDir } = node()
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: packageDir,
    encoding: 'utf8',
  })
  return JSON.parse(out.trim().split('\n').at(-1) as string)
}

// Node only: every test here starts Node on the built files or reads them from disk.
describe.skipIf(isBrowser)('the built package', () => {
  it('`.` and `./testing` share one module instance: a VirtualTimeLoop is the running loop of both', () => {
    const result = runScript(`
      import * as aio from '@futures/aio'
      import { VirtualTimeLoop } from '@futures/aio/testing'
      const loop = new VirtualTimeLoop()
      const seen = await loop.runUntilComplete(async () => {
        await aio.sleep(3_600_000)
        return [aio.getRunningLoop() === loop, loop instanceof aio.EventLoop, aio.currentTask() instanceof aio.Task]
      })
      loop.close()
      console.log(JSON.stringify([...seen, loop.time()]))
    `)
    expect(result).toEqual([true, true, true, 3_600_000])
  })

  it('the CJS build sees the running loop of the ESM build (state on globalThis)', () => {
    const result = runScript(`
      import { createRequire } from 'node:module'
      import * as esm from '@futures/aio'
      const cjs = createRequire(process.cwd() + '/package.json')('@futures/aio')
      const loop = esm.newEventLoop()
      const same = await loop.runUntilComplete(async () => [cjs.getRunningLoop() === loop, cjs.currentTask() !== undefined, cjs.isFuture(esm.sleep(0))])
      loop.close()
      console.log(JSON.stringify([cjs.EventLoop !== esm.EventLoop, ...same]))
    `)
    expect(result).toEqual([true, true, true, true])
  })

  it('a task of one copy awaiting a future of the other: cancel reaches it', () => {
    const result = runScript(`
      import { createRequire } from 'node:module'
      import * as esm from '@futures/aio'
      const cjs = createRequire(process.cwd() + '/package.json')('@futures/aio')
      const loop = esm.newEventLoop()
      const foreign = new cjs.Future({ loop })
      const t = loop.createTask(async () => {
        try { await foreign } catch (e) { return [e instanceof esm.CancelledError, e.message] }
      })
      loop.callSoon(() => loop.callSoon(() => t.cancel('across copies')))
      const out = await loop.runUntilComplete(t)
      loop.close()
      const loop2 = esm.newEventLoop()
      const theirs = new cjs.Task(async () => cjs.currentTask() !== undefined, { loop: loop2 })
      const seen = await loop2.runUntilComplete(theirs)
      loop2.close()
      console.log(JSON.stringify([...out, foreign.cancelled(), seen]))
    `)
    expect(result).toEqual([true, 'across copies', true, true])
  })

  it('AsyncLocalStorage is enabled lazily: plain futures and generator tasks never turn it on', () => {
    const result = runScript(`
      import * as aio from '@futures/aio'
      const state = () => globalThis[Symbol.for('@futures/aio/state')]?.taskContext !== undefined
      const loop = aio.newEventLoop()
      const f = loop.createFuture()
      loop.callSoon(() => f.setResult(1))
      await loop.runUntilComplete(f)
      await loop.runUntilComplete(function* () { yield* aio.sleep(1) })
      const before = state()
      await loop.runUntilComplete(async () => 1)
      loop.close()
      console.log(JSON.stringify([before, state()]))
    `)
    expect(result).toEqual([false, true])
  })

  it('exports resolve for require too', () => {
    const { createRequire, join, packageDir } = node()
    const require = createRequire(join(packageDir, 'package.json'))
    const testing = require('@futures/aio/testing') as { VirtualTimeLoop: unknown }
    expect(typeof testing.VirtualTimeLoop).toBe('function')
  })

  it('the browser build (dist/browser, ESM) imports no node: module and carries the browser host', () => {
    const { join, packageDir, readdirSync, readFileSync } = node()
    const dir = join(packageDir, 'dist', 'browser')
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'))
    expect(files).toEqual(expect.arrayContaining(['index.js', 'testing.js']))
    const code = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n')
    expect(code).not.toMatch(/from ['"]node:|require\(|import\(['"]node:/)
    expect(code).not.toMatch(/setImmediate|AsyncLocalStorage|AsyncResource/)
    expect(code).toMatch(/MessageChannel/)
    // `testing.js` takes the loop from the chunk `index.js` uses: one module instance.
    const chunks = (f: string) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/from "\.\/(chunk-[\w-]+\.js)"/g)].map(
        (m) => m[1],
      )
    expect(chunks('testing.js')).toEqual(chunks('index.js'))
  })

  it('exports: the browser condition comes first and points at dist/browser, with the same types', () => {
    const { join, packageDir, readFileSync } = node()
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, { types: string; default: string }>>
    }
    for (const [entry, file] of [
      ['.', 'index'],
      ['./testing', 'testing'],
    ] as const) {
      const conditions = manifest.exports[entry] ?? {}
      expect(Object.keys(conditions)[0]).toBe('browser')
      expect(conditions.browser).toEqual({
        types: `./dist/${file}.d.ts`,
        default: `./dist/browser/${file}.js`,
      })
    }
  })
})

describe('the package in a browser', () => {
  it.runIf(isBrowser)(
    '`@futures/aio` resolves to the browser build, and `./testing` shares its module instance',
    async () => {
      const aio = await import('@futures/aio')
      const { VirtualTimeLoop } = await import('@futures/aio/testing')
      const loop = new VirtualTimeLoop()
      const seen = await loop.runUntilComplete(async () => {
        await aio.sleep(3_600_000)
        return [aio.getRunningLoop() === loop, aio.currentTask() instanceof aio.Task]
      })
      loop.close()
      expect([...seen, loop instanceof aio.EventLoop, loop.time()]).toEqual([
        true,
        true,
        true,
        3_600_000,
      ])
      // The task context is the browser host's stand-in, not Node's AsyncLocalStorage.
      const state = (globalThis as Record<symbol, { taskContext?: object } | undefined>)[
        Symbol.for('@futures/aio/state')
      ]
      expect(state?.taskContext).toBeDefined()
      expect('enterWith' in (state?.taskContext ?? {})).toBe(false)
    },
  )
})
