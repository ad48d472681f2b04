import { describe, expect, it } from 'vitest'
import { asCompleted, Future } from '../src/index.js'
import {
  cancelledAndNotifiedFuture,
  cancelledFuture,
  collectGarbage,
  drain,
  exceptionFuture,
  flush,
  namer,
  pendingFuture,
  promiseState,
  runningFuture,
  successfulFuture,
  useManualClock,
  waiterCount,
} from './helpers.js'

const clock = useManualClock()

/** Consumes an iterator in the background, recording each future as it comes out. */
function consume<F>(iterator: AsyncIterator<F>): {
  readonly seen: F[]
  readonly ended: Promise<{ readonly error: unknown; readonly failed: boolean }>
} {
  const seen: F[] = []
  const ended = (async () => {
    for (;;) {
      let result: IteratorResult<F>
      try {
        result = await iterator.next()
      } catch (error) {
        return { error, failed: true }
      }
      if (result.done === true) return { error: undefined, failed: false }
      seen.push(result.value)
    }
  })()
  return { seen, ended }
}

describe('asCompleted order (test_as_completed.AsCompletedTests.test_no_timeout)', () => {
  it('CW-20 yields every future, fixture states included, without a timeout', async () => {
    const notified = cancelledAndNotifiedFuture()
    const failed = exceptionFuture()
    const ok = successfulFuture(1)
    const future1 = runningFuture()
    const future2 = runningFuture()
    const names = namer({ notified, failed, ok, future1, future2 })
    const all = drain(asCompleted([notified, failed, ok, future1, future2]))
    setImmediate(() => future1.setResult(42))
    setImmediate(() => future2.setResult(42))
    const { yielded, failed: threw } = await all
    expect(threw).toBe(false)
    expect(names.set(yielded)).toEqual(['failed', 'future1', 'future2', 'notified', 'ok'])
  })

  it('CW-20 already-done futures first, then the others in the order they complete', async () => {
    const x = pendingFuture()
    const y = pendingFuture()
    const z = pendingFuture()
    const w1 = successfulFuture(1)
    const w2 = cancelledAndNotifiedFuture()
    const names = namer({ x, y, z, w1, w2 })
    const { seen, ended } = consume(asCompleted([x, y, z, w1, w2, x]))
    await flush()
    expect(names.set(seen)).toEqual(['w1', 'w2'])
    y.setResult(1)
    await flush()
    expect(names.list(seen.slice(2))).toEqual(['y'])
    // z and x complete in the same synchronous run, z first.
    z.setResult(2)
    x.setResult(3)
    const { failed } = await ended
    expect(failed).toBe(false)
    expect(names.set(seen.slice(0, 2))).toEqual(['w1', 'w2'])
    expect(names.list(seen.slice(2))).toEqual(['y', 'z', 'x'])
  })

  it('CW-20 a future cancelled and notified during the iteration is yielded when notified', async () => {
    const c = pendingFuture()
    const d = pendingFuture()
    const names = namer({ c, d })
    const { seen, ended } = consume(asCompleted([c, d]))
    c.cancel()
    d.setException(new Error('d'))
    c.setRunningOrNotifyCancel()
    await ended
    expect(names.list(seen)).toEqual(['d', 'c'])
  })

  it('CW-20 yields the futures themselves, not their results', async () => {
    const ok = successfulFuture(7)
    const { value } = await asCompleted([ok]).next()
    expect(value).toBe(ok)
    expect(value).toBeInstanceOf(Future)
  })
})

describe('asCompleted with duplicates (test_as_completed.AsCompletedTests.test_duplicate_futures)', () => {
  it('CW-21 a pending future repeated three times is yielded once when it completes', async () => {
    const future1 = pendingFuture()
    function* repeat<T>(item: T, times: number): Generator<T> {
      for (let i = 0; i < times; i++) yield item
    }
    const all = drain(asCompleted(repeat(future1, 3)))
    setImmediate(() => future1.setResult(1))
    const { yielded } = await all
    expect(yielded).toHaveLength(1)
    expect(yielded[0]).toBe(future1)
  })

  it('CW-21 a done future repeated is yielded once', async () => {
    const d1 = successfulFuture(1)
    const { yielded } = await drain(asCompleted([d1, d1, d1]))
    expect(yielded).toEqual([d1])
  })

  it.each([
    ['an array', (fs: Future<number>[]) => fs],
    ['a Set', (fs: Future<number>[]) => new Set(fs)],
    [
      'a Map.values() iterator',
      (fs: Future<number>[]) => new Map(fs.map((f, i) => [i, f])).values(),
    ],
    [
      'a generator',
      function* gen(fs: Future<number>[]) {
        yield* fs
      },
    ],
    ['a custom iterable', (fs: Future<number>[]) => ({ [Symbol.iterator]: () => fs.values() })],
  ])('CW-21 accepts %s', async (_label, wrap) => {
    const a = successfulFuture(1)
    const b = pendingFuture()
    const names = namer({ a, b })
    const all = drain(asCompleted(wrap([a, b, a])))
    setImmediate(() => b.setResult(2))
    const { yielded } = await all
    expect(names.list(yielded)).toEqual(['a', 'b'])
  })
})

