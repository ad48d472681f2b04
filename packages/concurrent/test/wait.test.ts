import { createRequire } from 'node:module'
import { Future as BuiltFuture } from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import {
  ALL_COMPLETED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  Future,
  type ReturnWhen,
  wait,
} from '../src/index.js'
import {
  cancelledAndNotifiedFuture,
  cancelledFuture,
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
const MODES: readonly ReturnWhen[] = [ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION]

describe('wait result shape (every test_wait.WaitTests test compares the returned sets)', () => {
  it('CW-01 resolves with { done, notDone }: two Sets holding the very futures passed in', async () => {
    const ok = successfulFuture(1)
    const q = pendingFuture()
    const result = await wait([ok, q], { timeout: 0 })
    expect(Object.keys(result).sort()).toEqual(['done', 'notDone'])
    expect(result.done).toBeInstanceOf(Set)
    expect(result.notDone).toBeInstanceOf(Set)
    expect([...result.done]).toHaveLength(1)
    expect([...result.done][0]).toBe(ok)
    expect([...result.notDone]).toHaveLength(1)
    expect([...result.notDone][0]).toBe(q)
  })

  it('CW-01 gives fresh sets on every call', async () => {
    const ok = successfulFuture(1)
    const first = await wait([ok])
    const second = await wait([ok])
    expect(first.done).not.toBe(second.done)
    expect(first.notDone).not.toBe(second.notDone)
  })
})

describe('wait ALL_COMPLETED (test_wait.WaitTests.test_all_completed)', () => {
  it('CW-02 returns once every future is finished or cancelled-and-notified; failures do not end it', async () => {
    const ok = successfulFuture(1)
    const failed = exceptionFuture()
    const notified = cancelledAndNotifiedFuture()
    const a = pendingFuture()
    const b = runningFuture()
    const names = namer({ ok, failed, notified, a, b })
    const waiting = wait([ok, failed, notified, a, b], { returnWhen: ALL_COMPLETED })

    expect(await promiseState(waiting)).toBe('pending')
    a.setResult(2)
    expect(await promiseState(waiting)).toBe('pending')
    b.setException(new Error('b fails'))
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['a', 'b', 'failed', 'notified', 'ok'])
    expect(names.set(notDone)).toEqual([])
  })

  it('CW-02 is the default returnWhen', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const names = namer({ a, b })
    const waiting = wait([a, b])
    a.setResult(1)
    expect(await promiseState(waiting)).toBe('pending')
    b.setResult(2)
    expect(names.set((await waiting).done)).toEqual(['a', 'b'])
  })

  it('CW-02 returns at once when everything is already done', async () => {
    const ok = successfulFuture(1)
    const failed = exceptionFuture()
    const notified = cancelledAndNotifiedFuture()
    const names = namer({ ok, failed, notified })
    const { done, notDone } = await wait([ok, failed, notified])
    expect(names.set(done)).toEqual(['failed', 'notified', 'ok'])
    expect(notDone.size).toBe(0)
    expect(clock().pendingTimers).toBe(0)
  })
})

describe('wait FIRST_COMPLETED (test_wait.WaitTests.test_first_completed)', () => {
  it('CW-03 returns as soon as one future is done; the rest are notDone', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const names = namer({ a, b })
    const waiting = wait([a, b], { returnWhen: FIRST_COMPLETED })
    expect(await promiseState(waiting)).toBe('pending')
    a.setResult(1)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['a'])
    expect(names.set(notDone)).toEqual(['b'])
  })

  it('CW-03 a merely CANCELLED future neither counts nor ends the wait (CANCELLED_FUTURE stays in not_done)', async () => {
    const cancelled = cancelledFuture()
    const f1 = pendingFuture()
    const f2 = pendingFuture()
    const names = namer({ cancelled, f1, f2 })
    const waiting = wait([cancelled, f1, f2], { returnWhen: FIRST_COMPLETED })
    expect(await promiseState(waiting)).toBe('pending')
    f1.setResult(42)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['f1'])
    expect(names.set(notDone)).toEqual(['cancelled', 'f2'])
  })

  it('CW-03 [cancelled_only, c] with a timeout returns empty-handed when the timeout passes', async () => {
    const cancelled = cancelledFuture()
    const c = pendingFuture()
    const names = namer({ cancelled, c })
    const waiting = wait([cancelled, c], { returnWhen: FIRST_COMPLETED, timeout: 100 })
    clock().advance(99)
    expect(await promiseState(waiting)).toBe('pending')
    clock().advance(1)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual([])
    expect(names.set(notDone)).toEqual(['c', 'cancelled'])
  })

  it('CW-03 FIRST_COMPLETED with a failure: a failed future is completed too', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const names = namer({ a, b })
    const waiting = wait([a, b], { returnWhen: FIRST_COMPLETED })
    a.setException(new Error('x'))
    expect(names.set((await waiting).done)).toEqual(['a'])
  })
})

