import { describe, expect, it } from 'vitest'
import { describeValue, toTimeoutMs } from '../src/index.js'

describe('toTimeoutMs', () => {
  it('reads undefined and Infinity as "wait forever"', () => {
    expect(toTimeoutMs(undefined)).toBeUndefined()
    expect(toTimeoutMs(Number.POSITIVE_INFINITY)).toBeUndefined()
  })

  it('keeps positive numbers and turns 0 and negatives into 0', () => {
    expect(toTimeoutMs(25)).toBe(25)
    expect(toTimeoutMs(0)).toBe(0)
    expect(toTimeoutMs(-1)).toBe(0)
    expect(toTimeoutMs(Number.NEGATIVE_INFINITY)).toBe(0)
  })

  it('rejects non-numbers with a TypeError naming the argument and what came', () => {
    expect(() => toTimeoutMs('100')).toThrow(
      new TypeError("timeout must be a number of milliseconds or undefined, got string '100'"),
    )
    expect(() => toTimeoutMs(null, 'delay')).toThrow(/^delay must be .* got null$/)
  })

  it('rejects NaN with a RangeError', () => {
    expect(() => toTimeoutMs(Number.NaN)).toThrow(RangeError)
  })
})

describe('describeValue', () => {
  it('says the type, and the value for primitives', () => {
    expect(describeValue(3)).toBe('number 3')
    expect(describeValue(new Map())).toBe('object Map')
    expect(describeValue(function named() {})).toBe('function named')
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)')
  })
})
