import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { Future } from '../src/index.js'
import { futureIn, type StateCase } from './support.js'

class OSError extends Error {
  static {
    OSError.prototype.name = 'OSError'
  }
}

describe('Future repr (FutureTests.test_repr)', () => {
  const cases: { state: StateCase; repr: string }[] = [
    { state: 'PENDING', repr: '<Future state=pending>' },
    { state: 'RUNNING', repr: '<Future state=running>' },
    { state: 'CANCELLED', repr: '<Future state=cancelled>' },
    { state: 'CANCELLED_AND_NOTIFIED', repr: '<Future state=cancelled>' },
    { state: 'FINISHED (result)', repr: '<Future state=finished returned number>' },
  ]

  it.each(cases)('CF-28 in $state: toString() is $repr', ({ state, repr }) => {
    const f = futureIn(state)
    expect(f.toString()).toBe(repr)
    expect(String(f)).toBe(repr)
    expect(`${f}`).toBe(repr)
  })

  it('CF-28 a failed future prints the class of its exception', () => {
    const f = futureIn('FINISHED (exception)', new OSError('disk'))
    expect(f.toString()).toBe('<Future state=finished raised OSError>')
  })

  it.each([
    { value: undefined, label: 'undefined' },
    { value: null, label: 'null' },
    { value: 'text', label: 'string' },
    { value: [1, 2], label: 'Array' },
    { value: new Map(), label: 'Map' },
    { value: Object.create(null), label: 'Object' },
  ])('CF-28 a result of $label prints as returned $label', ({ value, label }) => {
    const f = new Future<unknown>()
    f.setResult(value)
    expect(f.toString()).toBe(`<Future state=finished returned ${label}>`)
  })

  it('CF-28 util.inspect (and so console.log) shows the same text', () => {
    for (const state of ['PENDING', 'CANCELLED', 'FINISHED (result)'] as const) {
      const f = futureIn(state)
      expect(inspect(f)).toBe(f.toString())
    }
  })

  it("CF-28 a subclass prints under its own name, as CPython's repr uses the class name", () => {
    class CustomFuture<T> extends Future<T> {}
    const f = new CustomFuture<number>()
    expect(f.toString()).toBe('<CustomFuture state=pending>')
    f.setResult(1)
    expect(f.toString()).toBe('<CustomFuture state=finished returned number>')
  })
})
