/**
 * The ManualClock examples of docs/guides/testing-timeouts.md (the concurrent side), as tests,
 * so the guide cannot rot. The aio samples are in packages/aio/test/testing-guide.test.ts.
 */
import { Future, TimeoutError, wait } from '@futures/concurrent'
import { ManualClock } from '@futures/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

describe('testing-timeouts guide: ManualClock for the concurrent side', () => {
  let restore: () => void
  let clock: ManualClock

  beforeEach(() => {
    clock = new ManualClock()
    restore = clock.install() // every @futures timeout now reads and waits on this clock
  })

  afterEach(() => {
    restore()
  })

  it('Future.result(timeout) rejects with TimeoutError once the clock is advanced past it', async () => {
    const future = new Future<number>()
    const read = future.result(5_000)
    clock.advance(4_999)
    future.setResult(7)
    await expect(read).resolves.toBe(7)

    const never = new Future<number>()
    const late = never.result(5_000)
    clock.advance(5_000)
    await expect(late).rejects.toThrow(TimeoutError)
  })

  it('wait({ timeout }) returns what is done when the clock passes the timeout', async () => {
    const done = new Future<string>()
    const pending = new Future<string>()
    done.setResult('ok')
    const waiting = wait([done, pending], { timeout: 60_000 })
    expect(clock.pendingTimers).toBe(1)
    clock.advance(60_000)
    const result = await waiting
    expect([...result.done]).toEqual([done])
    expect([...result.notDone]).toEqual([pending])
  })
})
