import { describe, expect, it, vi } from 'vitest'
import { CancelledError, Future, InvalidStateError } from '../src/index.js'
import { futureIn, RESULT, type StateCase, thrownBy } from './support.js'

type Setter = 'setResult' | 'setException'

function callSetter(f: Future<number>, setter: Setter): void {
  if (setter === 'setResult') f.setResult(2)
  else f.setException(new Error('second'))
}

describe('Setting a finished future (FutureTests.test_multiple_set_result, test_multiple_set_exception)', () => {
  const cases: { state: StateCase; setter: Setter; message: string }[] = [
    {
      state: 'FINISHED (result)',
      setter: 'setResult',
      message: 'FINISHED: <Future state=finished returned number>',
    },
    {
      state: 'FINISHED (result)',
      setter: 'setException',
      message: 'FINISHED: <Future state=finished returned number>',
    },
    {
      state: 'FINISHED (exception)',
      setter: 'setResult',
      message: 'FINISHED: <Future state=finished raised TypeError>',
    },
    {
      state: 'FINISHED (exception)',
      setter: 'setException',
      message: 'FINISHED: <Future state=finished raised TypeError>',
    },
  ]

  it.each(cases)(
    'CF-11 $setter on $state throws InvalidStateError($message)',
    ({ state, setter, message }) => {
      const f = futureIn(state, new TypeError('first'))
      const error = thrownBy(() => callSetter(f, setter))
      expect(error).toBeInstanceOf(InvalidStateError)
      expect((error as InvalidStateError).name).toBe('InvalidStateError')
      expect((error as InvalidStateError).message).toBe(message)
      expect((error as InvalidStateError).message).toMatch(/^FINISHED: <Future .*state=finished/)
    },
  )

  it('CF-11 the stored result is unchanged after a second setResult / setException', async () => {
    const f = futureIn('FINISHED (result)')
    expect(() => f.setResult(2)).toThrow(InvalidStateError)
    expect(() => f.setException(new Error('no'))).toThrow(InvalidStateError)
    expect(f.resultNow()).toBe(RESULT)
    await expect(f.result()).resolves.toBe(RESULT)
    await expect(f.exception()).resolves.toBeUndefined()
  })

  it('CF-11 the stored exception is unchanged: still the very same object', async () => {
    const first = new TypeError('first')
    const f = futureIn('FINISHED (exception)', first)
    expect(() => f.setException(new Error('second'))).toThrow(InvalidStateError)
    expect(() => f.setResult(2)).toThrow(InvalidStateError)
    expect(f.exceptionNow()).toBe(first)
    await expect(f.exception()).resolves.toBe(first)
    await expect(f.result()).rejects.toBe(first)
  })

  it('CF-11 a refused set runs no callback again', () => {
    const f = new Future<number>()
    const callback = vi.fn()
    f.addDoneCallback(callback)
    f.setResult(1)
    expect(() => f.setResult(2)).toThrow(InvalidStateError)
    expect(callback).toHaveBeenCalledTimes(1)
  })
})

describe('Setting a cancelled future (no CPython test; asyncio SetMethodsTest.test_set_result_causes_invalid_state)', () => {
  const cases: { state: StateCase; setter: Setter; message: string }[] = [
    { state: 'CANCELLED', setter: 'setResult', message: 'CANCELLED: <Future state=cancelled>' },
    { state: 'CANCELLED', setter: 'setException', message: 'CANCELLED: <Future state=cancelled>' },
    {
      state: 'CANCELLED_AND_NOTIFIED',
      setter: 'setResult',
      message: 'CANCELLED_AND_NOTIFIED: <Future state=cancelled>',
    },
    {
      state: 'CANCELLED_AND_NOTIFIED',
      setter: 'setException',
      message: 'CANCELLED_AND_NOTIFIED: <Future state=cancelled>',
    },
  ]

  it.each(cases)(
    'CF-12 $setter on $state throws InvalidStateError($message); the future stays cancelled',
    async ({ state, setter, message }) => {
      const f = futureIn(state)
      const error = thrownBy(() => callSetter(f, setter))
      expect(error).toBeInstanceOf(InvalidStateError)
      expect((error as InvalidStateError).message).toBe(message)
      expect(f.cancelled()).toBe(true)
      await expect(f.result()).rejects.toBeInstanceOf(CancelledError)
    },
  )
})

describe('Failures that look like successes in CPython 3.11 (DESIGN: a failed future stays failed; ExecutorTest.test_swallows_falsey_exceptions)', () => {
  const falsy: { label: string; value: unknown; type: string }[] = [
    { label: 'undefined', value: undefined, type: 'undefined' },
    { label: 'null', value: null, type: 'null' },
    { label: '0', value: 0, type: 'number' },
    { label: "''", value: '', type: 'string' },
    { label: 'false', value: false, type: 'boolean' },
  ]

  it.each(falsy)(
    'CF-26 setException($label): result() rejects with exactly it, exception() resolves with it',
    async ({ value, type }) => {
      const f = new Future<number>()
      f.setException(value)
      expect(f.done()).toBe(true)
      expect(f.cancelled()).toBe(false)
      await expect(f.result()).rejects.toBe(value)
      await expect(f.exception()).resolves.toBe(value)
      expect(thrownBy(() => f.resultNow())).toBe(value)
      expect(f.exceptionNow()).toBe(value)
      expect(f.toString()).toBe(`<Future state=finished raised ${type}>`)
    },
  )

  it('CF-26 an Error object that converts to a falsy primitive still fails the future', async () => {
    const sneaky = Object.assign(new Error('hidden'), { valueOf: () => 0, toString: () => '' })
    const f = new Future<number>()
    f.setException(sneaky)
    await expect(f.result()).rejects.toBe(sneaky)
    await expect(f.exception()).resolves.toBe(sneaky)
  })

  it('CF-26 setException(undefined) from RUNNING wakes a reader with a rejection, not a result', async () => {
    const f = futureIn('RUNNING')
    const reading = f.result()
    f.setException(undefined)
    await expect(reading).rejects.toBeUndefined()
  })
})

describe('An exception class instead of an instance (DESIGN: stored and rethrown exactly as given)', () => {
  it('CF-27 setException(RangeError) keeps the class: exception() gives it, result() rejects with it (no instance is made)', async () => {
    const f = new Future<number>()
    f.setException(RangeError)
    await expect(f.exception()).resolves.toBe(RangeError)
    await expect(f.result()).rejects.toBe(RangeError)
    expect(thrownBy(() => f.resultNow())).toBe(RangeError)
    expect(f.exceptionNow()).toBe(RangeError)
  })
})
