import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CancelledError, Future } from '../src/index.js'
import {
  futureIn,
  RESULT,
  restoreLogger,
  type SpyLogger,
  type StateCase,
  spyLogger,
} from './support.js'

let logger: SpyLogger

beforeEach(() => {
  logger = spyLogger()
})

afterEach(() => {
  restoreLogger()
})

describe('Done callbacks at completion (FutureTests.test_done_callback_with_result, test_done_callback_with_exception)', () => {
  it('CF-10 setResult runs every callback synchronously, in order added, before it returns', () => {
    const f = new Future<number>()
    f.setRunningOrNotifyCancel()
    const log: unknown[] = []
    f.addDoneCallback((...args) => log.push(['first', args.length, args[0] === f, f.resultNow()]))
    f.addDoneCallback(() => log.push('second'))
    f.addDoneCallback(() => log.push('third'))
    f.setResult(42)
    log.push('after setResult returned')
    expect(log).toEqual([['first', 1, true, 42], 'second', 'third', 'after setResult returned'])
  })

  it('CF-10 the same function added twice runs twice', () => {
    const f = new Future<number>()
    const callback = vi.fn()
    f.addDoneCallback(callback)
    f.addDoneCallback(callback)
    f.setResult(1)
    expect(callback).toHaveBeenCalledTimes(2)
    expect(callback).toHaveBeenNthCalledWith(1, f)
    expect(callback).toHaveBeenNthCalledWith(2, f)
  })

  it('CF-10 setException runs the callbacks, which see the exception', () => {
    const f = new Future<number>()
    const error = new TypeError('bad input')
    const seen: unknown[] = []
    f.addDoneCallback((g) => seen.push(['cb sees', g.done(), g.exceptionNow()]))
    f.addDoneCallback((g) => seen.push(['then', g === f]))
    f.setException(error)
    seen.push('after setException returned')
    expect(seen).toEqual([['cb sees', true, error], ['then', true], 'after setException returned'])
  })

  it('CF-10 the callbacks run once only; a later callback list starts empty', () => {
    const f = new Future<number>()
    const callback = vi.fn()
    f.addDoneCallback(callback)
    f.setResult(1)
    expect(() => f.setResult(2)).toThrow()
    expect(f.cancel()).toBe(false)
    expect(callback).toHaveBeenCalledTimes(1)
  })

  it('CF-10 a reader waiting on result() is woken by setResult', async () => {
    const f = new Future<string>()
    const reader = f.result()
    f.setResult('woken')
    await expect(reader).resolves.toBe('woken')
  })
})

describe('Done callbacks on a done future (FutureTests.test_done_callback_already_successful, test_done_callback_already_failed, test_done_callback_already_cancelled)', () => {
  const doneStates: { state: StateCase }[] = [
    { state: 'FINISHED (result)' },
    { state: 'FINISHED (exception)' },
    { state: 'CANCELLED' },
    { state: 'CANCELLED_AND_NOTIFIED' },
  ]

  it.each(doneStates)(
    'CF-21 addDoneCallback on $state calls fn(future) at once, before it returns',
    ({ state }) => {
      const f = futureIn(state)
      const log: unknown[] = []
      f.addDoneCallback((...args) => log.push(['ran', args.length, args[0] === f]))
      log.push('addDoneCallback returned')
      expect(log).toEqual([['ran', 1, true], 'addDoneCallback returned'])
    },
  )
})

describe('A callback that throws (FutureTests.test_done_callback_raises, test_done_callback_raises_already_succeeded)', () => {
  it('CF-22 is reported at ERROR and the callbacks after it still run; setResult returns normally', () => {
    const f = new Future<number>()
    const error = new Error('callback failed')
    const ran: string[] = []
    f.addDoneCallback(() => {
      ran.push('bad')
      throw error
    })
    f.addDoneCallback(() => ran.push('after bad'))
    expect(() => f.setResult(7)).not.toThrow()
    expect(ran).toEqual(['bad', 'after bad'])
    expect(logger.error).toHaveBeenCalledTimes(1)
    expect(logger.error).toHaveBeenCalledWith(
      'exception calling callback for <Future state=finished returned number>',
      error,
    )
    expect(f.resultNow()).toBe(7)
  })

  it('CF-22 every throwing callback is reported, in order', () => {
    const f = new Future<number>()
    const first = new Error('one')
    const second = new RangeError('two')
    f.addDoneCallback(() => {
      throw first
    })
    f.addDoneCallback(() => {
      throw second
    })
    const last = vi.fn()
    f.addDoneCallback(last)
    f.setException(new Error('task'))
    expect(last).toHaveBeenCalledTimes(1)
    expect(logger.error.mock.calls).toEqual([
      ['exception calling callback for <Future state=finished raised Error>', first],
      ['exception calling callback for <Future state=finished raised Error>', second],
    ])
  })

  it('CF-22 a throwing callback at cancel() is reported; cancel() returns true', () => {
    const f = new Future<number>()
    const error = new Error('on cancel')
    f.addDoneCallback(() => {
      throw error
    })
    const after = vi.fn()
    f.addDoneCallback(after)
    expect(f.cancel()).toBe(true)
    expect(after).toHaveBeenCalledTimes(1)
    expect(logger.error).toHaveBeenCalledWith(
      'exception calling callback for <Future state=cancelled>',
      error,
    )
  })

  it('CF-22 a throwing callback added to a done future: addDoneCallback does not throw, the error is reported', () => {
    const f = futureIn('FINISHED (result)')
    const error = new Error('late callback failed')
    expect(() =>
      f.addDoneCallback(() => {
        throw error
      }),
    ).not.toThrow()
    expect(logger.error).toHaveBeenCalledTimes(1)
    expect(logger.error).toHaveBeenCalledWith(
      'exception calling callback for <Future state=finished returned number>',
      error,
    )
  })
})

