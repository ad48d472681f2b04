import { afterEach, describe, expect, it, vi } from 'vitest'
import { asCompleted, Future, InvalidStateError, wait } from '../src/index.js'
import {
  flushMicrotasks,
  futureIn,
  restoreLogger,
  type StateCase,
  spyLogger,
  thrownBy,
  watch,
} from './support.js'

afterEach(() => {
  restoreLogger()
})

function predicates(f: Future<unknown>) {
  return { running: f.running(), cancelled: f.cancelled(), done: f.done() }
}

describe('Future() (FutureTests.test_done, test_running, test_cancelled)', () => {
  it('CF-01 a new future is PENDING: not cancelled, not running, not done', () => {
    const f = new Future()
    expect(predicates(f)).toEqual({ running: false, cancelled: false, done: false })
  })

  it('CF-01 anyone may construct one and complete it, as a custom executor would', async () => {
    const f = new Future<string>()
    expect(f.setRunningOrNotifyCancel()).toBe(true)
    f.setResult('made by hand')
    await expect(f.result()).resolves.toBe('made by hand')
  })
})

describe('Future predicates in every state (FutureTests.test_done, test_running, test_cancelled)', () => {
  const table: { state: StateCase; running: boolean; cancelled: boolean; done: boolean }[] = [
    { state: 'PENDING', running: false, cancelled: false, done: false },
    { state: 'RUNNING', running: true, cancelled: false, done: false },
    { state: 'CANCELLED', running: false, cancelled: true, done: true },
    { state: 'CANCELLED_AND_NOTIFIED', running: false, cancelled: true, done: true },
    { state: 'FINISHED (result)', running: false, cancelled: false, done: true },
    { state: 'FINISHED (exception)', running: false, cancelled: false, done: true },
  ]

  it.each(table)(
    'CF-02 in $state: running() $running, cancelled() $cancelled, done() $done',
    ({ state, running, cancelled, done }) => {
      expect(predicates(futureIn(state))).toEqual({ running, cancelled, done })
    },
  )

  it('CF-02 CANCELLED and CANCELLED_AND_NOTIFIED answer alike; setRunningOrNotifyCancel tells them apart', () => {
    spyLogger()
    const cancelled = futureIn('CANCELLED')
    const notified = futureIn('CANCELLED_AND_NOTIFIED')
    expect(predicates(cancelled)).toEqual(predicates(notified))
    expect(cancelled.setRunningOrNotifyCancel()).toBe(false)
    expect(() => notified.setRunningOrNotifyCancel()).toThrow('Future in unexpected state')
  })
})

describe('Future.setRunningOrNotifyCancel on a PENDING future (no CPython test)', () => {
  it('CF-06 returns true and moves it to RUNNING; cancel() then returns false', () => {
    const f = new Future<number>()
    const callback = vi.fn()
    f.addDoneCallback(callback)
    expect(f.setRunningOrNotifyCancel()).toBe(true)
    expect(predicates(f)).toEqual({ running: true, cancelled: false, done: false })
    expect(f.cancel()).toBe(false)
    expect(predicates(f)).toEqual({ running: true, cancelled: false, done: false })
    expect(callback).not.toHaveBeenCalled()
  })
})

