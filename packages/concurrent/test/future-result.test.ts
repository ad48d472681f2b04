import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CancelledError, Future, InvalidStateError, TimeoutError } from '../src/index.js'
import {
  flushMicrotasks,
  futureIn,
  ManualClock,
  RESULT,
  type StateCase,
  thrownBy,
  watch,
} from './support.js'

afterEach(() => {
  vi.useRealTimers()
})

/** `undefined` (forever), 0, a positive and a negative timeout. */
const timeouts = [undefined, 0, 50, -1] as const

describe('Reading a successful future (FutureTests.test_result_with_timeout, test_exception_with_timeout)', () => {
  it.each(timeouts)(
    'CF-13 result(%s) resolves with the value and exception(%s) with undefined',
    async (timeout) => {
      const f = futureIn('FINISHED (result)')
      await expect(f.result(timeout)).resolves.toBe(RESULT)
      await expect(f.exception(timeout)).resolves.toBeUndefined()
    },
  )

  it('CF-13 the promises settle at once: no timer is needed', async () => {
    vi.useFakeTimers()
    const f = futureIn('FINISHED (result)')
    const result = watch(f.result(50))
    const exception = watch(f.exception(50))
    expect(vi.getTimerCount()).toBe(0)
    await Promise.resolve()
    expect(result).toHaveBeenCalledWith('fulfilled', RESULT)
    expect(exception).toHaveBeenCalledWith('fulfilled', undefined)
  })
})

describe('Reading a failed future (FutureTests.test_result_with_timeout, test_exception_with_timeout)', () => {
  it.each(timeouts)(
    'CF-14 result(%s) rejects with the stored object itself; exception(%s) resolves with it',
    async (timeout) => {
      const error = new Error('boom')
      const f = futureIn('FINISHED (exception)', error)
      await expect(f.result(timeout)).rejects.toBe(error)
      await expect(f.exception(timeout)).resolves.toBe(error)
    },
  )
})

describe('Reading a cancelled future (FutureTests.test_result_with_timeout, test_exception_with_timeout)', () => {
  const cases: { state: StateCase; timeout: number | undefined }[] = []
  for (const state of ['CANCELLED', 'CANCELLED_AND_NOTIFIED'] as const) {
    for (const timeout of timeouts) cases.push({ state, timeout })
  }

  it.each(cases)(
    "CF-15 on $state, result($timeout) and exception($timeout) reject with CancelledError('')",
    async ({ state, timeout }) => {
      const f = futureIn(state)
      const fromResult = await f.result(timeout).then(
        () => 'resolved',
        (reason: unknown) => reason,
      )
      const fromException = await f.exception(timeout).then(
        () => 'resolved',
        (reason: unknown) => reason,
      )
      for (const reason of [fromResult, fromException]) {
        expect(reason).toBeInstanceOf(CancelledError)
        expect((reason as CancelledError).message).toBe('')
        expect((reason as CancelledError).name).toBe('CancelledError')
      }
    },
  )
})

describe('Timeouts on a future that is not done (FutureTests.test_result_with_timeout, test_exception_with_timeout)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  const notDone = ['PENDING', 'RUNNING'] as const

  describe.each(notDone)('on a %s future', (state) => {
    it.each([0, -1])(
      `CF-16 ${state}: result(%s) rejects with TimeoutError('') at once, without a timer`,
      async (timeout) => {
        const f = futureIn(state)
        const reading = f.result(timeout)
        expect(vi.getTimerCount()).toBe(0)
        const reason = await reading.then(
          () => 'resolved',
          (r: unknown) => r,
        )
        expect(reason).toBeInstanceOf(TimeoutError)
        expect((reason as TimeoutError).message).toBe('')
        expect((reason as TimeoutError).name).toBe('TimeoutError')
      },
    )

    it.each([0, -1])(
      `CF-16 ${state}: exception(%s) rejects with TimeoutError at once`,
      async (timeout) => {
        const f = futureIn(state)
        await expect(f.exception(timeout)).rejects.toBeInstanceOf(TimeoutError)
      },
    )

    it(`CF-16 ${state}: result(50) rejects with TimeoutError after 50 ms, not before`, async () => {
      const f = futureIn(state)
      const reading = f.result(50)
      const settled = watch(reading)
      await vi.advanceTimersByTimeAsync(49)
      expect(settled).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(1)
      expect(settled).toHaveBeenCalledTimes(1)
      await expect(reading).rejects.toThrow(new TimeoutError(''))
      expect(vi.getTimerCount()).toBe(0)
    })

    it(`CF-16 ${state}: exception(50) rejects with TimeoutError after 50 ms, not before`, async () => {
      const f = futureIn(state)
      const reading = f.exception(50)
      const settled = watch(reading)
      await vi.advanceTimersByTimeAsync(49)
      expect(settled).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(1)
      await expect(reading).rejects.toBeInstanceOf(TimeoutError)
    })
  })
})