describe('asCompleted is lazy (DESIGN; no CPython test; probe CW-24)', () => {
  it('CW-24 creating the iterator reads nothing and installs no waiter', async () => {
    const p = pendingFuture()
    let read = false
    function* source(): Generator<Future<number>> {
      read = true
      yield p
    }
    const iterator = asCompleted(source(), { timeout: 100 })
    expect(read).toBe(false)
    expect(waiterCount(p)).toBe(0)
    expect(clock().pendingTimers).toBe(0)
    const first = iterator.next()
    expect(read).toBe(true)
    expect(waiterCount(p)).toBe(1)
    await iterator.return?.()
    expect(await first).toEqual({ done: true, value: undefined })
  })

  it('CW-24 creation never throws, even for bad input or a bad timeout', () => {
    expect(() => asCompleted(42 as never)).not.toThrow()
    expect(() => asCompleted([1] as never)).not.toThrow()
    expect(() => asCompleted([], { timeout: 'soon' as never })).not.toThrow()
  })

  it('CW-24 a bad timeout is reported by the first next()', async () => {
    await expect(asCompleted([], { timeout: 'soon' as never }).next()).rejects.toThrow(TypeError)
    await expect(asCompleted([], { timeout: Number.NaN }).next()).rejects.toThrow(RangeError)
  })

  it('CW-24 with timeout 0, the TimeoutError comes from the first next(), not the call', async () => {
    const p = pendingFuture()
    const iterator = asCompleted([p], { timeout: 0 })
    clock().advance(1_000)
    await expect(iterator.next()).rejects.toThrow('1 (of 1) futures unfinished')
  })

  it('CW-24 a future completed between the call and the first next() counts as already done', async () => {
    const lazy = pendingFuture()
    const iterator = asCompleted([lazy], { timeout: 0 })
    lazy.setResult(1)
    expect(await iterator.next()).toEqual({ done: false, value: lazy })
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })

  it('CW-24 is a hand-written async iterator, its own async iterable', () => {
    const iterator = asCompleted([successfulFuture(1)])
    expect(iterator[Symbol.asyncIterator]()).toBe(iterator)
    expect(Object.prototype.toString.call(iterator)).not.toBe('[object AsyncGenerator]')
  })
})

describe('asCompleted and merely CANCELLED futures (no CPython test; probe CW-25)', () => {
  it('CW-25 a CANCELLED future that is never notified is never yielded (no timeout: the loop stays open)', async () => {
    const cancelled = cancelledFuture()
    const w1 = successfulFuture(1)
    const names = namer({ cancelled, w1 })
    const iterator = asCompleted([cancelled, w1])
    const { seen, ended } = consume(iterator)
    await flush()
    expect(names.list(seen)).toEqual(['w1'])
    expect(await promiseState(ended)).toBe('pending')
    await iterator.return?.()
    await ended
    expect(names.list(seen)).toEqual(['w1'])
  })

  it('CW-25 a future cancelled during the iteration is yielded only once notified', async () => {
    const c = pendingFuture()
    const names = namer({ c })
    const { seen, ended } = consume(asCompleted([c]))
    c.cancel()
    await flush()
    expect(seen).toHaveLength(0)
    c.setRunningOrNotifyCancel()
    await ended
    expect(names.list(seen)).toEqual(['c'])
  })
})

describe('asCompleted with empty and bad input (DESIGN; no CPython test; probe CW-26)', () => {
  it('CW-26 asCompleted([]) yields nothing and ends', async () => {
    const iterator = asCompleted([])
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })

  it('CW-26 asCompleted([], { timeout: 0 }) ends without a TimeoutError', async () => {
    const { yielded, failed } = await drain(asCompleted([], { timeout: 0 }))
    expect(yielded).toEqual([])
    expect(failed).toBe(false)
  })

  it.each([
    ['a number', [1]],
    ['a plain object', [{}]],
    ['a single Future (not an iterable)', successfulFuture(1)],
    ['null', null],
    ['a number instead of an iterable', 42],
  ])('CW-26 %s: the first next() rejects with TypeError', async (_label, bad) => {
    const iterator = asCompleted(bad as never)
    await expect(iterator.next()).rejects.toThrow(TypeError)
  })

  it('CW-15 CW-26 an aio Future: the first next() rejects with a TypeError naming toConcurrentFuture', async () => {
    const aio = { [Symbol.for('@futures/aio/Future')]: true }
    const iterator = asCompleted([successfulFuture(1), aio] as never)
    await expect(iterator.next()).rejects.toThrow(TypeError)
    const again = asCompleted([aio] as never)
    await expect(again.next()).rejects.toThrow(/toConcurrentFuture/)
  })

  it('CW-26 after the TypeError the iterator is finished, and good futures got no waiter', async () => {
    const p = pendingFuture()
    const iterator = asCompleted([p, 1] as never)
    await expect(iterator.next()).rejects.toThrow(TypeError)
    expect(waiterCount(p)).toBe(0)
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })
})