describe('wait FIRST_COMPLETED, some already done (test_wait.WaitTests.test_first_completed_some_already_completed)', () => {
  it('CW-03 returns at once with every already-done future in done', async () => {
    const notified = cancelledAndNotifiedFuture()
    const ok = successfulFuture(1)
    const f1 = pendingFuture()
    const names = namer({ notified, ok, f1 })
    const waiting = wait([notified, ok, f1], { returnWhen: FIRST_COMPLETED })
    expect(await promiseState(waiting)).toBe('fulfilled')
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['notified', 'ok'])
    expect(names.set(notDone)).toEqual(['f1'])
    expect(clock().pendingTimers).toBe(0)
  })
})

describe('wait: several completing together (no CPython test; probe CW-04)', () => {
  it('CW-04 two futures completed in the same synchronous run are both in done', async () => {
    const k = pendingFuture()
    const l = pendingFuture()
    const m = pendingFuture()
    const names = namer({ k, l, m })
    const waiting = wait([k, l, m], { returnWhen: FIRST_COMPLETED })
    k.setResult(1)
    l.setResult(2)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['k', 'l'])
    expect(names.set(notDone)).toEqual(['m'])
  })

  it('CW-04 under FIRST_EXCEPTION, futures finished right after the failure are in done too', async () => {
    const h = pendingFuture()
    const i = pendingFuture()
    const j = pendingFuture()
    const names = namer({ h, i, j })
    const waiting = wait([h, i, j], { returnWhen: FIRST_EXCEPTION })
    i.setException(new Error('i'))
    h.setResult(1)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['h', 'i'])
    expect(names.set(notDone)).toEqual(['j'])
  })

  it('CW-04 a future completed by a done callback of the one that ended the wait is in done', async () => {
    const k = pendingFuture()
    const l = pendingFuture()
    const names = namer({ k, l })
    k.addDoneCallback(() => l.setResult(2))
    const waiting = wait([k, l], { returnWhen: FIRST_COMPLETED })
    k.setResult(1)
    expect(names.set((await waiting).done)).toEqual(['k', 'l'])
  })

  it('CW-04 a future completed after the wait has settled is not added to its result', async () => {
    const k = pendingFuture()
    const l = pendingFuture()
    const names = namer({ k, l })
    const waiting = wait([k, l], { returnWhen: FIRST_COMPLETED })
    k.setResult(1)
    const result = await waiting
    l.setResult(2)
    expect(names.set(result.done)).toEqual(['k'])
    expect(names.set(result.notDone)).toEqual(['l'])
  })
})

describe('wait: CANCELLED is not done (test_wait.WaitTests.test_first_completed, test_first_exception_some_already_complete)', () => {
  it('CW-08 a merely cancelled future is done() but sits in notDone and the wait runs to its timeout', async () => {
    const cancelled = cancelledFuture()
    const ok = successfulFuture(1)
    const names = namer({ cancelled, ok })
    expect(cancelled.done()).toBe(true)
    const waiting = wait([cancelled, ok], { timeout: 100 })
    clock().advance(99)
    expect(await promiseState(waiting)).toBe('pending')
    clock().advance(1)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['ok'])
    expect(names.set(notDone)).toEqual(['cancelled'])
  })

  it('CW-08 without a timeout, a wait on a merely cancelled future does not return', async () => {
    const cancelled = cancelledFuture()
    const waiting = wait([cancelled])
    expect(await promiseState(waiting)).toBe('pending')
    cancelled.setRunningOrNotifyCancel()
    expect(namer({ cancelled }).set((await waiting).done)).toEqual(['cancelled'])
  })
})

