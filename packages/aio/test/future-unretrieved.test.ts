import { describe, expect, it } from 'vitest'
import type { EventLoop, ExceptionContext } from '../src/index.js'
import { captureHandler, collectGarbage, virtualLoop } from './helpers.js'

/** Makes a future in its own frame, does `what` with it, and drops it. */
function dropFuture(
  loop: EventLoop,
  what: (f: ReturnType<EventLoop['createFuture']>) => void,
): void {
  what(loop.createFuture())
}

async function reportsAfterGc(
  what: (f: ReturnType<EventLoop['createFuture']>) => void,
): Promise<ExceptionContext[]> {
  const loop = virtualLoop()
  const seen = captureHandler(loop)
  dropFuture(loop, what)
  await collectGarbage()
  return seen
}

describe('unretrieved exceptions (test_futures.BaseFutureTests.test_tb_logger_*)', () => {
  it('AF-17 a failed future collected without a read is reported to the loop', async () => {
    const error = new Error('never read')
    const seen = await reportsAfterGc((f) => f.setException(error))
    expect(seen).toHaveLength(1)
    expect(seen[0]?.message).toBe('Future exception was never retrieved')
    expect(seen[0]?.exception).toBe(error)
    expect(seen[0]?.future).toMatch(/^<Future finished exception=Error\("never read"\)>$/)
  })

  it('AF-18 exception() counts as retrieving it', async () => {
    const seen = await reportsAfterGc((f) => {
      f.setException(new Error('read'))
      f.exception()
    })
    expect(seen).toEqual([])
  })

  it('AF-18 result() (which throws) counts as retrieving it', async () => {
    const seen = await reportsAfterGc((f) => {
      f.setException(new Error('read'))
      expect(() => f.result()).toThrow('read')
    })
    expect(seen).toEqual([])
  })

  it('AF-18 awaiting a failed future (already done) counts as retrieving it', async () => {
    const loop = virtualLoop()
    const seen = captureHandler(loop)
    await (async () => {
      const f = loop.createFuture()
      f.setException(new Error('awaited'))
      await expect(loop.runUntilComplete(async () => await f)).rejects.toThrow('awaited')
    })()
    await collectGarbage()
    expect(seen).toEqual([])
  })

  it('AF-19 cancel() on a failed future silences the report', async () => {
    const seen = await reportsAfterGc((f) => {
      f.setException(new Error('cancelled after'))
      expect(f.cancel()).toBe(false)
    })
    expect(seen).toEqual([])
  })

  it('AF-20 a result never read, a dropped pending future, a cancelled one: no report', async () => {
    const a = await reportsAfterGc((f) => f.setResult(1))
    const b = await reportsAfterGc(() => {})
    const c = await reportsAfterGc((f) => f.cancel())
    expect([a, b, c]).toEqual([[], [], []])
  })

  it('AT-29 a failed task collected without a read: "Task exception was never retrieved" (both kinds)', async () => {
    const loop = virtualLoop()
    const seen = captureHandler(loop)
    const error = new Error('task failed')
    ;(() => {
      loop.createTask(async () => {
        throw error
      })
      loop.createTask(function* () {
        yield
        throw error
      })
    })()
    // let it run and finish (nobody reads it)
    await loop.runUntilComplete(async () => {
      await Promise.resolve()
    })
    await loop.runUntilComplete(function* () {
      yield
    })
    await collectGarbage()
    expect(seen.map((c) => c.message)).toEqual([
      'Task exception was never retrieved',
      'Task exception was never retrieved',
    ])
    expect(seen.map((c) => c.exception)).toEqual([error, error])
  })

  it('AT-29 an error made inside the coroutine (its stack not yet read) is reported too: the task is collected', async () => {
    const loop = virtualLoop()
    const seen = captureHandler(loop)
    const refs: WeakRef<object>[] = []
    ;(() => {
      refs.push(
        new WeakRef(
          // biome-ignore lint/correctness/useYield: a generator coroutine that fails in its first step
          loop.createTask(function* () {
            throw new TypeError('generator, sync part')
          }),
        ),
        new WeakRef(
          loop.createTask(async () => {
            throw new TypeError('async, sync part')
          }),
        ),
        new WeakRef(
          loop.createTask(async () => {
            await Promise.resolve()
            throw new TypeError('async, after an await')
          }),
        ),
      )
    })()
    await loop.runUntilComplete(async () => {
      await Promise.resolve()
    })
    await loop.runUntilComplete(function* () {
      yield
    })
    await collectGarbage()
    expect(refs.map((r) => r.deref() === undefined)).toEqual([true, true, true])
    expect(seen.map((c) => (c.exception as Error).message).sort()).toEqual([
      'async, after an await',
      'async, sync part',
      'generator, sync part',
    ])
    expect(new Set(seen.map((c) => c.message))).toEqual(
      new Set(['Task exception was never retrieved']),
    )
  })

  it('AT-29 a failed task whose exception was read is not reported', async () => {
    const loop = virtualLoop()
    const seen = captureHandler(loop)
    await (async () => {
      const t = loop.createTask(function* () {
        yield
        throw new Error('read it')
      })
      await expect(loop.runUntilComplete(t)).rejects.toThrow('read it')
    })()
    await collectGarbage()
    expect(seen).toEqual([])
  })
})

describe('lost tasks (test_tasks.BaseTaskTests.test_log_destroyed_pending_task)', () => {
  it('AT-29 a task collected while pending: "Task was destroyed but it is pending!" (both kinds)', async () => {
    const loop = virtualLoop()
    const seen = captureHandler(loop)
    ;(() => {
      loop.createTask(
        async () => {
          await loop.createFuture() // nobody else holds this future
        },
        { name: 'lost-async' },
      )
      loop.createTask(
        function* () {
          yield* loop.createFuture()
        },
        { name: 'lost-gen' },
      )
    })()
    await loop.runUntilComplete(async () => {
      await Promise.resolve()
    })
    await loop.runUntilComplete(function* () {
      yield
    })
    await collectGarbage()
    expect(seen.map((c) => c.message)).toEqual([
      'Task was destroyed but it is pending!',
      'Task was destroyed but it is pending!',
    ])
    expect(seen.map((c) => String(c.task)).sort()).toEqual([
      "<Task pending name='lost-async'>",
      "<Task pending name='lost-gen'>",
    ])
  })

  it('AT-29 a pending task that awaits a live timer is not collected', async () => {
    const loop = virtualLoop()
    const seen = captureHandler(loop)
    const { sleep } = await import('../src/index.js')
    let finished = false
    await loop.runUntilComplete(async () => {
      ;(() => {
        loop.createTask(async () => {
          await sleep(50)
          finished = true
        })
      })()
      await sleep(1)
      await collectGarbage()
      await sleep(100)
    })
    expect(finished).toBe(true)
    expect(seen).toEqual([])
  })
})
