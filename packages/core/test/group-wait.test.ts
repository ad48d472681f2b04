import v8 from 'node:v8'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import {
  ALL_COMPLETED,
  CompletionQueue,
  type CompletionWaiter,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  GroupWait,
  type GroupWaitProtocol,
  type ReturnWhen,
  toReturnWhen,
} from '../src/index.js'

/** A minimal future for the algorithm: a flag for done, one for failed, a set of waiters. */
class FakeFuture {
  readonly name: string
  settled = false
  failed = false
  readonly waiters = new Set<CompletionWaiter<FakeFuture>>()

  constructor(name: string, state: 'pending' | 'ok' | 'failed' = 'pending') {
    this.name = name
    this.settled = state !== 'pending'
    this.failed = state === 'failed'
  }

  complete(failed = false): void {
    this.settled = true
    this.failed = failed
    for (const waiter of [...this.waiters]) waiter.onCompleted(this)
  }
}

interface CountingProtocol extends GroupWaitProtocol<FakeFuture> {
  readonly calls: string[]
}

function fakeProtocol(): CountingProtocol {
  const calls: string[] = []
  return {
    calls,
    isSettled: (f) => f.settled,
    isFailed: (f) => f.failed,
    subscribe: (f, waiter) => {
      calls.push(`subscribe ${f.name}`)
      f.waiters.add(waiter)
    },
    unsubscribe: (f, waiter) => {
      f.waiters.delete(waiter)
    },
  }
}

const names = (fs: Iterable<FakeFuture>): string[] => Array.from(fs, (f) => f.name).sort()
const MODES: readonly ReturnWhen[] = [ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION]

describe('toReturnWhen (DESIGN: checked at every call; probe CW-14)', () => {
  it.each(MODES)('CW-14 accepts %s', (mode) => {
    expect(toReturnWhen(mode)).toBe(mode)
  })

  it("CW-14 rejects anything else with RangeError('Invalid return condition: …')", () => {
    expect(() => toReturnWhen('BOGUS')).toThrow(new RangeError("Invalid return condition: 'BOGUS'"))
    expect(() => toReturnWhen(3)).toThrow(new RangeError('Invalid return condition: 3'))
    expect(() => toReturnWhen(undefined)).toThrow(RangeError)
  })
})