describe('wait: only the notification wakes it (no CPython test; probe CW-09)', () => {
  it('CW-09 cancel() during the wait does not wake it; it runs to its timeout', async () => {
    const n1 = pendingFuture()
    const names = namer({ n1 })
    const waiting = wait([n1], { timeout: 300 })
    clock().advance(50)
    expect(n1.cancel()).toBe(true)
    expect(await promiseState(waiting)).toBe('pending')
    clock().advance(249)
    expect(await promiseState(waiting)).toBe('pending')
    clock().advance(1)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual([])
    expect(names.set(notDone)).toEqual(['n1'])
  })

  it('CW-09 cancel() then setRunningOrNotifyCancel() wakes it at once', async () => {
    const n2 = pendingFuture()
    const names = namer({ n2 })
    const waiting = wait([n2], { timeout: 2_000 })
    clock().advance(50)
    n2.cancel()
    expect(n2.setRunningOrNotifyCancel()).toBe(false)
    expect(await promiseState(waiting)).toBe('fulfilled')
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['n2'])
    expect(names.set(notDone)).toEqual([])
    expect(clock().now()).toBe(50)
    expect(clock().pendingTimers).toBe(0)
  })

  it('CW-09 the same rule holds under FIRST_COMPLETED', async () => {
    const n = pendingFuture()
    const other = pendingFuture()
    const names = namer({ n, other })
    const waiting = wait([n, other], { returnWhen: FIRST_COMPLETED })
    n.cancel()
    expect(await promiseState(waiting)).toBe('pending')
    n.setRunningOrNotifyCancel()
    expect(names.set((await waiting).done)).toEqual(['n'])
  })
})

describe('wait: duplicates (test_wait.WaitTests.test_20369)', () => {
  it('CW-12 the same done future passed twice comes back once', async () => {
    const future = successfulFuture(1)
    const { done, notDone } = await wait([future, future])
    expect(done.size).toBe(1)
    expect(done.has(future)).toBe(true)
    expect(notDone.size).toBe(0)
  })

  it('CW-12 a pending future passed three times is waited for once and counted once', async () => {
    const p = pendingFuture()
    const q = pendingFuture()
    const names = namer({ p, q })
    const waiting = wait([p, p, q, p], { timeout: 100 })
    expect(waiterCount(p)).toBe(1)
    p.setResult(1)
    clock().advance(100)
    const { done, notDone } = await waiting
    expect(names.list(done)).toEqual(['p'])
    expect(names.list(notDone)).toEqual(['q'])
  })

  it('CW-12 ALL_COMPLETED over duplicates ends when each distinct future is done', async () => {
    const p = pendingFuture()
    const waiting = wait([p, p, p])
    p.setResult(1)
    const { done } = await waiting
    expect(done.size).toBe(1)
  })
})

describe('wait([]) (no CPython test; probe CW-13)', () => {
  it.each(MODES)('CW-13 returns two empty sets at once under %s', async (returnWhen) => {
    const waiting = wait([], { returnWhen })
    expect(await promiseState(waiting)).toBe('fulfilled')
    const { done, notDone } = await waiting
    expect(done.size).toBe(0)
    expect(notDone.size).toBe(0)
    expect(clock().pendingTimers).toBe(0)
  })

  it('CW-13 an empty generator counts as empty input', async () => {
    function* nothing(): Generator<Future<number>> {}
    const { done, notDone } = await wait(nothing(), { timeout: 1_000 })
    expect(done.size + notDone.size).toBe(0)
  })
})

describe('wait with an invalid returnWhen (DESIGN; probe CW-14)', () => {
  const BOGUS = 'BOGUS' as unknown as ReturnWhen

  it('CW-14 throws RangeError "Invalid return condition: \'BOGUS\'" at the call when it would wait', () => {
    const q = pendingFuture()
    expect(() => wait([q], { returnWhen: BOGUS })).toThrow(
      new RangeError("Invalid return condition: 'BOGUS'"),
    )
    expect(() => wait([q], { returnWhen: BOGUS })).toThrow(RangeError)
    expect(waiterCount(q)).toBe(0)
  })

  it('CW-14 throws even when every future is already done (CPython would never look)', () => {
    const ok = successfulFuture(1)
    expect(() => wait([ok], { returnWhen: BOGUS })).toThrow(
      new RangeError("Invalid return condition: 'BOGUS'"),
    )
  })

  it('CW-14 throws for empty input and for a zero timeout too', () => {
    expect(() => wait([], { returnWhen: BOGUS })).toThrow(RangeError)
    expect(() => wait([pendingFuture()], { returnWhen: BOGUS, timeout: 0 })).toThrow(RangeError)
  })

  it('CW-14 null is not the default: only an absent returnWhen is (CPython rejects None)', () => {
    expect(() => wait([], { returnWhen: null as unknown as ReturnWhen })).toThrow(
      new RangeError('Invalid return condition: null'),
    )
  })

  it('CW-14 a lowercase spelling is not accepted', () => {
    expect(() => wait([], { returnWhen: 'all_completed' as unknown as ReturnWhen })).toThrow(
      "Invalid return condition: 'all_completed'",
    )
  })
})

