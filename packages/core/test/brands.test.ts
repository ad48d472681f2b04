import { describe, expect, it } from 'vitest'
import { AIO_FUTURE_BRAND, asyncDispose, CONCURRENT_FUTURE_BRAND, hasBrand } from '../src/index.js'

describe('brands', () => {
  it('are registered symbols, so every copy of the package makes the same ones', () => {
    expect(CONCURRENT_FUTURE_BRAND).toBe(Symbol.for('@futures/concurrent/Future'))
    expect(AIO_FUTURE_BRAND).toBe(Symbol.for('@futures/aio/Future'))
  })

  it('hasBrand is true only for objects carrying the brand with value true', () => {
    expect(hasBrand({ [CONCURRENT_FUTURE_BRAND]: true }, CONCURRENT_FUTURE_BRAND)).toBe(true)
    expect(hasBrand({ [CONCURRENT_FUTURE_BRAND]: true }, AIO_FUTURE_BRAND)).toBe(false)
    expect(hasBrand({ [CONCURRENT_FUTURE_BRAND]: 1 }, CONCURRENT_FUTURE_BRAND)).toBe(false)
    const fn = Object.assign(() => {}, { [AIO_FUTURE_BRAND]: true })
    expect(hasBrand(fn, AIO_FUTURE_BRAND)).toBe(true)
    for (const v of [null, undefined, 1, 'x', Symbol()])
      expect(hasBrand(v, AIO_FUTURE_BRAND)).toBe(false)
  })

  it('asyncDispose is the key `await using` calls', async () => {
    const calls: string[] = []
    {
      await using _resource = { [asyncDispose]: async () => void calls.push('disposed') }
      calls.push('body')
    }
    expect(calls).toEqual(['body', 'disposed'])
  })
})