describe('A callback that throws what is not an Error (DESIGN: no BaseException in JavaScript)', () => {
  class SystemExit {
    constructor(readonly code: number) {}
  }

  const oddThrows: { label: string; value: unknown }[] = [
    { label: 'a non-Error object (SystemExit-like)', value: new SystemExit(3) },
    { label: 'undefined', value: undefined },
    { label: 'a string', value: 'exit' },
  ]

  it.each(oddThrows)(
    'CF-23 throwing $label is reported, the remaining callbacks run, setResult returns, the future is FINISHED',
    ({ value }) => {
      const f = new Future<number>()
      const later = vi.fn()
      f.addDoneCallback(() => {
        throw value
      })
      f.addDoneCallback(later)
      expect(() => f.setResult(1)).not.toThrow()
      expect(later).toHaveBeenCalledTimes(1)
      expect(f.done()).toBe(true)
      expect(f.resultNow()).toBe(1)
      expect(logger.error).toHaveBeenCalledTimes(1)
      expect(logger.error.mock.calls[0]?.[1]).toBe(value)
    },
  )
})

describe('A callback added while callbacks run (no CPython test)', () => {
  it('CF-24 runs at once, inside the nested addDoneCallback, before the outer callback continues', () => {
    const f = new Future<number>()
    const log: string[] = []
    f.addDoneCallback((g) => {
      log.push('outer')
      g.addDoneCallback(() => log.push('inner (added while running callbacks)'))
      log.push('outer done')
    })
    f.addDoneCallback(() => log.push('second registered'))
    f.setResult(1)
    expect(log).toEqual([
      'outer',
      'inner (added while running callbacks)',
      'outer done',
      'second registered',
    ])
  })

  it('CF-24 the same holds for callbacks run by cancel()', () => {
    const f = new Future<number>()
    const log: string[] = []
    f.addDoneCallback((g) => {
      log.push('outer')
      g.addDoneCallback((h) => log.push(`inner cancelled=${h.cancelled()}`))
      log.push('outer done')
    })
    f.cancel()
    expect(log).toEqual(['outer', 'inner cancelled=true', 'outer done'])
  })
})

describe('No way to remove a callback (no CPython test)', () => {
  it('CF-25 a concurrent Future has no removeDoneCallback', () => {
    const f = new Future<number>()
    expect('removeDoneCallback' in f).toBe(false)
    expect('remove_done_callback' in f).toBe(false)
  })
})

describe('Callbacks see the final state (FutureTests.test_done_callback_with_result)', () => {
  it('CF-30 after setResult: done, not running, result readable without waiting', async () => {
    expect.assertions(5)
    const f = new Future<number>()
    f.setRunningOrNotifyCancel()
    let quick: Promise<number> | undefined
    f.addDoneCallback((g) => {
      expect(g.done()).toBe(true)
      expect(g.running()).toBe(false)
      expect(g.resultNow()).toBe(RESULT)
      // CPython's result(0) inside the callback: it must not time out.
      quick = g.result(0)
      // And the state cannot move any more.
      expect(g.cancel()).toBe(false)
    })
    f.setResult(RESULT)
    await expect(quick).resolves.toBe(RESULT)
  })

  it('CF-30 after setException: the exception is readable without waiting', async () => {
    expect.assertions(3)
    const f = new Future<number>()
    const error = new Error('x')
    let quick: Promise<unknown> | undefined
    f.addDoneCallback((g) => {
      expect(g.done()).toBe(true)
      expect(g.exceptionNow()).toBe(error)
      quick = g.exception(0)
    })
    f.setException(error)
    await expect(quick).resolves.toBe(error)
  })

  it('CF-30 after cancel(): already cancelled, result(0) rejects with CancelledError, not TimeoutError', async () => {
    expect.assertions(3)
    const f = new Future<number>()
    let quick: Promise<number> | undefined
    f.addDoneCallback((g) => {
      expect(g.cancelled()).toBe(true)
      expect(g.done()).toBe(true)
      quick = g.result(0)
    })
    f.cancel()
    await expect(quick).rejects.toBeInstanceOf(CancelledError)
  })
})

describe('Bad input to the Future (DESIGN: a clear error at the call)', () => {
  it('addDoneCallback throws TypeError for a non-function, and nothing is added', () => {
    const f = new Future<number>()
    expect(() => f.addDoneCallback(42 as unknown as () => void)).toThrow(TypeError)
    expect(() => f.addDoneCallback(42 as unknown as () => void)).toThrow(
      'addDoneCallback expects a function, got number',
    )
    f.setResult(1)
    expect(logger.error).not.toHaveBeenCalled()
  })

  it('result() and exception() throw at the call for a timeout that is not a number, or NaN', () => {
    const f = new Future<number>()
    expect(() => f.result('5' as unknown as number)).toThrow(TypeError)
    expect(() => f.exception(Number.NaN)).toThrow(RangeError)
  })
})
