import { describe, expect, it } from 'vitest'
import { createTask, type Future, sleep } from '../src/index.js'
import { virtualLoop } from './helpers.js'

describe('how a task runs (test_tasks.BaseTaskTests)', () => {
  it('AT-01 createTask runs nothing; first steps run in creation order, FIFO with callSoon (both kinds)', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    await loop.runUntilComplete(async () => {
      createTask(async () => {
        order.push('task 0 first step')
      })
      // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
      createTask(function* () {
        order.push('task 1 first step')
      })
      createTask(async () => {
        order.push('task 2 first step')
      })
      order.push('create_task returned')
      const done = loop.createFuture<void>()
      loop.callSoon(() => {
        order.push('call_soon after the creates')
        done.setResult()
      })
      await done
    })
    expect(order).toEqual([
      'create_task returned',
      'task 0 first step',
      'task 1 first step',
      'task 2 first step',
      'call_soon after the creates',
    ])
  })

  it('AT-02 (generator) awaiting a done future does not yield: no other task runs in between', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    await loop.runUntilComplete(function* () {
      const done = loop.createFuture<number>()
      done.setResult(1)
      // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
      const other = createTask(function* () {
        order.push('other task ran')
      })
      // the other task's first step is queued; we go through a done future without yielding
      order.push('before await')
      yield* done
      order.push('after await of a done future')
      yield* other
    })
    expect(order).toEqual(['before await', 'after await of a done future', 'other task ran'])
  })

  it('AT-02 (async) awaiting a done future lets no loop iteration pass', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    await loop.runUntilComplete(async () => {
      const done = loop.createFuture<number>()
      done.setResult(1)
      loop.callSoon(() => order.push('next iteration'))
      order.push('before await')
      await done
      order.push('after await of a done future')
      await sleep(0)
    })
    expect(order).toEqual(['before await', 'after await of a done future', 'next iteration'])
  })

  it('AT-03 sleep(0) yields once: callbacks queued before it run first (both kinds)', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    await loop.runUntilComplete(async () => {
      loop.callSoon(() => order.push('queued callback (async)'))
      await sleep(0)
      order.push('after sleep(0) (async)')
    })
    await loop.runUntilComplete(function* () {
      loop.callSoon(() => order.push('queued callback (gen)'))
      yield* sleep(0)
      order.push('after sleep(0) (gen)')
    })
    expect(order).toEqual([
      'queued callback (async)',
      'after sleep(0) (async)',
      'queued callback (gen)',
      'after sleep(0) (gen)',
    ])
  })

  it('AT-03 sleep(0) is exactly one iteration (both kinds)', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    const twoLater = (kind: string) => () =>
      loop.callSoon(() => order.push(`${kind}: two iterations later`))
    await loop.runUntilComplete(async () => {
      loop.callSoon(twoLater('async'))
      await sleep(0)
      order.push('async: after sleep(0)')
      await sleep(0)
    })
    await loop.runUntilComplete(function* () {
      loop.callSoon(twoLater('gen'))
      yield* sleep(0)
      order.push('gen: after sleep(0)')
      yield* sleep(0)
    })
    expect(order).toEqual([
      'async: after sleep(0)',
      'async: two iterations later',
      'gen: after sleep(0)',
      'gen: two iterations later',
    ])
  })

  it('AT-03 sleep(delay, value) resolves to value after the delay; zero or negative act as sleep(0)', async () => {
    const loop = virtualLoop()
    const t0 = loop.time()
    const out = await loop.runUntilComplete(async () => {
      const a = await sleep(10, 'r')
      const at = loop.time() - t0
      const b = await sleep(-1, 'neg')
      const c = await sleep(0, 'zero')
      return [a, at, b, c]
    })
    expect(out).toEqual(['r', 10, 'neg', 'zero'])
    expect(() => sleep(Number.NaN)).toThrow(TypeError)
  })

  it('AT-03 cancelling a sleep drops its timer (test_sleep_cancel)', async () => {
    const loop = virtualLoop()
    const ran: string[] = []
    await loop.runUntilComplete(async () => {
      const s: Future<string> = sleep(1_000, 'never')
      s.addDoneCallback(() => ran.push('done callback'))
      s.cancel()
      await sleep(2_000)
    })
    expect(ran).toEqual(['done callback'])
    expect(loop.time()).toBe(2_000)
  })

  it('AT-04 a task finishes with the value or fails with the exception (both kinds)', async () => {
    const loop = virtualLoop()
    const a = loop.createTask(async () => 5)
    const b = loop.createTask(function* () {
      yield* sleep(1)
      return 6
    })
    const error = new RangeError('k')
    const c = loop.createTask(async () => {
      await sleep(1)
      throw error
    })
    const d = loop.createTask(function* () {
      yield
      throw error
    })
    await loop.runUntilComplete(async () => {
      await sleep(5)
    })
    expect([a.result(), a.exception(), b.result()]).toEqual([5, undefined, 6])
    expect(() => c.result()).toThrow(error)
    expect(c.exception()).toBe(error)
    expect(d.exception()).toBe(error)
  })

  it('AT-04 a done callback added before the finish runs before an awaiting task resumes', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    await loop.runUntilComplete(async () => {
      const t = createTask(async () => {
        order.push('body')
      })
      t.addDoneCallback(() => order.push('done callback'))
      await t
      order.push('awaiter resumed')
    })
    expect(order).toEqual(['body', 'done callback', 'awaiter resumed'])
  })

  it('AT-04 (generator) the same order with yield*', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    await loop.runUntilComplete(function* () {
      // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
      const t = createTask(function* () {
        order.push('body')
      })
      t.addDoneCallback(() => order.push('done callback'))
      yield* t
      order.push('awaiter resumed')
    })
    expect(order).toEqual(['body', 'done callback', 'awaiter resumed'])
  })

  it('AT-35 (DESIGN) no eager start: a task that never suspends is not done when createTask returns', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const t = createTask(async () => 1)
      // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
      const g = createTask(function* () {
        return 2
      })
      expect([t.done(), g.done()]).toEqual([false, false])
      expect([await t, await g]).toEqual([1, 2])
    })
  })
})
