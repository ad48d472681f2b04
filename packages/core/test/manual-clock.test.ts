import { afterEach, describe, expect, it } from 'vitest'
import { getClock, hostClock, ManualClock, setClock } from '../src/index.js'

afterEach(() => {
  setClock(undefined)
})

describe('ManualClock', () => {
  it('fires due timers in deadline order, FIFO on equal deadlines, as time advances', () => {
    const clock = new ManualClock(100)
    const fired: string[] = []
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20)
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10)
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20)
    const cancelled = clock.setTimeout(() => fired.push('never'), 5)
    clock.clearTimeout(cancelled)
    expect(clock.delays).toEqual([20, 10, 20])
    clock.advance(15)
    expect(fired).toEqual(['a@110'])
    expect(clock.now()).toBe(115)
    clock.advance(5)
    expect(fired).toEqual(['a@110', 'b@120', 'c@120'])
    expect(clock.pendingTimers).toBe(0)
  })

  it('fires a timer set by a firing timer if it falls due within the same advance', () => {
    const clock = new ManualClock()
    const fired: number[] = []
    clock.setTimeout(() => {
      fired.push(clock.now())
      clock.setTimeout(() => fired.push(clock.now()), 0)
    }, 10)
    clock.advance(10)
    expect(fired).toEqual([10, 10])
  })

  it('install() makes it the process clock and the returned function restores the previous one', () => {
    const clock = new ManualClock()
    const restore = clock.install()
    expect(getClock()).toBe(clock)
    restore()
    expect(getClock()).toBe(hostClock)
  })
})
