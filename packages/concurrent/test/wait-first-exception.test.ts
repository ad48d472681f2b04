import { describe, expect, it } from 'vitest'
import { FIRST_EXCEPTION, wait } from '../src/index.js'
import {
  cancelledAndNotifiedFuture,
  cancelledFuture,
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

describe('wait FIRST_EXCEPTION (test_wait.WaitTests.test_first_exception)', () => {
  it('CW-05 returns at the first failure; done holds the successes so far too', async () => {
    const h = pendingFuture()
    const i = runningFuture()
    const j = pendingFuture()
    const names = namer({ h, i, j })
    const waiting = wait([h, i, j], { returnWhen: FIRST_EXCEPTION })
    h.setResult(42)
    expect(await promiseState(waiting)).toBe('pending')
    i.setException(new Error('i fails'))
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['h', 'i'])
    expect(names.set(notDone)).toEqual(['j'])
    expect(waiterCount(j)).toBe(0)
  })

  it('CW-05 a task that threw undefined still counts as a failure', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const names = namer({ a, b })
    const waiting = wait([a, b], { returnWhen: FIRST_EXCEPTION })
    a.setException(undefined)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['a'])
    expect(names.set(notDone)).toEqual(['b'])
  })
})

describe('wait FIRST_EXCEPTION, one already failed (test_wait.WaitTests.test_first_exception_one_already_failed)', () => {
  it('CW-06 returns at once with the failed future in done', async () => {
    const failed = exceptionFuture()
    const j2 = pendingFuture()
    const names = namer({ failed, j2 })
    const waiting = wait([failed, j2], { returnWhen: FIRST_EXCEPTION })
    expect(await promiseState(waiting)).toBe('fulfilled')
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['failed'])
    expect(names.set(notDone)).toEqual(['j2'])
    expect(waiterCount(j2)).toBe(0)
    expect(clock().pendingTimers).toBe(0)
  })

  it('CW-06 done holds every already-done future; a merely CANCELLED one goes to notDone', async () => {
    const ok = successfulFuture(1)
    const cancelled = cancelledFuture()
    const notified = cancelledAndNotifiedFuture()
    const failed = exceptionFuture()
    const j3 = pendingFuture()
    const names = namer({ ok, cancelled, notified, failed, j3 })
    const waiting = wait([ok, cancelled, notified, failed, j3], { returnWhen: FIRST_EXCEPTION })
    expect(await promiseState(waiting)).toBe('fulfilled')
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['failed', 'notified', 'ok'])
    expect(names.set(notDone)).toEqual(['cancelled', 'j3'])
  })
})

describe('wait FIRST_EXCEPTION, some already complete (test_wait.WaitTests.test_first_exception_some_already_complete)', () => {
  it('CW-06 CW-07 a failure during the wait ends it; the notified one is done, the merely cancelled one is not', async () => {
    const ok = successfulFuture(1)
    const cancelled = cancelledFuture()
    const notified = cancelledAndNotifiedFuture()
    const future1 = runningFuture()
    const future2 = runningFuture()
    const names = namer({ ok, cancelled, notified, future1, future2 })
    const waiting = wait([ok, cancelled, notified, future1, future2], {
      returnWhen: FIRST_EXCEPTION,
    })
    expect(await promiseState(waiting)).toBe('pending')
    future1.setException(new RangeError('divmod(21, 0)'))
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['future1', 'notified', 'ok'])
    expect(names.set(notDone)).toEqual(['cancelled', 'future2'])
  })
})

describe('wait FIRST_EXCEPTION: a cancelled future is done, not an exception (probe CW-07)', () => {
  it('CW-07 an already notified-cancelled future does not end the wait', async () => {
    const notified = cancelledAndNotifiedFuture()
    const j4 = pendingFuture()
    const names = namer({ notified, j4 })
    const waiting = wait([notified, j4], { returnWhen: FIRST_EXCEPTION, timeout: 100 })
    clock().advance(99)
    expect(await promiseState(waiting)).toBe('pending')
    clock().advance(1)
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['notified'])
    expect(names.set(notDone)).toEqual(['j4'])
  })

  it('CW-07 with no failure it behaves as ALL_COMPLETED: everything done returns at once', async () => {
    const notified = cancelledAndNotifiedFuture()
    const ok = successfulFuture(1)
    const names = namer({ notified, ok })
    const waiting = wait([notified, ok], { returnWhen: FIRST_EXCEPTION })
    expect(await promiseState(waiting)).toBe('fulfilled')
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['notified', 'ok'])
    expect(notDone.size).toBe(0)
  })

  it('CW-07 with no failure it waits for every future, as ALL_COMPLETED', async () => {
    const a = pendingFuture()
    const b = pendingFuture()
    const names = namer({ a, b })
    const waiting = wait([a, b], { returnWhen: FIRST_EXCEPTION })
    a.setResult(1)
    expect(await promiseState(waiting)).toBe('pending')
    b.setResult(2)
    expect(names.set((await waiting).done)).toEqual(['a', 'b'])
  })

  it('CW-07 a future cancelled and notified during the wait moves to done and ends it when nothing is left', async () => {
    const m = pendingFuture()
    const names = namer({ m })
    const waiting = wait([m], { returnWhen: FIRST_EXCEPTION, timeout: 2_000 })
    clock().advance(50)
    m.cancel()
    expect(await promiseState(waiting)).toBe('pending')
    m.setRunningOrNotifyCancel()
    const { done, notDone } = await waiting
    expect(names.set(done)).toEqual(['m'])
    expect(notDone.size).toBe(0)
    expect(clock().now()).toBe(50)
  })

  it('CW-07 a future cancelled and notified during the wait does not end it while others remain', async () => {
    const m = pendingFuture()
    const n = pendingFuture()
    const names = namer({ m, n })
    const waiting = wait([m, n], { returnWhen: FIRST_EXCEPTION })
    m.cancel()
    m.setRunningOrNotifyCancel()
    expect(await promiseState(waiting)).toBe('pending')
    n.setResult(1)
    expect(names.set((await waiting).done)).toEqual(['m', 'n'])
  })
})