describe('asCompleted stopped early (no CPython test; probe CW-27)', () => {
  it('CW-27 return() withdraws the waiter from futures not yet yielded and leaves them untouched', async () => {
    const w = successfulFuture(1)
    const p = pendingFuture()
    const r = runningFuture()
    const iterator = asCompleted([w, p, r], { timeout: 1_000 })
    expect((await iterator.next()).value).toBe(w)
    expect(waiterCount(p)).toBe(1)
    expect(waiterCount(r)).toBe(1)
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined })
    expect(waiterCount(p)).toBe(0)
    expect(waiterCount(r)).toBe(0)
    expect(clock().pendingTimers).toBe(0)
    expect(p.done()).toBe(false)
    expect(p.cancelled()).toBe(false)
    expect(r.running()).toBe(true)
    p.setResult(2)
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })

  it('CW-27 break out of for await cleans up as well', async () => {
    const w = successfulFuture(1)
    const p = pendingFuture()
    const seen: Future<number>[] = []
    for await (const f of asCompleted([w, p])) {
      seen.push(f)
      break
    }
    expect(seen).toEqual([w])
    expect(waiterCount(p)).toBe(0)
  })

  it('CW-27 return() while a next() is waiting ends that next() with done', async () => {
    const p = pendingFuture()
    const iterator = asCompleted([p], { timeout: 500 })
    const waiting = iterator.next()
    expect(await promiseState(waiting)).toBe('pending')
    await iterator.return?.()
    expect(await waiting).toEqual({ done: true, value: undefined })
    expect(waiterCount(p)).toBe(0)
    expect(clock().pendingTimers).toBe(0)
  })

  it('CW-27 an iteration that runs to its end leaves nothing behind', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const all = drain(asCompleted([a, b], { timeout: 1_000 }))
    a.setResult(1)
    b.setResult(2)
    await all
    expect(waiterCount(a) + waiterCount(b)).toBe(0)
    expect(clock().pendingTimers).toBe(0)
  })

  it('CW-27 an iteration that times out leaves nothing behind', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const all = drain(asCompleted([a, b], { timeout: 100 }))
    a.setResult(1)
    clock().advance(100)
    const { failed } = await all
    expect(failed).toBe(true)
    expect(waiterCount(a) + waiterCount(b)).toBe(0)
    expect(clock().pendingTimers).toBe(0)
  })
})

describe('asCompleted does not retain yielded futures (test_as_completed.AsCompletedTests.test_free_reference_yielded_future)', () => {
  it('CW-28 a yielded future the caller lets go of can be collected while the iteration goes on', async () => {
    const keep = pendingFuture()
    // Only the generator refers to the futures: once read, only the iterator could keep them.
    let refs: WeakRef<Future<number>>[] = []
    function* source(): Generator<Future<number>> {
      const finished = successfulFuture(42)
      const notified = cancelledAndNotifiedFuture()
      const later = pendingFuture()
      refs = [new WeakRef(finished), new WeakRef(notified), new WeakRef(later)]
      yield finished
      yield notified
      yield later
      yield keep
      setImmediate(() => later.setResult(1))
    }
    const iterator = asCompleted(source())
    for (let i = 0; i < 3; i++) {
      const { done } = await iterator.next()
      expect(done).toBe(false)
    }
    await collectGarbage()
    expect(refs.map((ref) => ref.deref())).toEqual([undefined, undefined, undefined])
    // The iteration is still going on, waiting for `keep`.
    const last = iterator.next()
    keep.setResult(2)
    expect((await last).value).toBe(keep)
  })
})

describe('asCompleted with a busy consumer (test_as_completed.AsCompletedTests.test_no_timeout; probe CW-20)', () => {
  it('CW-29 futures completed between two next() calls come out in completion order, none twice', async () => {
    const w = successfulFuture(0)
    const a = pendingFuture()
    const b = pendingFuture()
    const c = pendingFuture()
    const d = pendingFuture()
    const names = namer({ w, a, b, c, d })
    const iterator = asCompleted([w, a, b, c, d])
    expect((await iterator.next()).value).toBe(w)
    // The consumer is busy: c, a, b complete before it asks again.
    c.setResult(3)
    a.setResult(1)
    await flush()
    b.setResult(2)
    const out: Future<number>[] = []
    for (let i = 0; i < 3; i++) out.push((await iterator.next()).value as Future<number>)
    expect(names.list(out)).toEqual(['c', 'a', 'b'])
    const pendingNext = iterator.next()
    expect(await promiseState(pendingNext)).toBe('pending')
    d.setResult(4)
    expect((await pendingNext).value).toBe(d)
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })

  it('CW-29 several next() calls made at once are answered in order as futures complete', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const names = namer({ a, b })
    const iterator = asCompleted([a, b])
    const first = iterator.next()
    const second = iterator.next()
    const third = iterator.next()
    b.setResult(2)
    expect(await promiseState(second)).toBe('pending')
    a.setResult(1)
    expect(names.list([(await first).value, (await second).value] as Future<number>[])).toEqual([
      'b',
      'a',
    ])
    expect(await third).toEqual({ done: true, value: undefined })
  })
})
