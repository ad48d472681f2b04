import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Clock, getClock, getLogger, hostClock, setClock, setLogger } from '../src/index.js'

afterEach(() => {
  setClock(undefined)
  setLogger('concurrent.futures', undefined)
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('clock seam', () => {
  it('defaults to the host clock and can be replaced and restored', () => {
    expect(getClock()).toBe(hostClock)
    const mine: Clock = { now: () => 5, setTimeout: () => 1, clearTimeout: () => {} }
    expect(setClock(mine)).toBe(hostClock)
    expect(getClock().now()).toBe(5)
    expect(setClock(undefined)).toBe(mine)
    expect(getClock()).toBe(hostClock)
  })

  it('is shared through globalThis, as another copy of core would see it', () => {
    const mine: Clock = { now: () => 9, setTimeout: () => 1, clearTimeout: () => {} }
    setClock(mine)
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('@futures/core/clock')]).toBe(mine)
  })

  it('looks up the host timers at each call, so fake timers installed later apply', () => {
    vi.useFakeTimers()
    const fired: number[] = []
    const id = hostClock.setTimeout(() => fired.push(1), 100)
    hostClock.setTimeout(() => fired.push(2), 50)
    hostClock.clearTimeout(id)
    vi.advanceTimersByTime(200)
    expect(fired).toEqual([2])
  })
})

describe('logger seam', () => {
  it('writes to console.error by default, under the logger name', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const error = new Error('x')
    getLogger('concurrent.futures').error('exception calling callback for <Future>', error)
    expect(spy).toHaveBeenCalledWith(
      'concurrent.futures ERROR exception calling callback for <Future>',
      error,
    )
  })

  it('calls the registered logger, and undefined restores the default', () => {
    const seen: string[] = []
    const mine = {
      error: (m: string) => seen.push(`e:${m}`),
      critical: (m: string) => seen.push(`c:${m}`),
    }
    setLogger('concurrent.futures', mine)
    getLogger('concurrent.futures').error('one')
    getLogger('concurrent.futures').critical('two')
    expect(getLogger('concurrent.futures')).toBe(mine)
    expect(getLogger('asyncio')).not.toBe(mine)
    expect(seen).toEqual(['e:one', 'c:two'])
    setLogger('concurrent.futures', undefined)
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    getLogger('concurrent.futures').error('three')
    expect(seen).toHaveLength(2)
    expect(spy).toHaveBeenCalledOnce()
  })
})
