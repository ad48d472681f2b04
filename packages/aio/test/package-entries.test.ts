import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Runs an ES module script in a fresh Node process inside the package (self-reference resolves `@futures/aio` to dist/). */
function runScript(source: string): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: packageDir,
    encoding: 'utf8',
  })
  return JSON.parse(out.trim().split('\n').at(-1) as string)
}

describe('the built package', () => {
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
    const require = createRequire(join(packageDir, 'package.json'))
    const testing = require('@futures/aio/testing') as { VirtualTimeLoop: unknown }
    expect(typeof testing.VirtualTimeLoop).toBe('function')
  })
})
