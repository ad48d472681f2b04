import { ManualClock } from '@futures/core'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CancelledError,
  currentTask,
  getEventLoop,
  getRunningLoop,
  newEventLoop,
  run,
  setEventLoop,
  sleep,
} from '../src/index.js'
import {
  captureAsyncioLog,
  flush,
  onUnhandledRejection,
  runOnce,
  track,
  virtualLoop,
} from './helpers.js'

afterEach(() => {
  setEventLoop(null)
})

describe('exception handler (test_base_events.BaseEventLoopTests.test_set_exc_handler_*)', () => {
  it('AL-13 setExceptionHandler installs handler(loop, context); undefined restores the default', async () => {
    const loop = virtualLoop()
    const calls: [unknown, unknown][] = []
    const handler = (l: unknown, c: unknown): void => {
      calls.push([l, c])
    }
    loop.setExceptionHandler(handler)
    expect(loop.getExceptionHandler()).toBe(handler)
    loop.callExceptionHandler({ message: 'custom' })
    expect(calls).toEqual([[loop, { message: 'custom' }]])
    loop.setExceptionHandler(undefined)
    expect(loop.getExceptionHandler()).toBeUndefined()
    const log = captureAsyncioLog()
    loop.callExceptionHandler({ message: 'to the default' })
    expect(log.map((l) => l.message)).toEqual(['to the default'])
  })

  it('AL-13 anything but a function or undefined/null is a TypeError', () => {
    const loop = virtualLoop()
    expect(() => loop.setExceptionHandler(1 as never)).toThrow(
      'A callable object or undefined is expected, got number 1',
    )
    expect(() => loop.setExceptionHandler(null)).not.toThrow()
  })

  it('AL-14 a handler that throws is reported by the default handler; the loop goes on', async () => {
    const loop = virtualLoop()
    const log = captureAsyncioLog()
    const broken = new Error('handler broke')
    loop.setExceptionHandler(() => {
      throw broken
    })
    const ran: string[] = []
    loop.callSoon(() => {
      throw new Error('first')
    })
    loop.callSoon(() => ran.push('next'))
    await runOnce(loop)
    expect(ran).toEqual(['next'])
    expect(log).toHaveLength(1)
    expect(log[0]?.message.split('\n')[0]).toBe('Unhandled error in exception handler')
    expect(log[0]?.error).toBe(broken)
  })

  it('AL-14 a default handler that fails is logged as such', () => {
    const loop = virtualLoop()
    const log = captureAsyncioLog()
    loop.defaultExceptionHandler = () => {
      throw new Error('default broke')
    }
    loop.callExceptionHandler({ message: 'x' })
    expect(log.map((l) => l.message)).toEqual(['Exception in default exception handler'])
  })

  it('AL-15 the default handler logs the message, the other keys and the exception on "asyncio"', async () => {
    const loop = virtualLoop()
    const log = captureAsyncioLog()
    const error = new TypeError('boom')
    loop.callSoon(function bad() {
      throw error
    })
    await runOnce(loop)
    expect(log).toHaveLength(1)
    const lines = log[0]?.message.split('\n') ?? []
    expect(lines[0]).toBe('Exception in callback bad()')
    expect(lines[1]).toBe('handle: <Handle bad()>')
    expect(log[0]?.error).toBe(error)
  })

  it('AL-16 callExceptionHandler without a message logs "Unhandled exception in event loop"', () => {
    const loop = virtualLoop()
    const log = captureAsyncioLog()
    loop.callExceptionHandler({})
    loop.callExceptionHandler({ message: 'custom' })
    expect(log.map((l) => l.message)).toEqual(['Unhandled exception in event loop', 'custom'])
  })
})

