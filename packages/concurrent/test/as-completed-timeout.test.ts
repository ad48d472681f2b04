import { describe, expect, it } from 'vitest'
import { asCompleted, type Future, TimeoutError } from '../src/index.js'
import {
  cancelledAndNotifiedFuture,
  cancelledFuture,
  drain,
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

describe('asCompleted timeout message (test_as_completed.AsCompletedTests.test_correct_timeout_exception_msg)', () => {
  it("CW-22 yields the done futures, then rejects with TimeoutError('2 (of 4) futures unfinished') at the deadline", async () => {
    const p1 = pendingFuture()
    const p2 = runningFuture()
    const w1 = successfulFuture(1)
    const w2 = exceptionFuture()
    const names = namer({ p1, p2, w1, w2 })
    const iterator = asCompleted([p1, p2, w1, w2], { timeout: 100 })
    const first = await iterator.next()
    const second = await iterator.next()
    expect(names.set([first.value, second.value] as Future<number>[])).toEqual(['w1', 'w2'])
    const third = iterator.next()
    clock().advance(99)
    expect(await promiseState(third)).toBe('pending')
    clock().advance(1)
    await expect(third).rejects.toThrow(new TimeoutError('2 (of 4) futures unfinished'))
    await expect(third).rejects.toBeInstanceOf(TimeoutError)
    await expect(third).rejects.toHaveProperty('name', 'TimeoutError')
  })
})

describe('asCompleted timing out (test_as_completed.AsCompletedTests.test_future_times_out)', () => {
  it.each([0, 100])(
    'CW-22 with timeout %d the already-completed futures come out, the slow one does not',
    async (timeout) => {
      const notified = cancelledAndNotifiedFuture()
      const failed = exceptionFuture()
      const ok = successfulFuture(1)
      const future = runningFuture()
      const names = namer({ notified, failed, ok, future })
      const all = drain(asCompleted(new Set([notified, failed, ok, future]), { timeout }))
      clock().advance(timeout)
      const { yielded, error, failed: threw } = await all
      expect(threw).toBe(true)
      expect(error).toBeInstanceOf(TimeoutError)
      expect((error as Error).message).toBe('1 (of 4) futures unfinished')
      expect(names.set(yielded)).toEqual(['failed', 'notified', 'ok'])
      expect(future.running()).toBe(true)
    },
  )
})

describe('asCompleted timeout details (no CPython test; probe CW-22)', () => {
  it("CW-22 timeout 0 still yields the done ones first: '2 (of 4) futures unfinished'", async () => {
    const notified = cancelledAndNotifiedFuture()
    const p1 = pendingFuture()
    const running = runningFuture()
    const ok = successfulFuture(1)
    const names = namer({ notified, p1, running, ok })
    const { yielded, error } = await drain(asCompleted([notified, p1, running, ok], { timeout: 0 }))
    expect(names.set(yielded)).toEqual(['notified', 'ok'])
    expect(error).toEqual(new TimeoutError('2 (of 4) futures unfinished'))
    expect(waiterCount(p1) + waiterCount(running)).toBe(0)
  })

  it("CW-22 counts distinct futures: [p1, p1, p2] gives '2 (of 2) futures unfinished'", async () => {
    const p1 = pendingFuture()
    const p2 = pendingFuture()
    const iterator = asCompleted([p1, p1, p2], { timeout: 0 })
    await expect(iterator.next()).rejects.toThrow(new TimeoutError('2 (of 2) futures unfinished'))
  })

  it('CW-22 a negative timeout behaves as 0', async () => {
    const p1 = pendingFuture()
    await expect(asCompleted([p1], { timeout: -5 }).next()).rejects.toThrow(
      '1 (of 1) futures unfinished',
    )
  })

  it('CW-22 timeout 0 with everything done raises nothing', async () => {
    const w1 = successfulFuture(1)
    const w2 = successfulFuture(2)
    const names = namer({ w1, w2 })
    const { yielded, failed } = await drain(asCompleted([w1, w2], { timeout: 0 }))
    expect(failed).toBe(false)
    expect(names.set(yielded)).toEqual(['w1', 'w2'])
  })

  it('CW-22 a future finishing before the deadline is yielded; the count drops accordingly', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const c = pendingFuture()
    const names = namer({ a, b, c })
    const all = drain(asCompleted([a, b, c], { timeout: 100 }))
    clock().advance(40)
    b.setResult(2)
    clock().advance(60)
    const { yielded, error } = await all
    expect(names.list(yielded)).toEqual(['b'])
    expect(error).toEqual(new TimeoutError('2 (of 3) futures unfinished'))
  })

  it('CW-22 the iterator is finished after the TimeoutError', async () => {
    const p = pendingFuture()
    const iterator = asCompleted([p], { timeout: 0 })
    await expect(iterator.next()).rejects.toThrow(TimeoutError)
    p.setResult(1)
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })

  it('CW-22 a next() called after the deadline rejects at once', async () => {
    const w = successfulFuture(1)
    const p = pendingFuture()
    const iterator = asCompleted([w, p], { timeout: 100 })
    expect((await iterator.next()).value).toBe(w)
    clock().advance(150)
    await expect(iterator.next()).rejects.toThrow('1 (of 2) futures unfinished')
  })
})

