import { describe, expect, it } from 'vitest'
import {
  CancelledError,
  createTask,
  currentTask,
  type Future,
  sleep,
  type Task,
} from '../src/index.js'
import { isBrowser, virtualLoop } from './helpers.js'

/** Settles `t` and returns how: ['ok', value] | ['err', error]. */
async function outcome(t: Future<unknown>): Promise<['ok', unknown] | ['err', unknown]> {
  try {
    return ['ok', await t]
  } catch (error) {
    return ['err', error]
  }
}

function messageOf(error: unknown): string {
  expect(error).toBeInstanceOf(CancelledError)
  return (error as CancelledError).message
}

describe('cancelling a task (test_tasks.BaseTaskTests.test_cancel*)', () => {
  for (const kind of ['async', 'generator'] as const) {
    /** A task that awaits `fut` and records what it saw. */
    function awaiter(fut: Future<unknown>, seen: string[]): Task<unknown> {
      if (kind === 'async') {
        return createTask(async () => {
          try {
            return await fut
          } catch (error) {
            seen.push(`caught ${messageOf(error)}`)
            throw error
          } finally {
            seen.push('finally ran')
          }
        })
      }
      return createTask(function* () {
        try {
          return yield* fut
        } catch (error) {
          seen.push(`caught ${messageOf(error)}`)
          throw error
        } finally {
          seen.push('finally ran')
        }
      })
    }

    it(`AT-05/AT-06 (${kind}) cancel() cancels the awaited future at once; the error arrives at the await`, async () => {
      const loop = virtualLoop()
      const seen: string[] = []
      await loop.runUntilComplete(async () => {
        const fut = loop.createFuture()
        const t = awaiter(fut, seen)
        await sleep(0)
        expect(t.cancel()).toBe(true)
        expect(fut.cancelled()).toBe(true)
        expect([t.cancelled(), t.done()]).toEqual([false, false])
        const [how, error] = await outcome(t)
        expect(how).toBe('err')
        expect(messageOf(error)).toBe('')
        expect(t.cancelled()).toBe(true)
      })
      expect(seen).toEqual(['caught ', 'finally ran'])
    })

    it(`AT-06 (${kind}) in a helper the coroutine awaits, the error arrives at the inner await`, async () => {
      const loop = virtualLoop()
      const seen: string[] = []
      const t =
        kind === 'async'
          ? loop.createTask(async () => {
              async function helper(): Promise<void> {
                try {
                  await sleep(1_000)
                } finally {
                  seen.push('helper finally')
                }
              }
              await helper()
            })
          : loop.createTask(function* () {
              function* helper(): Generator<unknown, void, unknown> {
                try {
                  yield* sleep(1_000)
                } finally {
                  seen.push('helper finally')
                }
              }
              yield* helper()
            })
      loop.callLater(10, () => t.cancel('stop'))
      await expect(loop.runUntilComplete(t)).rejects.toThrow(new CancelledError('stop'))
      expect(seen).toEqual(['helper finally'])
      expect(loop.time()).toBe(10)
    })

    it(`AT-07 (${kind}) cancelled before its first step, the coroutine never runs`, async () => {
      const loop = virtualLoop()
      const ran: string[] = []
      const t =
        kind === 'async'
          ? loop.createTask(async () => {
              ran.push('body')
            })
          : // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
            loop.createTask(function* () {
              ran.push('body')
            })
      t.cancel('early reason')
      const [how, error] = await outcome(loop.runUntilComplete(t) as unknown as Future<unknown>)
      expect(how).toBe('err')
      expect(messageOf(error)).toBe('early reason')
      expect(ran).toEqual([])
      expect(t.cancelled()).toBe(true)
    })

    it(`AT-08 (${kind}) the message reaches the coroutine and (DESIGN) every later read`, async () => {
      const loop = virtualLoop()
      const seen: string[] = []
      await loop.runUntilComplete(async () => {
        const t = awaiter(loop.createFuture(), seen)
        await sleep(0)
        t.cancel('reason')
        const [, first] = await outcome(t)
        expect(messageOf(first)).toBe('reason')
        expect(() => t.result()).toThrow(new CancelledError('reason'))
        expect(() => t.exception()).toThrow(new CancelledError('reason'))
      })
      expect(seen).toEqual(['caught reason', 'finally ran'])
    })

    it(`AT-08 (${kind}) the first read of a task nobody awaited gets the error the coroutine raised`, async () => {
      const loop = virtualLoop()
      let inside: unknown
      const t =
        kind === 'async'
          ? loop.createTask(async () => {
              try {
                await sleep(100)
              } catch (error) {
                inside = error
                throw error
              }
            })
          : loop.createTask(function* () {
              try {
                yield* sleep(100)
              } catch (error) {
                inside = error
                throw error
              }
            })
      loop.callLater(1, () => t.cancel('again'))
      await loop.runUntilComplete(async () => {
        await sleep(5)
      })
      const reads: unknown[] = []
      for (let i = 0; i < 3; i++) {
        try {
          t.result()
        } catch (error) {
          reads.push(error)
        }
      }
      expect(reads[0]).toBe(inside)
      expect(reads.map(messageOf)).toEqual(['again', 'again', 'again'])
    })

    it(`AT-09 (${kind}) cancel twice: true, true, cancelling() 2; the coroutine sees the first message`, async () => {
      const loop = virtualLoop()
      const seen: string[] = []
      await loop.runUntilComplete(async () => {
        const t = awaiter(loop.createFuture(), seen)
        await sleep(0)
        expect([t.cancel('m1'), t.cancel('m2')]).toEqual([true, true])
        expect(t.cancelling()).toBe(2)
        const [, error] = await outcome(t)
        expect(messageOf(error)).toBe('m1')
      })
      expect(seen[0]).toBe('caught m1')
    })

    it(`AT-10 (${kind}) cancel() on a done task returns false and leaves cancelling() alone`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const finished =
          kind === 'async'
            ? createTask(async () => 1)
            : // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
              createTask(function* () {
                return 1
              })
        await finished
        expect(finished.cancel()).toBe(false)
        expect(finished.cancelling()).toBe(0)
        const cancelled = awaiter(loop.createFuture(), [])
        await sleep(0)
        cancelled.cancel()
        cancelled.cancel()
        await outcome(cancelled)
        expect(cancelled.cancel()).toBe(false)
        expect(cancelled.cancelling()).toBe(2)
      })
    })

    it(`AT-11 (${kind}) catching CancelledError and returning finishes the task; cancelling() stays 1`, async () => {
      const loop = virtualLoop()
      const t =
        kind === 'async'
          ? loop.createTask(async () => {
              try {
                await sleep(1_000)
              } catch {
                await sleep(1) // and it may carry on awaiting
                return 'swallowed'
              }
              return 'not cancelled'
            })
          : loop.createTask(function* () {
              try {
                yield* sleep(1_000)
              } catch {
                yield* sleep(1)
                return 'swallowed'
              }
              return 'not cancelled'
            })
      loop.callLater(1, () => t.cancel())
      await expect(loop.runUntilComplete(t)).resolves.toBe('swallowed')
      expect(t.cancelled()).toBe(false)
      expect(t.cancelling()).toBe(1)
    })

    it(`AT-12 (${kind}) a coroutine raising CancelledError itself ends cancelled, cancelling() 0`, async () => {
      const loop = virtualLoop()
      const own = new CancelledError('own')
      const t =
        kind === 'async'
          ? loop.createTask(async () => {
              await sleep(1)
              throw own
            })
          : loop.createTask(function* () {
              yield* sleep(1)
              throw own
            })
      const [how, error] = await outcome(loop.runUntilComplete(t) as unknown as Future<unknown>)
      expect(how).toBe('err')
      expect(error).toBe(own)
      expect(t.cancelled()).toBe(true)
      expect(t.cancelling()).toBe(0)
    })

    it(`AT-13 (${kind}) a task that cancels itself and returns still ends cancelled`, async () => {
      const loop = virtualLoop()
      const t =
        kind === 'async'
          ? loop.createTask(async () => {
              currentTask()?.cancel()
              return 12
            })
          : // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
            loop.createTask(function* () {
              currentTask()?.cancel()
              return 12
            })
      const [how, error] = await outcome(loop.runUntilComplete(t) as unknown as Future<unknown>)
      expect(how).toBe('err')
      expect(messageOf(error)).toBe('')
      expect(t.cancelled()).toBe(true)
    })

    it(`AT-13 (${kind}) a task that cancels itself then awaits gets the error at that await`, async () => {
      const loop = virtualLoop()
      const t =
        kind === 'async'
          ? loop.createTask(async () => {
              currentTask()?.cancel('self')
              try {
                await sleep(1)
                return 'no'
              } catch (error) {
                return `${(error as Error).name}('${(error as Error).message}') at the next await`
              }
            })
          : loop.createTask(function* () {
              currentTask()?.cancel('self')
              try {
                yield* sleep(1)
                return 'no'
              } catch (error) {
                return `${(error as Error).name}('${(error as Error).message}') at the next await`
              }
            })
      await expect(loop.runUntilComplete(t)).resolves.toBe(
        "CancelledError('self') at the next await",
      )
    })

    it(`AT-15 (${kind}, DESIGN: 3.13) cancel() then uncancel() before the first step: the task runs normally`, async () => {
      const loop = virtualLoop()
      const t =
        kind === 'async'
          ? loop.createTask(async () => 'ran')
          : // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
            loop.createTask(function* () {
              return 'ran'
            })
      t.cancel()
      expect(t.uncancel()).toBe(0)
      await expect(loop.runUntilComplete(t)).resolves.toBe('ran')
    })

    it(`AT-16 (${kind}) cancelling a task that awaits another task cancels the inner one`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const inner = awaiter(loop.createFuture(), [])
        const outer =
          kind === 'async'
            ? createTask(async () => await inner)
            : createTask(function* () {
                return yield* inner
              })
        await sleep(0)
        await sleep(0)
        outer.cancel('from outside')
        const [, error] = await outcome(outer)
        expect(messageOf(error)).toBe('from outside')
        expect(inner.cancelled()).toBe(true)
        expect(outer.cancelled()).toBe(true)
      })
    })

    it(`AT-17 (${kind}) a cancel after the awaited future finished, before the wake-up, wins`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const fut = loop.createFuture<string>()
        const t = awaiter(fut, [])
        await sleep(0)
        fut.setResult('a result')
        expect(t.cancel('late')).toBe(true)
        const [, error] = await outcome(t)
        expect(messageOf(error)).toBe('late')
      })
    })

    it(`AT-18 (${kind}) the awaited future cancelled by someone else: its message, cancelling() 0`, async () => {
      const loop = virtualLoop()
      const seen: string[] = []
      await loop.runUntilComplete(async () => {
        const fut = loop.createFuture()
        const t = awaiter(fut, seen)
        await sleep(0)
        fut.cancel('inner reason')
        const [, error] = await outcome(t)
        expect(messageOf(error)).toBe('inner reason')
        expect(t.cancelled()).toBe(true)
        expect(t.cancelling()).toBe(0)
      })
      expect(seen[0]).toBe('caught inner reason')
    })

    it(`AT-19 (${kind}) turning the CancelledError into another error fails the task`, async () => {
      const loop = virtualLoop()
      const cleanup = new Error('cleanup failed')
      const t =
        kind === 'async'
          ? loop.createTask(async () => {
              try {
                await sleep(100)
              } catch {
                throw cleanup
              }
            })
          : loop.createTask(function* () {
              try {
                yield* sleep(100)
              } catch {
                throw cleanup
              }
            })
      loop.callLater(1, () => t.cancel())
      await expect(loop.runUntilComplete(t)).rejects.toBe(cleanup)
      expect(t.cancelled()).toBe(false)
    })

    it(`AT-20 (${kind}) an outer task catching the CancelledError of an inner task it awaits carries on`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const inner = awaiter(loop.createFuture(), [])
        const outer =
          kind === 'async'
            ? createTask(async () => {
                try {
                  await inner
                } catch (error) {
                  return `outer caught ${(error as Error).name}`
                }
                return 'not cancelled'
              })
            : createTask(function* () {
                try {
                  yield* inner
                } catch (error) {
                  return `outer caught ${(error as Error).name}`
                }
                return 'not cancelled'
              })
        await sleep(0)
        inner.cancel()
        expect(await outer).toBe('outer caught CancelledError')
        expect(outer.cancelled()).toBe(false)
      })
    })

    it(`AT-21 (${kind}) cancelling an outer task whose inner task swallows the cancel: the outer carries on`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const inner = createTask(async () => {
          try {
            await sleep(1_000)
          } catch {
            return 'inner value'
          }
          return 'not cancelled'
        })
        const outer =
          kind === 'async'
            ? createTask(async () => `outer continued with '${await inner}'`)
            : createTask(function* () {
                return `outer continued with '${yield* inner}'`
              })
        await sleep(0)
        await sleep(0)
        outer.cancel()
        expect(await outer).toBe("outer continued with 'inner value'")
        expect(outer.cancelled()).toBe(false)
        expect(outer.cancelling()).toBe(1)
      })
    })
  }

  it('AT-14 cancelling() counts cancels; uncancel() decrements and never goes below 0', async () => {
    const loop = virtualLoop()
    const t = loop.createTask(async () => {
      await sleep(1)
    })
    const counts = [t.cancelling()]
    t.cancel()
    counts.push(t.cancelling())
    t.cancel()
    counts.push(t.cancelling())
    counts.push(t.uncancel(), t.uncancel(), t.uncancel())
    expect(counts).toEqual([0, 1, 2, 1, 0, 0])
    await loop.runUntilComplete(t)
  })

  it('AT-05 (async, DESIGN) awaiting a foreign promise: cancel aborts signal; the next aio await throws', async () => {
    const loop = virtualLoop()
    const seen: string[] = []
    const t = loop.createTask(async () => {
      const task = currentTask() as Task<unknown>
      await new Promise<void>((resolve) => {
        task.signal.addEventListener('abort', () => {
          seen.push(`aborted: ${messageOf(task.signal.reason)}`)
          resolve()
        })
      })
      seen.push('foreign promise settled')
      try {
        await sleep(0)
      } catch (error) {
        seen.push(`next aio await: ${messageOf(error)}`)
        throw error
      }
    })
    loop.callLater(5, () => t.cancel('stop it'))
    await expect(loop.runUntilComplete(t)).rejects.toThrow(CancelledError)
    if (isBrowser) {
      // In the browser (README, "In the browser"): after a foreign await the task no longer
      // knows which aio future its function awaits, so the sleep runs out; the task still ends
      // cancelled, with the message, once the function returns.
      expect(seen).toEqual(['aborted: stop it', 'foreign promise settled'])
      expect(() => t.result()).toThrow(new CancelledError('stop it'))
    } else {
      expect(seen).toEqual([
        'aborted: stop it',
        'foreign promise settled',
        'next aio await: stop it',
      ])
    }
  })

  it('AT-05 (async, DESIGN) a task awaiting several futures at once (Promise.all) cancels them all', async () => {
    const loop = virtualLoop()
    const a = loop.createFuture<number>()
    const b = loop.createFuture<number>()
    const t = loop.createTask(async () => await Promise.all([a, b]))
    await loop.runUntilComplete(async () => {
      await sleep(1)
      expect(t.cancel('both')).toBe(true)
      expect([a.cancelled(), b.cancelled()]).toEqual([true, true])
    })
    await expect(loop.runUntilComplete(t)).rejects.toThrow(new CancelledError('both'))
    expect(t.cancelled()).toBe(true)
  })

  it('AT-05 the signal carries the first cancel message, also when the awaited future took it', async () => {
    const loop = virtualLoop()
    const t = loop.createTask(async () => {
      await sleep(100)
    })
    await loop.runUntilComplete(async () => {
      await sleep(1)
      t.cancel('first')
      t.cancel('second')
    })
    expect(messageOf(t.signal.reason)).toBe('first')
    await expect(loop.runUntilComplete(t)).rejects.toThrow(new CancelledError('first'))
  })

  it('AT-05 the signal of a task already cancelled is aborted when first read', async () => {
    const loop = virtualLoop()
    const t = loop.createTask(async () => 1)
    t.cancel('before')
    expect(t.signal.aborted).toBe(true)
    expect(messageOf(t.signal.reason)).toBe('before')
    await expect(loop.runUntilComplete(t)).rejects.toThrow(CancelledError)
  })

  it('AT-06 (thenable) cancelling a task that wraps a promise only stops the wait', async () => {
    const loop = virtualLoop()
    let resolve: (v: string) => void = () => {}
    const p = new Promise<string>((r) => {
      resolve = r
    })
    const t = loop.createTask(p)
    expect(t.getCoro()).toBe(p)
    loop.callLater(1, () => t.cancel('stop waiting'))
    await expect(loop.runUntilComplete(t)).rejects.toThrow(new CancelledError('stop waiting'))
    resolve('late')
    await expect(p).resolves.toBe('late')
    const ok = loop.createTask(Promise.resolve('wrapped'))
    await expect(loop.runUntilComplete(ok)).resolves.toBe('wrapped')
  })

  it('AT-05 (async) a function that returns an aio future: cancel() cancels that future and the task', async () => {
    const loop = virtualLoop()
    let slept: Future<undefined> | undefined
    const t = loop.createTask(() => {
      slept = sleep(5_000)
      return slept
    })
    await loop.runUntilComplete(async () => {
      await sleep(1)
      expect(t.cancel('stop')).toBe(true)
    })
    await expect(loop.runUntilComplete(t)).rejects.toThrow(new CancelledError('stop'))
    expect(slept?.cancelled()).toBe(true)
    expect(loop.time()).toBeLessThan(5_000)
  })

  it('AT-05 (async) the future a new task returns is not charged to the task that created it', async () => {
    const loop = virtualLoop()
    const gate = loop.createFuture<void>()
    let inner: Task<undefined> | undefined
    const outer = loop.createTask(async () => {
      inner = createTask(() => sleep(100))
      await sleep(0)
      await gate
    })
    await loop.runUntilComplete(async () => {
      await sleep(1)
      outer.cancel()
    })
    await expect(loop.runUntilComplete(outer)).rejects.toThrow(CancelledError)
    expect(gate.cancelled()).toBe(true)
    await expect(loop.runUntilComplete(inner as Task<undefined>)).resolves.toBeUndefined()
  })

  it('AT-23 a function returning a thenable whose then throws fails the task', async () => {
    const loop = virtualLoop()
    const broken = new Error('then broke')
    const t = loop.createTask(() => ({
      // biome-ignore lint/suspicious/noThenProperty: a broken thenable on purpose
      then(): void {
        throw broken
      },
    }))
    await expect(loop.runUntilComplete(t)).rejects.toBe(broken)
  })

  it('AT-05 (async) a then() observer inside a task is not what the task awaits: cancel leaves it alone', async () => {
    const loop = virtualLoop()
    const shared = loop.createFuture<number>()
    const seen: unknown[] = []
    const t = loop.createTask(async () => {
      shared.then(
        (v) => seen.push(v),
        (e: unknown) => seen.push(e),
      )
      await sleep(1_000)
    })
    await loop.runUntilComplete(async () => {
      await sleep(1)
      t.cancel()
      await sleep(1)
      expect(shared.cancelled()).toBe(false)
      shared.setResult(42)
      await sleep(1)
    })
    expect(seen).toEqual([42])
    expect(t.cancelled()).toBe(true)
  })

  it('AT-05 (async) a then() observer does not make a task on a foreign promise look cancellable', async () => {
    const loop = virtualLoop()
    const shared = loop.createFuture<void>()
    let release: () => void = () => {}
    const reached: string[] = []
    const t = loop.createTask(async () => {
      shared.then(
        () => {},
        () => {},
      )
      await new Promise<void>((resolve) => {
        release = resolve
      })
      reached.push('after foreign wait')
      await sleep(0)
      reached.push('not cancelled')
    })
    await loop.runUntilComplete(async () => {
      await sleep(1)
      expect(t.cancel()).toBe(true)
      release()
    })
    await expect(loop.runUntilComplete(t)).rejects.toThrow(CancelledError)
    // In the browser the function goes on after the foreign wait (its aio awaits are no longer
    // known to the task); the task ends cancelled all the same.
    expect(reached).toEqual(
      isBrowser ? ['after foreign wait', 'not cancelled'] : ['after foreign wait'],
    )
    expect(shared.cancelled()).toBe(false)
  })

  it('AT-05 (async) after Promise.race resumed, cancel() no longer reaches the losers', async () => {
    const loop = virtualLoop()
    const a = loop.createFuture<number>()
    const loser = loop.createFuture<number>()
    const t = loop.createTask(async () => {
      await Promise.race([a, loser])
      await sleep(1_000)
    })
    await loop.runUntilComplete(async () => {
      await sleep(1)
      a.setResult(1)
      await sleep(10)
      expect(t.cancel()).toBe(true)
    })
    if (isBrowser) {
      // In the browser a task cannot tell that its function resumed after Promise.race of
      // aio futures (README, "In the browser"): cancel() still goes to the loser, and the
      // function runs to its end. Pass `task.signal` on, or race inside a generator.
      await expect(loop.runUntilComplete(t)).resolves.toBeUndefined()
      expect(loser.cancelled()).toBe(true)
      return
    }
    await expect(loop.runUntilComplete(t)).rejects.toThrow(CancelledError)
    expect(loser.cancelled()).toBe(false)
  })
})