describe('Timeouts through the clock seam (FutureTests.test_result_with_timeout, test_result_with_success)', () => {
  const clock = new ManualClock()
  let restoreClock: (() => void) | undefined

  beforeEach(() => {
    restoreClock = clock.install()
  })

  afterEach(() => {
    restoreClock?.()
    restoreClock = undefined
  })

  it('CF-16 the timer of result(50) is taken from the Clock given to setClock', async () => {
    const f = new Future<number>()
    const reading = f.result(50)
    const settled = watch(reading)
    expect(clock.delays).toEqual([50])
    clock.advance(49)
    await flushMicrotasks()
    expect(settled).not.toHaveBeenCalled()
    clock.advance(1)
    await expect(reading).rejects.toBeInstanceOf(TimeoutError)
    expect(clock.pendingTimers).toBe(0)
  })

  it('CF-17 a reader woken by setResult clears its timer on that Clock', async () => {
    const f = new Future<number>()
    const reading = f.result(2_000)
    clock.advance(50)
    f.setResult(9)
    await expect(reading).resolves.toBe(9)
    expect(clock.pendingTimers).toBe(0)
  })
})

describe('A waiting reader wakes on completion (FutureTests.test_result_with_success, test_result_with_cancel, test_exception_with_success)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  it.each(['PENDING', 'RUNNING'] as const)(
    'CF-17 result(2000) on %s resolves when setResult comes 50 ms later, and its timer is cleared',
    async (state) => {
      const f = futureIn(state)
      const reading = f.result(2_000)
      await vi.advanceTimersByTimeAsync(50)
      f.setResult(7)
      await expect(reading).resolves.toBe(7)
      expect(vi.getTimerCount()).toBe(0)
    },
  )

  it('CF-17 result(2000) rejects with the exception when setException comes during the wait', async () => {
    const f = futureIn('RUNNING')
    const error = new Error('late failure')
    const reading = f.result(2_000)
    await vi.advanceTimersByTimeAsync(50)
    f.setException(error)
    await expect(reading).rejects.toBe(error)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('CF-17 result(2000) rejects with CancelledError when cancel() comes during the wait', async () => {
    const f = new Future<number>()
    const reading = f.result(2_000)
    await vi.advanceTimersByTimeAsync(50)
    expect(f.cancel()).toBe(true)
    await expect(reading).rejects.toBeInstanceOf(CancelledError)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('CF-17 exception(2000) resolves with the exception set during the wait', async () => {
    const f = new Future<number>()
    const error = new RangeError('k')
    const reading = f.exception(2_000)
    await vi.advanceTimersByTimeAsync(50)
    f.setException(error)
    await expect(reading).resolves.toBe(error)
  })

  it('CF-17 exception(2000) resolves with undefined when setResult comes during the wait', async () => {
    const f = new Future<number>()
    const reading = f.exception(2_000)
    await vi.advanceTimersByTimeAsync(50)
    f.setResult(1)
    await expect(reading).resolves.toBeUndefined()
  })

  it('CF-17 exception(2000) rejects with CancelledError when cancel() comes during the wait', async () => {
    const f = new Future<number>()
    const reading = f.exception(2_000)
    await vi.advanceTimersByTimeAsync(50)
    f.cancel()
    await expect(reading).rejects.toBeInstanceOf(CancelledError)
  })

  it('CF-17 every waiting reader wakes, with and without timeouts', async () => {
    const f = new Future<string>()
    const readers = [f.result(), f.result(100), f.exception(), f.exception(100)]
    f.setResult('all')
    await expect(Promise.all(readers)).resolves.toEqual(['all', 'all', undefined, undefined])
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('No timeout waits for ever (FutureTests.test_result_with_success)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  it.each([undefined, Number.POSITIVE_INFINITY])(
    'CF-18 result(%s) schedules no timer and is still waiting an hour later, then resolves',
    async (timeout) => {
      const f = new Future<string>()
      const reading = f.result(timeout)
      const settled = watch(reading)
      expect(vi.getTimerCount()).toBe(0)
      await vi.advanceTimersByTimeAsync(3_600_000)
      expect(settled).not.toHaveBeenCalled()
      f.setResult('after an hour')
      await expect(reading).resolves.toBe('after an hour')
    },
  )

  it('CF-18 exception() with no timeout waits until the future fails', async () => {
    const f = new Future<string>()
    const reading = f.exception()
    const settled = watch(reading)
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(settled).not.toHaveBeenCalled()
    const error = new Error('eventually')
    f.setException(error)
    await expect(reading).resolves.toBe(error)
  })
})

describe('A reader that timed out changes nothing (no CPython test)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  it.each(['PENDING', 'RUNNING'] as const)(
    'CF-19 after result(10) times out, a %s future is unchanged and can still complete',
    async (state) => {
      const f = futureIn(state)
      const patient = f.result()
      const impatient = f.result(10)
      watch(impatient)
      await vi.advanceTimersByTimeAsync(10)
      await expect(impatient).rejects.toBeInstanceOf(TimeoutError)
      expect({ running: f.running(), cancelled: f.cancelled(), done: f.done() }).toEqual({
        running: state === 'RUNNING',
        cancelled: false,
        done: false,
      })
      f.setResult(3)
      await expect(patient).resolves.toBe(3)
      await expect(f.result(0)).resolves.toBe(3)
    },
  )

  it('CF-19 a timeout never cancels: cancel() still works on the PENDING future afterwards', async () => {
    const f = new Future<number>()
    await Promise.all([
      expect(f.result(10)).rejects.toBeInstanceOf(TimeoutError),
      vi.advanceTimersByTimeAsync(10),
    ])
    expect(f.cancelled()).toBe(false)
    expect(f.cancel()).toBe(true)
  })
})

describe('The same exception every time (FutureTests.test_multiple_set_exception)', () => {
  it('CF-31 result(), exception(), resultNow() and exceptionNow() all give the very same object', async () => {
    const error = new Error('once')
    const f = futureIn('FINISHED (exception)', error)
    await expect(f.result()).rejects.toBe(error)
    await expect(f.result()).rejects.toBe(error)
    await expect(f.exception()).resolves.toBe(error)
    await expect(f.exception()).resolves.toBe(error)
    expect(thrownBy(() => f.resultNow())).toBe(error)
    expect(thrownBy(() => f.resultNow())).toBe(error)
    expect(f.exceptionNow()).toBe(error)
  })
})

describe('undefined is a normal result (no CPython test)', () => {
  it('CF-32 setResult(undefined) is a success: result() and exception() both give undefined', async () => {
    const f = new Future<undefined>()
    f.setResult(undefined)
    expect({ running: f.running(), cancelled: f.cancelled(), done: f.done() }).toEqual({
      running: false,
      cancelled: false,
      done: true,
    })
    await expect(f.result()).resolves.toBeUndefined()
    await expect(f.exception()).resolves.toBeUndefined()
    expect(f.resultNow()).toBeUndefined()
    expect(f.exceptionNow()).toBeUndefined()
    expect(f.toString()).toBe('<Future state=finished returned undefined>')
  })

  it('CF-32 unlike setException(undefined), which rejects result() with undefined', async () => {
    const f = new Future<undefined>()
    f.setException(undefined)
    await expect(f.result()).rejects.toBeUndefined()
  })
})

describe('Synchronous reads of a done future (DESIGN: resultNow / exceptionNow)', () => {
  it('CF-35 inside the callback of a successful future: resultNow() is the value, exceptionNow() undefined', () => {
    expect.assertions(2)
    const f = new Future<number>()
    f.addDoneCallback((g) => {
      expect(g.resultNow()).toBe(RESULT)
      expect(g.exceptionNow()).toBeUndefined()
    })
    f.setResult(RESULT)
  })

  it('CF-35 inside the callback of a failed future: resultNow() throws the stored object, exceptionNow() returns it', () => {
    expect.assertions(2)
    const f = new Future<number>()
    const error = new Error('k')
    f.addDoneCallback((g) => {
      expect(thrownBy(() => g.resultNow())).toBe(error)
      expect(g.exceptionNow()).toBe(error)
    })
    f.setException(error)
  })

  it('CF-35 inside the callback run by cancel(): both throw CancelledError', () => {
    expect.assertions(4)
    const f = new Future<number>()
    f.addDoneCallback((g) => {
      const fromResult = thrownBy(() => g.resultNow())
      const fromException = thrownBy(() => g.exceptionNow())
      expect(fromResult).toBeInstanceOf(CancelledError)
      expect(fromException).toBeInstanceOf(CancelledError)
      expect((fromResult as CancelledError).message).toBe('')
      expect((fromException as CancelledError).message).toBe('')
    })
    f.cancel()
  })

  it('CF-35 inside a callback added to a CANCELLED_AND_NOTIFIED future: both throw CancelledError', () => {
    expect.assertions(2)
    const f = futureIn('CANCELLED_AND_NOTIFIED')
    f.addDoneCallback((g) => {
      expect(() => g.resultNow()).toThrow(CancelledError)
      expect(() => g.exceptionNow()).toThrow(CancelledError)
    })
  })

  it.each(['PENDING', 'RUNNING'] as const)(
    'CF-35 on a %s future both throw InvalidStateError (CPython result(0) would time out)',
    (state) => {
      const f = futureIn(state)
      const fromResult = thrownBy(() => f.resultNow())
      const fromException = thrownBy(() => f.exceptionNow())
      expect(fromResult).toBeInstanceOf(InvalidStateError)
      expect(fromException).toBeInstanceOf(InvalidStateError)
      expect(fromResult).not.toBeInstanceOf(TimeoutError)
      expect((fromResult as Error).message).toContain(`state=${state.toLowerCase()}`)
      // A read that fails changes nothing.
      expect(f.done()).toBe(false)
      expect(f.running()).toBe(state === 'RUNNING')
    },
  )

  it('CF-35 after waiting with result(), the synchronous reads agree with it', async () => {
    const f = new Future<string>()
    const reading = f.result()
    f.setResult('v')
    await expect(reading).resolves.toBe('v')
    expect(f.resultNow()).toBe('v')
    expect(f.exceptionNow()).toBeUndefined()
  })
})
