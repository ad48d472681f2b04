import {
  CancelledError as CoreCancelledError,
  InvalidStateError as CoreInvalidStateError,
  TimeoutError as CoreTimeoutError,
} from '@futures/core'
import { describe, expect, it } from 'vitest'
import { CancelledError, Future, InvalidStateError, TimeoutError } from '../src/index.js'
import { futureIn, thrownBy } from './support.js'

describe('Error classes (FutureTests.test_class_str)', () => {
  it('CF-29 the errors concurrent exports are the shared classes of @futures/core', () => {
    expect(CancelledError).toBe(CoreCancelledError)
    expect(InvalidStateError).toBe(CoreInvalidStateError)
    expect(TimeoutError).toBe(CoreTimeoutError)
  })

  it('CF-29 each sets name to its class name and derives from Error', () => {
    for (const [Ctor, name] of [
      [CancelledError, 'CancelledError'],
      [InvalidStateError, 'InvalidStateError'],
      [TimeoutError, 'TimeoutError'],
    ] as const) {
      const error = new Ctor()
      expect(error).toBeInstanceOf(Error)
      expect(error.name).toBe(name)
    }
  })

  it("CF-29 CancelledError() has an empty message, as CPython's", () => {
    expect(new CancelledError().message).toBe('')
    expect(String(new CancelledError())).toBe('CancelledError')
  })

  it('CF-29 the three classes are distinct', () => {
    expect(new CancelledError()).not.toBeInstanceOf(InvalidStateError)
    expect(new CancelledError()).not.toBeInstanceOf(TimeoutError)
    expect(new InvalidStateError()).not.toBeInstanceOf(CancelledError)
    expect(new TimeoutError()).not.toBeInstanceOf(CancelledError)
  })

  it('CF-29 the core CancelledError catches a concurrent cancellation from result() and exception()', async () => {
    const f = new Future<number>()
    const reading = f.result()
    f.cancel()
    await expect(reading).rejects.toBeInstanceOf(CoreCancelledError)
    await expect(f.result()).rejects.toBeInstanceOf(CoreCancelledError)
    await expect(f.exception()).rejects.toBeInstanceOf(CoreCancelledError)
  })

  it('CF-29 the core CancelledError catches a concurrent cancellation from resultNow() and exceptionNow()', () => {
    const f = futureIn('CANCELLED_AND_NOTIFIED')
    expect(() => f.resultNow()).toThrow(CoreCancelledError)
    expect(() => f.exceptionNow()).toThrow(CoreCancelledError)
  })

  it('CF-29 an `instanceof CancelledError` guard in user code sees the concurrent cancellation', async () => {
    const f = new Future<number>()
    f.cancel()
    const outcome = await f.result().then(
      () => 'value',
      (error: unknown) => (error instanceof CoreCancelledError ? 'cancelled' : 'other'),
    )
    expect(outcome).toBe('cancelled')
  })

  it('CF-29 the core InvalidStateError and TimeoutError catch the concurrent ones', async () => {
    const f = futureIn('FINISHED (result)')
    expect(thrownBy(() => f.setResult(1))).toBeInstanceOf(CoreInvalidStateError)
    const pending = new Future<number>()
    expect(thrownBy(() => pending.resultNow())).toBeInstanceOf(CoreInvalidStateError)
    await expect(pending.result(0)).rejects.toBeInstanceOf(CoreTimeoutError)
  })
})