describe('running and stopping (test_events.EventLoopTestsMixin, test_base_events)', () => {
  it('AL-17 runUntilComplete resolves with a coroutine’s result, rejects with its exception, takes futures', async () => {
    const loop = virtualLoop()
    await expect(loop.runUntilComplete(async () => 42)).resolves.toBe(42)
    await expect(
      loop.runUntilComplete(function* () {
        yield* sleep(1)
        return 'gen'
      }),
    ).resolves.toBe('gen')
    const error = new RangeError('k')
    await expect(
      loop.runUntilComplete(async () => {
        throw error
      }),
    ).rejects.toBe(error)
    const f = loop.createFuture<string>()
    loop.callSoon(() => f.setResult('from future'))
    await expect(loop.runUntilComplete(f)).resolves.toBe('from future')
  })

  it('AL-18 runUntilComplete refuses a non-awaitable and a future of another loop', () => {
    const loop = virtualLoop()
    const other = virtualLoop()
    expect(() => loop.runUntilComplete(42 as never)).toThrow(
      'An aio Future, a coroutine or an awaitable is required',
    )
    expect(() => loop.runUntilComplete(other.createFuture())).toThrow(
      'The future belongs to a different loop than the one specified as the loop argument',
    )
    const concurrentLike = { [Symbol.for('@futures/concurrent/Future')]: true }
    expect(() => loop.runUntilComplete(concurrentLike as never)).toThrow(/wrapFuture/)
  })

  it('AL-19 stop() before the future completed rejects; the task stays pending', async () => {
    const loop = virtualLoop()
    const task = loop.createTask(async () => {
      loop.stop()
      await sleep(10)
    })
    await expect(loop.runUntilComplete(task)).rejects.toThrow(
      'Event loop stopped before Future completed.',
    )
    expect(task.done()).toBe(false)
    task.cancel()
    await expect(loop.runUntilComplete(task)).rejects.toThrow(CancelledError)
  })

  it('AL-20 stop() lets the current batch finish; later work stays queued for the next run', async () => {
    const loop = virtualLoop()
    const seen: string[] = []
    loop.callSoon(() => {
      seen.push('callback that called stop()')
      loop.stop()
      loop.callSoon(() => seen.push('next run'))
    })
    loop.callSoon(() => seen.push('already queued in the same iteration'))
    await loop.runForever()
    expect(seen).toEqual(['callback that called stop()', 'already queued in the same iteration'])
    await runOnce(loop)
    expect(seen.at(-1)).toBe('next run')
  })

  it('AL-20 stop() before runForever(): exactly one iteration', async () => {
    const loop = virtualLoop()
    const seen: string[] = []
    loop.callSoon(() => {
      seen.push('ran')
      loop.callSoon(() => seen.push('second iteration'))
    })
    loop.stop()
    await loop.runForever()
    expect(seen).toEqual(['ran'])
  })

  it('AL-21 a running loop cannot run again, nor can a second loop', async () => {
    const loop = virtualLoop()
    const other = virtualLoop()
    const errors: string[] = []
    await loop.runUntilComplete(async () => {
      for (const attempt of [
        () => loop.runUntilComplete(async () => 1),
        () => loop.runForever(),
        () => other.runUntilComplete(async () => 1),
        () => other.runForever(),
      ]) {
        try {
          await attempt()
        } catch (error) {
          errors.push((error as Error).message)
        }
      }
    })
    expect(errors).toEqual([
      'This event loop is already running',
      'This event loop is already running',
      'Cannot run the event loop while another loop is running',
      'Cannot run the event loop while another loop is running',
    ])
  })

  it('AL-22 close(): refused while running, fine twice, and then everything throws', async () => {
    const loop = virtualLoop()
    let closeError: unknown
    await loop.runUntilComplete(async () => {
      try {
        loop.close()
      } catch (error) {
        closeError = error
      }
    })
    expect(closeError).toBeInstanceOf(Error)
    expect((closeError as Error).message).toBe('Cannot close a running event loop')
    loop.close()
    loop.close()
    expect(loop.isClosed()).toBe(true)
    const f = (): void => {}
    expect(() => loop.callSoon(f)).toThrow('Event loop is closed')
    expect(() => loop.callLater(1, f)).toThrow('Event loop is closed')
    expect(() => loop.callAt(1, f)).toThrow('Event loop is closed')
    expect(() => loop.callSoonThreadsafe(f)).toThrow('Event loop is closed')
    expect(() => loop.runUntilComplete(async () => 1)).toThrow('Event loop is closed')
    expect(() => loop.runForever()).toThrow('Event loop is closed')
    expect(() => loop.createTask(async () => 1)).toThrow('Event loop is closed')
  })

  it('AL-22 completing a future of a closed loop: done first, then callSoon throws', () => {
    const loop = virtualLoop()
    const quiet = loop.createFuture<number>()
    const withCallback = loop.createFuture<number>()
    withCallback.addDoneCallback(() => {})
    loop.close()
    quiet.setResult(1)
    expect(quiet.result()).toBe(1)
    expect(() => withCallback.setResult(2)).toThrow('Event loop is closed')
    expect(withCallback.done()).toBe(true)
  })

  it('AL-22 a task or a wrapped promise that settles after close() stays pending; nothing is thrown', async () => {
    const loop = virtualLoop()
    let resolveWrapped: (v: number) => void = () => {}
    let resolveInner: () => void = () => {}
    const wrapped = loop.createTask(
      new Promise<number>((resolve) => {
        resolveWrapped = resolve
      }),
    )
    const asyncTask = loop.createTask(async () => {
      await new Promise<void>((resolve) => {
        resolveInner = resolve
      })
      return 1
    })
    asyncTask.addDoneCallback(() => {})
    await loop.runUntilComplete(async () => {
      await sleep(1)
    })
    loop.close()
    const rejections: unknown[] = []
    const onRejection = (reason: unknown): void => {
      rejections.push(reason)
    }
    const stopListening = onUnhandledRejection(onRejection)
    try {
      resolveWrapped(1)
      resolveInner()
      await flush()
      await flush()
    } finally {
      stopListening()
    }
    expect(rejections).toEqual([])
    expect([wrapped.done(), asyncTask.done()]).toEqual([false, false])
  })

  it('AL-23 isRunning() inside and outside; isClosed()', async () => {
    const loop = virtualLoop()
    const inside = await loop.runUntilComplete(async () => [loop.isRunning(), loop.isClosed()])
    expect(inside).toEqual([true, false])
    expect([loop.isRunning(), loop.isClosed()]).toEqual([false, false])
  })

  it('AL-24 getRunningLoop(): the loop inside, an error outside; currentTask() too', async () => {
    const loop = virtualLoop()
    expect(() => getRunningLoop()).toThrow('no running event loop')
    expect(() => currentTask()).toThrow('no running event loop')
    const seen: unknown[] = []
    loop.callSoon(() => seen.push(getRunningLoop()))
    await expect(loop.runUntilComplete(async () => getRunningLoop())).resolves.toBe(loop)
    expect(seen).toEqual([loop])
  })

  it('AL-25 getEventLoop(): the running loop, else the one set, else an error (3.14 rule)', async () => {
    const loop = virtualLoop()
    const other = virtualLoop()
    expect(() => getEventLoop()).toThrow(/no current event loop/)
    setEventLoop(other)
    expect(getEventLoop()).toBe(other)
    await expect(loop.runUntilComplete(async () => getEventLoop())).resolves.toBe(loop)
    setEventLoop(null)
    expect(() => getEventLoop()).toThrow(/no current event loop/)
    expect(newEventLoop()).not.toBe(newEventLoop())
    expect(() => setEventLoop(42 as never)).toThrow(TypeError)
  })

  it('AL-33 debug mode logs a slow callback', async () => {
    const clock = new ManualClock()
    const restore = clock.install()
    try {
      const loop = track(newEventLoop())
      loop.setDebug(true)
      loop.slowCallbackDuration = 10
      const log = captureAsyncioLog()
      loop.callSoon(function slow() {
        clock.advance(20)
      })
      loop.callSoon(function quick() {})
      await runOnce(loop)
      expect(log.map((l) => l.message)).toEqual(['Executing <Handle slow()> took 0.020 seconds'])
    } finally {
      restore()
    }
  })

  it("AL-33 a slow step of a generator task is logged under the task's step and wakeup, not an anonymous handle", async () => {
    const clock = new ManualClock()
    const restore = clock.install()
    try {
      const loop = track(newEventLoop())
      loop.setDebug(true)
      loop.slowCallbackDuration = 10
      const log = captureAsyncioLog()
      const f = loop.createFuture<number>()
      const task = loop.createTask(
        function* () {
          clock.advance(20)
          yield* f
          clock.advance(30)
        },
        { name: 'slow' },
      )
      loop.callSoon(() => f.setResult(1))
      await loop.runUntilComplete(task)
      expect(log.map((l) => l.message)).toEqual([
        "Executing <Handle #step(<Task pending cb=[1] name='slow'>)> took 0.020 seconds",
        'Executing <Handle #wakeup(<Future finished result=1>)> took 0.030 seconds',
      ])
    } finally {
      restore()
    }
  })

  it('AL-34 close() drops queued callbacks and timers; futures stay pending', async () => {
    const loop = virtualLoop()
    const seen: string[] = []
    const f = loop.createFuture()
    loop.callSoon(() => seen.push('callback'))
    const timer = loop.callLater(5, () => seen.push('timer'))
    loop.close()
    await flush()
    expect(seen).toEqual([])
    expect(f.done()).toBe(false)
    expect(timer.cancelled()).toBe(false)
  })
})

