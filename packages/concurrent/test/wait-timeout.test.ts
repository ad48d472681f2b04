import { describe, expect, it } from 'vitest'
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, PENDING, wait } from '../src/index.js'
import {
  cancelledAndNotifiedFuture,
  exceptionFuture,
  namer,
  pendingFuture,
  promiseState,
  runningFuture,
  successfulFuture,
  useManualClock,
  waiterCount,
} from './helpers.js'

const clock = useManualClock()

describe('wait with a timeout (test_wait.WaitTests.test_timeout)', () => {
  it('CW-10 resolves (never rejects) when the timeout passes: done holds what finished', async () => {
    const notified = cancelledAndNotifiedFuture()
    const failed = exceptionFuture()
    const ok = successfulFuture(1)
    const q = runningFuture()
    const names = namer({ notified, failed, ok, q })
    const waiting = wait([notified, failed, ok, q], { timeout: 50, returnWhen: ALL_COMPLETED })
    clock().advance(49)
    expect(await promiseState(waiting)).toBe('pending')
    clock().advance(1)
    expect(await promiseState(waiting)).toBe('fulfilled')
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['failed', 'notified', 'ok'])
    expect(names.set(notDone)).toEqual(['q'])
  })

  it('CW-10 a future finishing before the timeout is in done; the timer is then cleared', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const names = namer({ a, b })
    const waiting = wait([a, b], { timeout: 100 })
    clock().advance(30)
    a.setResult(1)
    clock().advance(30)
    b.setResult(2)
    const { done } = await waiting
    expect(names.set(done)).toEqual(['a', 'b'])
    expect(clock().pendingTimers).toBe(0)
  })

  it('CW-10 timeout undefined waits for ever; Infinity too', async () => {
    const a = pendingFuture()
    const forever = wait([a], { timeout: undefined })
    const infinite = wait([a], { timeout: Number.POSITIVE_INFINITY })
    expect(clock().pendingTimers).toBe(0)
    clock().advance(1e12)
    expect(await promiseState(forever)).toBe('pending')
    expect(await promiseState(infinite)).toBe('pending')
    a.setResult(1)
    expect((await forever).done.size).toBe(1)
    expect((await infinite).done.size).toBe(1)
  })

  it('CW-10 a timeout that is not a number is a TypeError at the call; NaN a RangeError', () => {
    expect(() => wait([pendingFuture()], { timeout: '10' as never })).toThrow(TypeError)
    expect(() => wait([pendingFuture()], { timeout: Number.NaN })).toThrow(RangeError)
  })
})

describe('wait with a timeout of 0 or less (no CPython test; probe CW-11)', () => {
  it.each([0, -1, -1_000])(
    'CW-11 timeout %d takes a snapshot and returns at once',
    async (timeout) => {
      const q = pendingFuture()
      const ok = successfulFuture(1)
      const names = namer({ q, ok })
      const waiting = wait([q, ok], { timeout })
      expect(await promiseState(waiting)).toBe('fulfilled')
      const { done, notDone } = await waiting
      expect(names.set(done)).toEqual(['ok'])
      expect(names.set(notDone)).toEqual(['q'])
      expect(clock().now()).toBe(0)
      expect(clock().pendingTimers).toBe(0)
      expect(waiterCount(q)).toBe(0)
    },
  )

  it.each([FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED] as const)(
    'CW-11 timeout 0 polls under %s as well',
    async (returnWhen) => {
      const q = pendingFuture()
      const waiting = wait([q], { timeout: 0, returnWhen })
      expect(await promiseState(waiting)).toBe('fulfilled')
      const { done, notDone } = await waiting
      expect(done.size).toBe(0)
      expect(notDone.has(q)).toBe(true)
    },
  )
})

describe('wait never cancels (no CPython test; probe CW-16)', () => {
  it('CW-16 after a timeout the notDone futures are untouched and can still finish', async () => {
    const r1 = pendingFuture()
    const r2 = runningFuture()
    const waiting = wait([r1, r2], { timeout: 10 })
    clock().advance(10)
    const { notDone } = await waiting
    expect(notDone.has(r1) && notDone.has(r2)).toBe(true)
    expect(r1.done()).toBe(false)
    expect(r1.cancelled()).toBe(false)
    expect(r1.running()).toBe(false)
    expect(String(r1)).toContain(PENDING.toLowerCase())
    expect(r2.running()).toBe(true)
    r1.setResult(1)
    r2.setResult(2)
    expect(r1.resultNow()).toBe(1)
    expect(r2.resultNow()).toBe(2)
  })

  it('CW-16 a pending future left behind by FIRST_COMPLETED can still be cancelled normally', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const waiting = wait([a, b], { returnWhen: FIRST_COMPLETED })
    a.setResult(1)
    const { notDone } = await waiting
    expect(notDone.has(b)).toBe(true)
    expect(b.cancelled()).toBe(false)
    expect(b.cancel()).toBe(true)
  })
})