describe('GroupWait', () => {
  it('CW-02 CW-03 CW-06 is satisfied at the snapshot exactly when CPython returns at once', () => {
    const p = new FakeFuture('p')
    const ok = new FakeFuture('ok', 'ok')
    const failed = new FakeFuture('failed', 'failed')
    const cases: [ReturnWhen, FakeFuture[], boolean][] = [
      [ALL_COMPLETED, [ok, failed], true],
      [ALL_COMPLETED, [ok, p], false],
      [FIRST_COMPLETED, [ok, p], true],
      [FIRST_COMPLETED, [p], false],
      [FIRST_EXCEPTION, [ok, p], false],
      [FIRST_EXCEPTION, [failed, p], true],
      [FIRST_EXCEPTION, [ok], true],
      [ALL_COMPLETED, [], true],
      [FIRST_COMPLETED, [], true],
      [FIRST_EXCEPTION, [], true],
    ]
    for (const [mode, fs, expected] of cases) {
      const group = new GroupWait(fakeProtocol(), new Set(fs), mode)
      expect({ mode, fs: names(fs), satisfied: group.satisfied }).toEqual({
        mode,
        fs: names(fs),
        satisfied: expected,
      })
    }
  })

  it('CW-18 subscribes only to futures not yet done, and finish() withdraws every waiter', () => {
    const protocol = fakeProtocol()
    const ok = new FakeFuture('ok', 'ok')
    const a = new FakeFuture('a')
    const b = new FakeFuture('b')
    const group = new GroupWait(protocol, new Set([ok, a, b]), ALL_COMPLETED)
    group.start(() => {})
    expect(protocol.calls).toEqual(['subscribe a', 'subscribe b'])
    expect(a.waiters.size + b.waiters.size).toBe(1 + 1)
    const { done, notDone } = group.finish()
    expect(names(done)).toEqual(['ok'])
    expect(names(notDone)).toEqual(['a', 'b'])
    expect(a.waiters.size + b.waiters.size).toBe(0)
  })

  it('CW-03 CW-04 triggers once, when satisfied; later completions before finish() still count', () => {
    const a = new FakeFuture('a')
    const b = new FakeFuture('b')
    const c = new FakeFuture('c')
    const group = new GroupWait(fakeProtocol(), new Set([a, b, c]), FIRST_COMPLETED)
    let triggered = 0
    group.start(() => triggered++)
    a.complete()
    b.complete()
    expect(triggered).toBe(1)
    const { done, notDone } = group.finish()
    expect(names(done)).toEqual(['a', 'b'])
    expect(names(notDone)).toEqual(['c'])
  })

  it('CW-05 CW-07 FIRST_EXCEPTION triggers on a failure, or once everything is done', () => {
    const a = new FakeFuture('a')
    const b = new FakeFuture('b')
    const failing = new GroupWait(fakeProtocol(), new Set([a, b]), FIRST_EXCEPTION)
    let triggered = 0
    failing.start(() => triggered++)
    a.complete(false)
    expect(triggered).toBe(0)
    b.complete(true)
    expect(triggered).toBe(1)

    const c = new FakeFuture('c')
    const d = new FakeFuture('d')
    const clean = new GroupWait(fakeProtocol(), new Set([c, d]), FIRST_EXCEPTION)
    let cleanTriggered = 0
    clean.start(() => cleanTriggered++)
    c.complete()
    expect(cleanTriggered).toBe(0)
    d.complete()
    expect(cleanTriggered).toBe(1)
  })

  it('CW-02 ALL_COMPLETED is not ended early by a failure', () => {
    const a = new FakeFuture('a')
    const b = new FakeFuture('b')
    const group = new GroupWait(fakeProtocol(), new Set([a, b]), ALL_COMPLETED)
    let triggered = 0
    group.start(() => triggered++)
    a.complete(true)
    expect(triggered).toBe(0)
    b.complete()
    expect(triggered).toBe(1)
  })

  it('CW-10 CW-16 after finish(), completions change neither the result nor the trigger', () => {
    const a = new FakeFuture('a')
    const group = new GroupWait(fakeProtocol(), new Set([a]), ALL_COMPLETED)
    let triggered = 0
    group.start(() => triggered++)
    const first = group.finish()
    group.onCompleted(a)
    expect(triggered).toBe(0)
    expect(names(first.notDone)).toEqual(['a'])
    expect(names(group.finish().notDone)).toEqual(['a'])
  })

  it('CW-12 a duplicate notification of one future counts once', () => {
    const a = new FakeFuture('a')
    const b = new FakeFuture('b')
    const group = new GroupWait(fakeProtocol(), new Set([a, b]), ALL_COMPLETED)
    let triggered = 0
    group.start(() => triggered++)
    a.settled = true
    group.onCompleted(a)
    group.onCompleted(a)
    expect(triggered).toBe(0)
    expect(names(group.finish().done)).toEqual(['a'])
  })
})

