import { describe, expect, it } from 'vitest'
import {
  CancelledError,
  createTask,
  currentTask,
  getRunningLoop,
  sleep,
  Timeout,
  TimeoutError,
  timeout,
  timeoutAt,
} from '../src/index.js'
import { virtualLoop } from './helpers.js'

async function outcome(t: PromiseLike<unknown>): Promise<['ok', unknown] | ['err', unknown]> {
  try {
    return ['ok', await t]
  } catch (error) {
    return ['err', error]
  }
}

describe('timeout (test_timeouts.TimeoutTests)', () => {
  it('AG-34 (async) expiry cancels the body; TimeoutError caused by the CancelledError; cancelling() restored', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      let t: Timeout | undefined
      const [how, error] = await outcome(
        timeout(10, async (entered) => {
          t = entered
          await sleep(1_000)
        }),
      )
      expect(how).toBe('err')
      expect(error).toBeInstanceOf(TimeoutError)
      expect((error as Error).message).toBe('')
      expect((error as Error).cause).toBeInstanceOf(CancelledError)
      expect(loop.time()).toBe(10)
      expect(t?.expired()).toBe(true)
      expect(String(t)).toBe('<Timeout [expired]>')
      expect(currentTask()?.cancelling()).toBe(0)
      await sleep(5) // the task carries on normally
      expect(loop.time()).toBe(15)
    })
  })

  it('AG-34 (generator) the same with yield* timeout(ms, function* …)', async () => {
    const loop = virtualLoop()
    const result = await loop.runUntilComplete(
      loop.createTask(function* () {
        try {
          yield* timeout(10, function* () {
            yield* sleep(1_000)
          })
        } catch (error) {
          expect((error as Error).cause).toBeInstanceOf(CancelledError)
          expect(currentTask()?.cancelling()).toBe(0)
          return error instanceof TimeoutError ? 'timeout' : 'other'
        }
        return 'none'
      }),
    )
    expect(result).toBe('timeout')
    expect(loop.time()).toBe(10)
  })

  it('AG-34 await using: the TimeoutError arrives as the SuppressedError of the CancelledError', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      let expired = false
      const run = async (): Promise<void> => {
        await using t = timeout(10)
        try {
          await sleep(1_000)
        } finally {
          expired = t.expired()
        }
      }
      const [how, error] = await outcome(run())
      expect(how).toBe('err')
      expect(expired).toBe(true)
      expect((error as { error?: unknown }).error).toBeInstanceOf(TimeoutError)
      expect((error as { suppressed?: unknown }).suppressed).toBeInstanceOf(CancelledError)
      expect(currentTask()?.cancelling()).toBe(0)
    })
  })

  it('AG-35 timeout(undefined) never fires; reschedule sets or disables the deadline; the repr follows', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      let seen = ''
      await timeout(undefined, async (t) => {
        expect(t.when()).toBeUndefined()
        seen = String(t)
        await sleep(10)
      })
      expect(seen).toBe('<Timeout [active] when=None>')
      const start = loop.time()
      const [how] = await outcome(
        timeout(undefined, async (t) => {
          t.reschedule(loop.time() + 20)
          expect(String(t)).toBe(`<Timeout [active] when=${loop.time() + 20}>`)
          await sleep(1_000)
        }),
      )
      expect(how).toBe('err')
      expect(loop.time() - start).toBe(20)
      let after: Timeout | undefined
      await timeout(5, async (t) => {
        after = t
        t.reschedule(undefined)
        await sleep(50)
      })
      expect(String(after)).toBe('<Timeout [finished]>')
    })
  })

  it('AG-36 timeout(0) with no await raises nothing; around sleep(0) it raises; so does timeoutAt(past)', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      expect(await timeout(0, () => 'quiet')).toBe('quiet')
      expect((await outcome(timeout(0, async () => sleep(0))))[1]).toBeInstanceOf(TimeoutError)
      const past = loop.time() - 10
      expect((await outcome(timeoutAt(past, async () => sleep(0))))[1]).toBeInstanceOf(TimeoutError)
    })
  })

  it('AG-37 nested timeouts each raise their own TimeoutError', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const log: string[] = []
      try {
        await timeout(50, async () => {
          try {
            await timeout(10, async () => sleep(1_000))
          } catch (error) {
            if (error instanceof TimeoutError) log.push('inner')
          }
          await sleep(1_000)
        })
      } catch (error) {
        if (error instanceof TimeoutError) log.push('outer')
      }
      expect(log).toEqual(['inner', 'outer'])
      expect(loop.time()).toBe(50)
    })
  })

  for (const kind of ['async', 'generator'] as const) {
    it(`AG-37 (${kind}) an outside cancel inside an unexpired timeout stays CancelledError`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const task =
          kind === 'async'
            ? createTask(async () => timeout(1_000, async () => sleep(500)))
            : createTask(function* () {
                yield* timeout(1_000, function* () {
                  yield* sleep(500)
                })
              })
        await sleep(10)
        task.cancel('outside')
        const [how, error] = await outcome(task)
        expect(how).toBe('err')
        expect(error).toBeInstanceOf(CancelledError)
        expect(error).not.toBeInstanceOf(TimeoutError)
        expect(task.cancelled()).toBe(true)
      })
    })
  }

  it('AG-37 when the timeout fires and an outside cancel arrives too, the outside cancel wins', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const task = createTask(async () =>
        timeout(10, async () => {
          try {
            await sleep(1_000)
          } finally {
            currentTask()?.cancel('outside') // a second cancel while the timeout's is on its way
          }
        }),
      )
      const [how, error] = await outcome(task)
      expect(how).toBe('err')
      expect(error).not.toBeInstanceOf(TimeoutError)
      expect(error).toBeInstanceOf(CancelledError)
    })
  })

  it('AG-37 other errors pass through unchanged, even one raised by cleanup while timing out', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const [, plain] = await outcome(
        timeout(100, async () => {
          throw new RangeError('foreign')
        }),
      )
      expect(plain).toBeInstanceOf(RangeError)
      const [, cleanup] = await outcome(
        timeout(10, async () => {
          try {
            await sleep(1_000)
          } finally {
            // biome-ignore lint/correctness/noUnsafeFinally: the point of the test
            throw new RangeError('cleanup')
          }
        }),
      )
      expect(cleanup).toBeInstanceOf(RangeError)
      expect(currentTask()?.cancelling()).toBe(0)
    })
  })

  it("AG-38 timeout(delay) needs a running loop to compute its deadline (CPython 3.11's RuntimeError)", () => {
    expect(() => timeout(10)).toThrow('no running event loop')
  })

  it('AG-38 misuse: not entered, finished, expiring, expired, entered twice, outside a task', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const fresh = new Timeout(undefined)
      expect(() => fresh.reschedule(1)).toThrow('Timeout has not been entered')
      let kept: Timeout | undefined
      await timeout(100, async (t) => {
        kept = t
        expect(() => t.enter()).toThrow('Timeout has already been entered')
      })
      expect(() => kept?.reschedule(1)).toThrow('Cannot change state of finished Timeout')
      await outcome(
        timeout(1, async (t) => {
          kept = t
          try {
            await sleep(100)
          } finally {
            expect(String(t)).toBe('<Timeout [expiring]>')
            expect(() => t.reschedule(1)).toThrow('Cannot change state of expiring Timeout')
          }
        }),
      )
      expect(() => kept?.reschedule(1)).toThrow('Cannot change state of expired Timeout')
    })
    await loop.runUntilComplete(async () => {
      const errors: unknown[] = []
      getRunningLoop().callSoon(() => {
        try {
          timeout(10)
        } catch (error) {
          errors.push(error)
        }
      })
      await sleep(0)
      await sleep(0)
      expect(String(errors[0])).toBe('Error: Timeout should be used inside a task')
    })
  })

  it('AG-39 timeoutAt(when) uses the loop clock in milliseconds', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const start = loop.time()
      const [how, error] = await outcome(timeoutAt(start + 10, async () => sleep(1_000)))
      expect(how).toBe('err')
      expect(error).toBeInstanceOf(TimeoutError)
      expect(loop.time()).toBe(start + 10)
    })
  })
})
