import { describe, expect, it } from 'vitest'
import { CancelledError, InvalidStateError, TimeoutError } from '../src/index.js'

describe('shared errors', () => {
  it('set name to the class name and keep cause', () => {
    const cause = new Error('root')
    for (const [Ctor, name] of [
      [CancelledError, 'CancelledError'],
      [InvalidStateError, 'InvalidStateError'],
      [TimeoutError, 'TimeoutError'],
    ] as const) {
      const error = new Ctor('m', { cause })
      expect(error.name).toBe(name)
      expect(error.cause).toBe(cause)
      expect(error).toBeInstanceOf(Error)
      expect(String(error)).toBe(`${name}: m`)
    }
  })

  it("CancelledError's message defaults to ''", () => {
    expect(new CancelledError().message).toBe('')
  })

  it('answer instanceof by brand, for errors made by another copy of core', () => {
    const foreign = Object.create(
      Object.assign(Object.create(Error.prototype), {
        [Symbol.for('@futures/core/CancelledError')]: true,
      }),
    )
    expect(foreign instanceof CancelledError).toBe(true)
    expect(foreign instanceof TimeoutError).toBe(false)
    expect(new Error('x') instanceof CancelledError).toBe(false)
  })

  it('do not let a subclass match by the base brand', () => {
    class Sub extends CancelledError {}
    expect(new CancelledError() instanceof Sub).toBe(false)
    expect(new Sub() instanceof CancelledError).toBe(true)
  })
})