describe('CompletionQueue', () => {
  it('CW-21 queues a future once even if its kind reports the completion twice', () => {
    const a = new FakeFuture('a')
    const queue = new CompletionQueue(fakeProtocol(), new Set([a]))
    const waiter = [...a.waiters][0] as CompletionWaiter<FakeFuture>
    a.complete()
    waiter.onCompleted(a)
    expect(queue.refill()).toBe(true)
    expect(queue.next()).toBe(a)
    expect(queue.next()).toBeUndefined()
    expect(queue.refill()).toBe(false)
    expect(queue.unfinished).toBe(0)
  })

  it('CW-20 hands out the snapshot first, then arrivals in the order they came, in batches', () => {
    const w1 = new FakeFuture('w1', 'ok')
    const w2 = new FakeFuture('w2', 'failed')
    const x = new FakeFuture('x')
    const y = new FakeFuture('y')
    const z = new FakeFuture('z')
    const queue = new CompletionQueue(fakeProtocol(), new Set([x, w1, y, w2, z]))
    let arrivals = 0
    queue.onArrival = () => arrivals++
    expect(queue.total).toBe(5)
    expect(queue.unfinished).toBe(5)
    expect(names([queue.next(), queue.next()] as FakeFuture[])).toEqual(['w1', 'w2'])
    expect(queue.next()).toBeUndefined()
    expect(queue.refill()).toBe(false)
    z.complete()
    x.complete()
    expect(arrivals).toBe(2)
    expect(queue.hasArrivals).toBe(true)
    expect(queue.next()).toBeUndefined()
    expect(queue.refill()).toBe(true)
    expect(queue.hasArrivals).toBe(false)
    expect(queue.next()).toBe(z)
    y.complete()
    // y waits for the next batch, even though the current one is not used up.
    expect(queue.next()).toBe(x)
    expect(queue.next()).toBeUndefined()
    expect(queue.unfinished).toBe(1)
    expect(queue.refill()).toBe(true)
    expect(queue.next()).toBe(y)
    expect(queue.unfinished).toBe(0)
  })

  it('CW-18 CW-27 withdraws its waiter from each future it hands out, and close() from the rest', () => {
    const a = new FakeFuture('a')
    const b = new FakeFuture('b')
    const c = new FakeFuture('c')
    const queue = new CompletionQueue(fakeProtocol(), new Set([a, b, c]))
    expect([a, b, c].map((f) => f.waiters.size)).toEqual([1, 1, 1])
    a.complete()
    queue.refill()
    expect(queue.next()).toBe(a)
    expect(a.waiters.size).toBe(0)
    queue.close()
    expect([b, c].map((f) => f.waiters.size)).toEqual([0, 0])
    expect(queue.unfinished).toBe(0)
  })

  it('CW-27 after close(), arrivals are ignored', () => {
    const a = new FakeFuture('a')
    const queue = new CompletionQueue(fakeProtocol(), new Set([a]))
    let arrivals = 0
    queue.onArrival = () => arrivals++
    const waiter = [...a.waiters][0] as CompletionWaiter<FakeFuture>
    queue.close()
    waiter.onCompleted(a)
    expect(arrivals).toBe(0)
    expect(queue.refill()).toBe(false)
  })

  it('CW-25 a future that is not done for the protocol is neither in the snapshot nor handed out', () => {
    const cancelledOnly = new FakeFuture('cancelledOnly')
    const w1 = new FakeFuture('w1', 'ok')
    const queue = new CompletionQueue(fakeProtocol(), new Set([cancelledOnly, w1]))
    expect(queue.next()).toBe(w1)
    expect(queue.next()).toBeUndefined()
    expect(queue.refill()).toBe(false)
    expect(queue.unfinished).toBe(1)
    expect(queue.total).toBe(2)
  })

  it('CW-28 holds no reference to a future once it has handed it out', async () => {
    v8.setFlagsFromString('--expose-gc')
    const gc = vm.runInNewContext('gc') as () => void
    const keep = new FakeFuture('keep')
    let refs: WeakRef<FakeFuture>[] = []
    // Build the futures in a function, so that only the queue and the WeakRefs see them.
    const queue = ((): CompletionQueue<FakeFuture> => {
      const done = new FakeFuture('done', 'ok')
      const later = new FakeFuture('later')
      refs = [new WeakRef(done), new WeakRef(later)]
      const q = new CompletionQueue(fakeProtocol(), new Set([done, later, keep]))
      later.complete()
      return q
    })()
    expect(queue.next()?.name).toBe('done')
    expect(queue.refill()).toBe(true)
    expect(queue.next()?.name).toBe('later')
    await new Promise((resolve) => setImmediate(resolve))
    gc()
    expect(refs.map((ref) => ref.deref())).toEqual([undefined, undefined])
    // The queue is still in use.
    expect(queue.unfinished).toBe(1)
    keep.complete()
    expect(queue.refill()).toBe(true)
    expect(queue.next()).toBe(keep)
  })
})