describe('wait with input that is not concurrent futures (DESIGN; probe CW-15)', () => {
  it('CW-15 a single Future instead of an iterable is a TypeError at the call', () => {
    const ok = successfulFuture(1)
    expect(() => wait(ok as never)).toThrow(TypeError)
    expect(() => wait(ok as never)).toThrow(/iterable/)
  })

  it.each([
    ['a number', 1],
    ['a plain object', {}],
    ['null', null],
    ['a promise', Promise.resolve(1)],
    ['a look-alike with done() and result()', { done: () => true, result: () => 1 }],
  ])('CW-15 %s inside the iterable is a TypeError at the call', (_label, bad) => {
    expect(() => wait([bad] as never)).toThrow(TypeError)
  })

  it('CW-15 non-iterables (a number, null, undefined) are TypeErrors', () => {
    expect(() => wait(42 as never)).toThrow(TypeError)
    expect(() => wait(null as never)).toThrow(TypeError)
    expect(() => wait(undefined as never)).toThrow(TypeError)
  })

  it('CW-15 an aio Future gets a TypeError naming toConcurrentFuture', () => {
    const aio = { [Symbol.for('@futures/aio/Future')]: true }
    expect(() => wait([aio] as never)).toThrow(TypeError)
    expect(() => wait([aio] as never)).toThrow(/toConcurrentFuture/)
  })

  it('CW-15 a bad element after good ones installs no waiter on the good ones', () => {
    const p = pendingFuture()
    expect(() => wait([p, 1] as never, { timeout: 1_000 })).toThrow(TypeError)
    expect(waiterCount(p)).toBe(0)
    expect(clock().pendingTimers).toBe(0)
  })
})

describe('wait with futures from anywhere (the WaitTests mix executor and fixture futures; probe CW-17)', () => {
  it('CW-17 accepts hand-made futures driven by two different "executors", and a subclass', async () => {
    class LabelledFuture<T> extends Future<T> {}
    const pool1 = pendingFuture()
    const pool2 = pendingFuture()
    const ok = new LabelledFuture<number>()
    ok.setResult(3)
    const names = namer({ pool1, pool2, ok })
    const waiting = wait([pool1, pool2, ok])
    // Two toy executors: one completes on a microtask, the other on the next host turn.
    queueMicrotask(() => {
      if (pool1.setRunningOrNotifyCancel()) pool1.setResult(1)
    })
    setImmediate(() => {
      if (pool2.setRunningOrNotifyCancel()) pool2.setResult(2)
    })
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['ok', 'pool1', 'pool2'])
    expect(notDone.size).toBe(0)
  })

  it('CW-17 accepts Futures made by the built ESM and CJS copies of the package, mixed with these', async () => {
    const require = createRequire(import.meta.url)
    const cjs = require('@futures/concurrent') as { Future: new () => Future<number> }
    const esm = new BuiltFuture<number>() as unknown as Future<number>
    const fromCjs = new cjs.Future()
    const local = pendingFuture()
    const names = namer({ esm, fromCjs, local })
    const waiting = wait([esm, fromCjs, local], { returnWhen: ALL_COMPLETED })
    esm.setResult(1)
    fromCjs.setException(new Error('cjs'))
    expect(await promiseState(waiting)).toBe('pending')
    local.setResult(3)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['esm', 'fromCjs', 'local'])
    expect(notDone.size).toBe(0)
    expect(waiterCount(esm) + waiterCount(fromCjs) + waiterCount(local)).toBe(0)
  })

  it('CW-17 FIRST_EXCEPTION sees a failure in a Future of another copy', async () => {
    const require = createRequire(import.meta.url)
    const cjs = require('@futures/concurrent') as { Future: new () => Future<number> }
    const foreign = new cjs.Future()
    const local = pendingFuture()
    const names = namer({ foreign, local })
    const waiting = wait([foreign, local], { returnWhen: FIRST_EXCEPTION })
    foreign.setException(undefined)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['foreign'])
    expect(names.set(notDone)).toEqual(['local'])
  })
})