describe('run() (test_runners.RunTests)', () => {
  it('AL-26 run(main) resolves with main’s result or rejects with its exception (both coroutine kinds)', async () => {
    await expect(run(async () => 'async')).resolves.toBe('async')
    await expect(
      run(function* () {
        yield* sleep(0)
        return 'gen'
      }),
    ).resolves.toBe('gen')
    const error = new Error('main failed')
    await expect(
      run(async () => {
        throw error
      }),
    ).rejects.toBe(error)
  })

  it('AL-27 run refuses a non-coroutine (a future included) and a call inside a running loop', async () => {
    expect(() => run(1 as never)).toThrow(TypeError)
    const loop = virtualLoop()
    expect(() => run(loop.createFuture() as never)).toThrow('a coroutine was expected')
    let nested: unknown
    await loop.runUntilComplete(async () => {
      try {
        await run(async () => 1)
      } catch (error) {
        nested = error
      }
    })
    expect((nested as Error).message).toBe('run() cannot be called from a running event loop')
  })

  it('AL-28 run cancels the tasks main left behind and waits for their cleanup', async () => {
    const seen: string[] = []
    const result = await run(async () => {
      for (const kind of ['async', 'gen']) {
        if (kind === 'async') {
          getRunningLoop().createTask(async () => {
            try {
              await sleep(1e9)
            } catch (error) {
              seen.push(`async caught ${(error as Error).name}`)
              await sleep(1)
              seen.push('async cleanup awaited')
              throw error
            }
          })
        } else {
          getRunningLoop().createTask(function* () {
            try {
              yield* sleep(1e9)
            } finally {
              seen.push('gen finally')
            }
          })
        }
      }
      await sleep(0)
      return 'main'
    })
    expect(result).toBe('main')
    expect(seen.sort()).toEqual([
      'async caught CancelledError',
      'async cleanup awaited',
      'gen finally',
    ])
  })

  it('AL-28 a leftover task that fails during shutdown is reported; run still returns', async () => {
    const reported: unknown[] = []
    const error = new Error('cleanup failed')
    const result = await run(async () => {
      const loop = getRunningLoop()
      loop.setExceptionHandler((_l, context) => reported.push(context))
      loop.createTask(async () => {
        try {
          await sleep(1e9)
        } catch {
          throw error
        }
      })
      await sleep(0)
      return 7
    })
    expect(result).toBe(7)
    expect(reported).toHaveLength(1)
    expect(reported[0]).toMatchObject({
      message: 'unhandled exception during asyncio.run() shutdown',
      exception: error,
    })
  })

  it('AL-29 run closes its loop, clears the current loop afterwards, and takes { debug }', async () => {
    let inner: ReturnType<typeof getRunningLoop> | undefined
    const debug = await run(
      async () => {
        inner = getRunningLoop()
        return [inner.getDebug(), getEventLoop() === inner]
      },
      { debug: true },
    )
    expect(debug).toEqual([true, true])
    expect(inner?.isClosed()).toBe(true)
    expect(() => getEventLoop()).toThrow(/no current event loop/)
  })

  it('AL-29 the loop is closed also when main fails', async () => {
    let inner: ReturnType<typeof getRunningLoop> | undefined
    await expect(
      run(async () => {
        inner = getRunningLoop()
        throw new CancelledError('x')
      }),
    ).rejects.toBeInstanceOf(CancelledError)
    expect(inner?.isClosed()).toBe(true)
  })
})
