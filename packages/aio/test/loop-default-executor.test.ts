import { describe, expect, it } from 'vitest'
import { getRunningLoop, type LoopExecutor, newEventLoop, run } from '../src/index.js'

/** An executor double: records its shutdown calls, finishes them when told. */
function recordingExecutor() {
  const calls: unknown[] = []
  let finish: (() => void) | undefined
  const executor: LoopExecutor = {
    submit: () => undefined,
    shutdown: (options) => {
      calls.push(options)
      return new Promise<void>((resolve) => {
        finish = resolve
      })
    },
  }
  return { executor, calls, finish: () => finish?.() }
}

describe('the default executor (loop.set_default_executor / shutdown_default_executor)', () => {
  it('AL-29 run() shuts the default executor down, waiting for it, before closing its loop', async () => {
    const { executor, calls, finish } = recordingExecutor()
    let loopSeen: ReturnType<typeof newEventLoop> | undefined
    const done = run(async () => {
      loopSeen = getRunningLoop()
      loopSeen.setDefaultExecutor(executor)
      return 'main'
    })
    // The shutdown is under way and run() waits for it.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(calls).toEqual([{ wait: true }])
    expect(loopSeen?.isClosed()).toBe(false)
    finish()
    expect(await done).toBe('main')
    expect(loopSeen?.isClosed()).toBe(true)
    expect(loopSeen?.isDefaultExecutorShutdown()).toBe(true)
    expect(loopSeen?.getDefaultExecutor()).toBeUndefined()
  })

  it('AL-29 shutdownDefaultExecutor() without a default executor resolves and marks the loop', async () => {
    const loop = newEventLoop()
    expect(loop.isDefaultExecutorShutdown()).toBe(false)
    await loop.runUntilComplete(loop.shutdownDefaultExecutor())
    expect(loop.isDefaultExecutorShutdown()).toBe(true)
    loop.close()
  })

  it('AL-29 a failing executor shutdown fails the returned future', async () => {
    const loop = newEventLoop()
    const boom = new Error('cannot stop')
    loop.setDefaultExecutor({ submit: () => undefined, shutdown: () => Promise.reject(boom) })
    await expect(loop.runUntilComplete(loop.shutdownDefaultExecutor())).rejects.toBe(boom)
    loop.close()
  })

  it('AL-29 setDefaultExecutor refuses what is not an executor', () => {
    const loop = newEventLoop()
    expect(() => loop.setDefaultExecutor(42 as never)).toThrow(
      new TypeError('executor must be an Executor (with submit and shutdown), got number 42'),
    )
    expect(() => loop.setDefaultExecutor({ shutdown: () => Promise.resolve() } as never)).toThrow(
      TypeError,
    )
    loop.close()
  })
})