describe('Future.setRunningOrNotifyCancel on a cancelled future (no CPython test)', () => {
  it('CF-07 returns false and moves CANCELLED to CANCELLED_AND_NOTIFIED without running the callbacks again', () => {
    const logger = spyLogger()
    const f = new Future<number>()
    const callback = vi.fn()
    f.addDoneCallback(callback)
    f.cancel()
    expect(callback).toHaveBeenCalledTimes(1)
    expect(f.setRunningOrNotifyCancel()).toBe(false)
    expect(callback).toHaveBeenCalledTimes(1)
    expect(predicates(f)).toEqual({ running: false, cancelled: true, done: true })
    // Now CANCELLED_AND_NOTIFIED: a second notification is the CF-08 error.
    expect(() => f.setRunningOrNotifyCancel()).toThrow('Future in unexpected state')
    expect(logger.critical).toHaveBeenCalledWith(
      'Future <Future state=cancelled> in unexpected state: CANCELLED_AND_NOTIFIED',
    )
  })

  it('CF-07 wakes a wait() watching the future, which cancel() alone did not', async () => {
    const f = new Future<number>()
    const waiting = wait([f])
    const settled = watch(waiting)
    f.cancel()
    await flushMicrotasks()
    expect(settled).not.toHaveBeenCalled()
    f.setRunningOrNotifyCancel()
    const { done, notDone } = await waiting
    expect([...done]).toEqual([f])
    expect(notDone.size).toBe(0)
  })

  it('CF-07 wakes an asCompleted() watching the future', async () => {
    const f = new Future<number>()
    const iterator = asCompleted([f])
    const first = iterator.next()
    const settled = watch(first)
    f.cancel()
    await flushMicrotasks()
    expect(settled).not.toHaveBeenCalled()
    f.setRunningOrNotifyCancel()
    await expect(first).resolves.toEqual({ done: false, value: f })
  })
})

describe('Future.setRunningOrNotifyCancel in any other state (DESIGN: plain Error, critical log)', () => {
  const cases: { state: StateCase; label: string; repr: string }[] = [
    { state: 'RUNNING', label: 'RUNNING', repr: '<Future state=running>' },
    {
      state: 'FINISHED (result)',
      label: 'FINISHED',
      repr: '<Future state=finished returned number>',
    },
    {
      state: 'FINISHED (exception)',
      label: 'FINISHED',
      repr: '<Future state=finished raised Error>',
    },
    {
      state: 'CANCELLED_AND_NOTIFIED',
      label: 'CANCELLED_AND_NOTIFIED',
      repr: '<Future state=cancelled>',
    },
  ]

  it.each(cases)(
    "CF-08 in $state throws Error('Future in unexpected state') after a critical log, state unchanged",
    ({ state, label, repr }) => {
      const logger = spyLogger()
      const f = futureIn(state)
      const before = { ...predicates(f), text: f.toString() }
      const error = thrownBy(() => f.setRunningOrNotifyCancel())
      expect(error).toBeInstanceOf(Error)
      expect(Object.getPrototypeOf(error)).toBe(Error.prototype)
      expect(error).not.toBeInstanceOf(InvalidStateError)
      expect((error as Error).message).toBe('Future in unexpected state')
      expect(logger.critical).toHaveBeenCalledTimes(1)
      expect(logger.critical).toHaveBeenCalledWith(`Future ${repr} in unexpected state: ${label}`)
      expect(logger.error).not.toHaveBeenCalled()
      expect({ ...predicates(f), text: f.toString() }).toEqual(before)
    },
  )

  it('CF-08 a RUNNING future that hit the error still completes normally', async () => {
    spyLogger()
    const f = futureIn('RUNNING')
    expect(() => f.setRunningOrNotifyCancel()).toThrow('Future in unexpected state')
    f.setResult(7)
    await expect(f.result()).resolves.toBe(7)
  })
})

describe('Future.setResult from PENDING (FutureTests.test_multiple_set_result)', () => {
  it('CF-09 setResult moves a PENDING future straight to FINISHED', async () => {
    const f = new Future<number>()
    f.setResult(1)
    expect(predicates(f)).toEqual({ running: false, cancelled: false, done: true })
    expect(f.resultNow()).toBe(1)
    await expect(f.result()).resolves.toBe(1)
  })

  it('CF-09 setException moves a PENDING future straight to FINISHED', async () => {
    const f = new Future<number>()
    const error = new RangeError('bad')
    f.setException(error)
    expect(predicates(f)).toEqual({ running: false, cancelled: false, done: true })
    expect(f.exceptionNow()).toBe(error)
    await expect(f.result()).rejects.toBe(error)
  })
})