describe('asCompleted timeout clock (DESIGN: as CPython; no CPython test; probe CW-23)', () => {
  it('CW-23 the clock starts at the first next(), not at the call', async () => {
    const p = pendingFuture()
    const iterator = asCompleted([p], { timeout: 100 })
    clock().advance(150)
    const first = iterator.next()
    expect(await promiseState(first)).toBe('pending')
    clock().advance(99)
    expect(await promiseState(first)).toBe('pending')
    clock().advance(1)
    await expect(first).rejects.toThrow(new TimeoutError('1 (of 1) futures unfinished'))
    expect(clock().now()).toBe(250)
  })

  it('CW-23 the deadline is fixed at the first next(): later next() calls do not restart it', async () => {
    const w = successfulFuture(1)
    const a = pendingFuture()
    const b = pendingFuture()
    const names = namer({ w, a, b })
    const iterator = asCompleted([w, a, b], { timeout: 100 })
    clock().advance(1_000)
    expect(names.list([(await iterator.next()).value as Future<number>])).toEqual(['w'])
    clock().advance(60)
    const second = iterator.next()
    a.setResult(1)
    expect((await second).value).toBe(a)
    const third = iterator.next()
    clock().advance(39)
    expect(await promiseState(third)).toBe('pending')
    clock().advance(1)
    await expect(third).rejects.toThrow('1 (of 3) futures unfinished')
  })
})

describe('asCompleted and merely CANCELLED futures under a timeout (no CPython test; probe CW-25)', () => {
  it("CW-25 [cancelled_only, w1] with timeout 100 yields w1, then '1 (of 2) futures unfinished'", async () => {
    const cancelled = cancelledFuture()
    const w1 = successfulFuture(1)
    const names = namer({ cancelled, w1 })
    const all = drain(asCompleted([cancelled, w1], { timeout: 100 }))
    clock().advance(99)
    expect(await promiseState(all)).toBe('pending')
    clock().advance(1)
    const { yielded, error } = await all
    expect(names.list(yielded)).toEqual(['w1'])
    expect(error).toEqual(new TimeoutError('1 (of 2) futures unfinished'))
  })

  it('CW-25 cancel() during the iteration does not wake it', async () => {
    const c = pendingFuture()
    const all = drain(asCompleted([c], { timeout: 100 }))
    clock().advance(10)
    c.cancel()
    expect(await promiseState(all)).toBe('pending')
    clock().advance(90)
    const { yielded, error } = await all
    expect(yielded).toEqual([])
    expect(error).toEqual(new TimeoutError('1 (of 1) futures unfinished'))
  })
})

describe('asCompleted with a busy consumer and a deadline (test_as_completed.AsCompletedTests.test_no_timeout; probe CW-20)', () => {
  it('CW-29 the timeout message counts only the futures not yet yielded', async () => {
    const w = successfulFuture(0)
    const a = pendingFuture()
    const b = pendingFuture()
    const c = pendingFuture()
    const d = pendingFuture()
    const names = namer({ w, a, b, c, d })
    const iterator = asCompleted([w, a, b, c, d], { timeout: 200 })
    const out: Future<number>[] = [(await iterator.next()).value as Future<number>]
    c.setResult(3)
    a.setResult(1)
    out.push((await iterator.next()).value as Future<number>)
    b.setResult(2)
    out.push((await iterator.next()).value as Future<number>)
    out.push((await iterator.next()).value as Future<number>)
    expect(names.list(out)).toEqual(['w', 'c', 'a', 'b'])
    const last = iterator.next()
    clock().advance(200)
    await expect(last).rejects.toThrow(new TimeoutError('1 (of 5) futures unfinished'))
  })

  it('CW-29 as CPython: a batch already taken still comes out after the deadline; later arrivals count as unfinished', async () => {
    // CPython collects the arrivals in batches; the deadline is checked only between batches.
    const w = successfulFuture(0)
    const a = pendingFuture()
    const b = pendingFuture()
    const c = pendingFuture()
    const d = pendingFuture()
    const names = namer({ w, a, b, c, d })
    const iterator = asCompleted([w, a, b, c, d], { timeout: 200 })
    const out: Future<number>[] = [(await iterator.next()).value as Future<number>]
    c.setResult(3)
    a.setResult(1)
    out.push((await iterator.next()).value as Future<number>)
    clock().advance(250)
    b.setResult(2)
    const { yielded, error } = await drain(iterator)
    expect(names.list([...out, ...yielded])).toEqual(['w', 'c', 'a'])
    expect(error).toEqual(new TimeoutError('2 (of 5) futures unfinished'))
  })
})