describe('wait leaves no waiter behind (no CPython test; probe CW-18)', () => {
  it('CW-18 a waiter is installed while waiting and withdrawn when the wait completes', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const waiting = wait([a, b], { returnWhen: FIRST_COMPLETED, timeout: 1_000 })
    expect(waiterCount(a)).toBe(1)
    expect(waiterCount(b)).toBe(1)
    a.setResult(1)
    await waiting
    expect(waiterCount(a)).toBe(0)
    expect(waiterCount(b)).toBe(0)
    expect(clock().pendingTimers).toBe(0)
  })

  it('CW-18 the waiter is withdrawn when the wait times out', async () => {
    const p = pendingFuture()
    const waiting = wait([p], { timeout: 50 })
    expect(waiterCount(p)).toBe(1)
    clock().advance(50)
    await waiting
    expect(waiterCount(p)).toBe(0)
  })

  it('CW-18 a polling wait (timeout 0) installs nothing', async () => {
    const p = pendingFuture()
    await wait([p], { timeout: 0 })
    expect(waiterCount(p)).toBe(0)
    expect(clock().pendingTimers).toBe(0)
  })

  it.each(MODES)(
    'CW-18 repeated %s waits on a long-lived future do not pile up state',
    async (returnWhen) => {
      const longLived = pendingFuture()
      for (let i = 0; i < 50; i++) {
        const other = pendingFuture()
        const waiting = wait([longLived, other], { returnWhen, timeout: 10 })
        if (i % 2 === 0) other.setResult(i)
        clock().advance(10)
        await waiting
        expect(waiterCount(other)).toBe(0)
      }
      expect(waiterCount(longLived)).toBe(0)
      expect(clock().pendingTimers).toBe(0)
      longLived.setResult(1)
      expect(longLived.resultNow()).toBe(1)
    },
  )

  it('CW-18 an ALL_COMPLETED wait ended by the last completion withdraws from every future', async () => {
    const fs = [pendingFuture(), pendingFuture(), runningFuture()]
    const waiting = wait(fs)
    for (const f of fs) f.setResult(1)
    await waiting
    expect(fs.map(waiterCount)).toEqual([0, 0, 0])
  })
})

describe('wait with completions racing it (test_wait.ThreadPoolWaitTests.test_pending_calls_race)', () => {
  it('CW-19 an ALL_COMPLETED wait returns when many futures complete in a burst', async () => {
    const count = 300
    const fs = Array.from({ length: count }, () => pendingFuture())
    const waiting = wait(fs)
    // Complete them from microtasks and host turns, interleaved, in a scrambled order.
    const order = fs.map((_, i) => (i * 7919) % count)
    order.forEach((index, k) => {
      const f = fs[index] as Future<number>
      const complete = (): void => {
        if (!f.setRunningOrNotifyCancel()) return
        if (k % 5 === 0) f.setException(new Error(`#${index}`))
        else f.setResult(index)
      }
      if (k % 3 === 0) queueMicrotask(complete)
      else if (k % 3 === 1) setImmediate(complete)
      else setImmediate(() => queueMicrotask(complete))
    })
    const { done, notDone } = await waiting
    expect(done.size).toBe(count)
    expect(notDone.size).toBe(0)
    expect(fs.every((f) => waiterCount(f) === 0)).toBe(true)
  })

  it('CW-19 a burst of completions made inside done callbacks, while the wait is being told, is not lost', async () => {
    const count = 100
    const fs = Array.from({ length: count }, () => pendingFuture())
    // Each future's done callback completes the next one, so every completion happens while
    // the wait is still handling the one before.
    fs.forEach((f, i) => {
      const next = fs[i + 1]
      if (next !== undefined) f.addDoneCallback(() => next.setResult(i + 1))
    })
    const waiting = wait(fs)
    ;(fs[0] as Future<number>).setResult(0)
    const { done } = await waiting
    expect(done.size).toBe(count)
  })

  it('CW-19 futures completing while the wait is being set up (half already done) are all counted', async () => {
    const fs = Array.from({ length: 200 }, () => pendingFuture())
    fs.forEach((f, i) => {
      if (i % 2 === 0) f.setResult(i)
    })
    const waiting = wait(fs)
    for (const [i, f] of fs.entries()) if (i % 2 === 1) setImmediate(() => f.setResult(i))
    await flush()
    const { done, notDone } = await waiting
    expect(done.size).toBe(200)
    expect(notDone.size).toBe(0)
  })
})
