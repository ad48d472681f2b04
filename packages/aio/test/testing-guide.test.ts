/**
 * The examples of docs/guides/testing-timeouts.md, as tests, so the guide cannot rot: each
 * `it` below is a sample of the guide. They import the built package by its name (the guide's
 * imports), so a VirtualTimeLoop and the functions under test come from what ships. The
 * guide's ManualClock samples (concurrent side) are in
 * packages/concurrent/test/testing-guide-manual-clock.test.ts.
 */
import {
  CancelledError,
  createTask,
  getRunningLoop,
  sleep,
  TimeoutError,
  timeout,
  waitFor,
} from '@futures/aio'
import { VirtualTimeLoop } from '@futures/aio/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

// The code under test: retries `fetchOnce` with a pause between attempts, each under a deadline.
async function fetchWithRetry(
  fetchOnce: () => Promise<string>,
  { attempts, perAttemptMs, pauseMs }: { attempts: number; perAttemptMs: number; pauseMs: number },
): Promise<string> {
  for (let i = 1; ; i++) {
    try {
      return await waitFor(fetchOnce, perAttemptMs)
    } catch (error) {
      if (!(error instanceof TimeoutError) || i === attempts) throw error
      await sleep(pauseMs)
    }
  }
}

describe('testing-timeouts guide: VirtualTimeLoop', () => {
  let loop: VirtualTimeLoop

  beforeEach(() => {
    loop = new VirtualTimeLoop()
  })

  afterEach(() => {
    loop.close()
  })

  it('runs an hour of sleeps in milliseconds; loop.time() says an hour passed', async () => {
    await loop.runUntilComplete(async () => {
      for (let minute = 0; minute < 60; minute++) await sleep(60_000)
    })
    expect(loop.time()).toBe(3_600_000) // virtual milliseconds; the test took a few real ones
  })

  it('waitFor fails with TimeoutError exactly at its deadline and cancels what it waited for', async () => {
    const outcome = await loop.runUntilComplete(async () => {
      const slow = createTask(async () => {
        await sleep(5_000)
        return 'too late'
      })
      try {
        return await waitFor(slow, 1_000)
      } catch (error) {
        return { error, at: getRunningLoop().time(), slowCancelled: slow.cancelled() }
      }
    })
    expect(outcome).toEqual({ error: expect.any(TimeoutError), at: 1_000, slowCancelled: true })
  })

  it('a result that comes before the deadline wins, and no time is wasted after it', async () => {
    const value = await loop.runUntilComplete(() => waitFor(sleep(999, 'in time'), 1_000))
    expect(value).toBe('in time')
    expect(loop.time()).toBe(999)
  })

  it('timeout() cancels the block at its deadline: the block sees CancelledError, the caller TimeoutError', async () => {
    const seen: string[] = []
    const error = await loop.runUntilComplete(async () => {
      try {
        await timeout(2_000, async () => {
          try {
            await sleep(10_000)
          } catch (e) {
            seen.push(`block: ${(e as Error).name} at ${getRunningLoop().time()}`)
            throw e
          }
        })
        return 'no timeout'
      } catch (e) {
        return e
      }
    })
    expect(error).toBeInstanceOf(TimeoutError)
    expect(seen).toEqual(['block: CancelledError at 2000'])
  })

  it('retries with pauses are asserted on the virtual clock: 3 attempts of 1 s and 2 pauses of 30 s', async () => {
    let calls = 0
    const neverAnswers = async (): Promise<string> => {
      calls++
      await sleep(Number.POSITIVE_INFINITY)
      return 'unreachable'
    }
    const error = await loop
      .runUntilComplete(() =>
        fetchWithRetry(neverAnswers, { attempts: 3, perAttemptMs: 1_000, pauseMs: 30_000 }),
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(calls).toBe(3)
    expect(loop.time()).toBe(3 * 1_000 + 2 * 30_000)
  })

  it('tasks that sleep interleave in deadline order, the same on every run', async () => {
    const log: string[] = []
    await loop.runUntilComplete(async () => {
      const a = createTask(async () => {
        await sleep(300)
        log.push(`a@${getRunningLoop().time()}`)
      })
      const b = createTask(async () => {
        await sleep(100)
        log.push(`b@${getRunningLoop().time()}`)
        await sleep(300)
        log.push(`b@${getRunningLoop().time()}`)
      })
      await a
      await b
    })
    expect(log).toEqual(['b@100', 'a@300', 'b@400'])
  })

  it('advance() moves the clock by hand; timers that fall due run in the next iteration', async () => {
    const fired: number[] = []
    loop.callLater(500, () => fired.push(loop.time()))
    loop.advance(499)
    expect(fired).toEqual([]) // advancing runs nothing by itself
    loop.advance(1)
    await loop.runUntilComplete(async () => {
      await sleep(0) // one iteration: the timer, due now, runs
    })
    expect(fired).toEqual([500])
  })

  it('pitfall: a foreign timer does not move virtual time, and virtual time does not wait for it', async () => {
    const log: string[] = []
    await loop.runUntilComplete(async () => {
      const foreign = createTask(async () => {
        await new Promise((resolve) => setTimeout(resolve, 200)) // the host's timer: 200 real ms
        log.push(`foreign done at virtual ${getRunningLoop().time()}`)
      })
      const virtual = createTask(async () => {
        await sleep(60_000)
        log.push(`virtual done at virtual ${getRunningLoop().time()}`)
      })
      await virtual
      await foreign
    })
    // The loop saw nothing ready and jumped to the sleep's deadline while the host timer ran.
    expect(log).toEqual(['virtual done at virtual 60000', 'foreign done at virtual 60000'])
  })

  it('pitfall: Date.now() does not follow the virtual clock; loop.time() does', async () => {
    const [byDate, byLoop] = await loop.runUntilComplete(async () => {
      const date0 = Date.now()
      const loop0 = getRunningLoop().time()
      await sleep(86_400_000) // a virtual day
      return [Date.now() - date0, getRunningLoop().time() - loop0]
    })
    expect(byLoop).toBe(86_400_000)
    expect(byDate).not.toBe(86_400_000) // the host's clock saw a few milliseconds
  })

  it('a cancelled sleep is a CancelledError at the await, at the virtual time of the cancel', async () => {
    const seen = await loop.runUntilComplete(async () => {
      const sleeper = createTask(() => sleep(60_000))
      await sleep(10)
      sleeper.cancel('stop')
      const error = await sleeper.then(
        () => undefined,
        (e: unknown) => e,
      )
      return [error instanceof CancelledError, (error as Error).message, getRunningLoop().time()]
    })
    expect(seen).toEqual([true, 'stop', 10])
  })
})
