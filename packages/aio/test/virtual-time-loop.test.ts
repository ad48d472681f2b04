import { describe, expect, it } from 'vitest'
import { createTask, EventLoop, getRunningLoop, sleep } from '../src/index.js'
import { VirtualTimeLoop } from '../src/testing.js'
import { track } from './helpers.js'

describe('VirtualTimeLoop (@futures/aio/testing)', () => {
  it('is an EventLoop; an hour of sleeps takes virtual time only', async () => {
    const loop = track(new VirtualTimeLoop())
    expect(loop).toBeInstanceOf(EventLoop)
    const wakeups: number[] = []
    await loop.runUntilComplete(async () => {
      for (let i = 0; i < 60; i++) {
        await sleep(60_000)
        wakeups.push(loop.time())
      }
    })
    expect(wakeups.at(-1)).toBe(3_600_000)
    expect(wakeups[0]).toBe(60_000)
  })

  it('starts at the given time and can be moved by hand', () => {
    const loop = track(new VirtualTimeLoop({ start: 1_000 }))
    expect(loop.time()).toBe(1_000)
    loop.advance(500)
    expect(loop.time()).toBe(1_500)
    expect(() => loop.advance(-1)).toThrow(RangeError)
    expect(() => loop.advance(Number.NaN)).toThrow(RangeError)
  })

  it('the clock moves only when nothing is ready: ready callbacks run at the current time', async () => {
    const loop = track(new VirtualTimeLoop())
    const seen: [string, number][] = []
    loop.callLater(100, () => seen.push(['timer', loop.time()]))
    await loop.runUntilComplete(function* () {
      for (let i = 0; i < 5; i++) {
        yield // busy for five iterations: time stays put
        seen.push([`iteration ${i}`, loop.time()])
      }
      yield* sleep(200)
    })
    expect(seen).toEqual([
      ['iteration 0', 0],
      ['iteration 1', 0],
      ['iteration 2', 0],
      ['iteration 3', 0],
      ['iteration 4', 0],
      ['timer', 100],
    ])
    expect(loop.time()).toBe(200)
  })

  it('async continuations run before the clock jumps, so their sleeps start at the right time', async () => {
    const loop = track(new VirtualTimeLoop())
    const log: string[] = []
    await loop.runUntilComplete(async () => {
      const a = createTask(async () => {
        await sleep(10)
        await Promise.resolve() // a few microtasks after the wake-up
        await Promise.resolve()
        await sleep(10)
        log.push(`a at ${loop.time()}`)
      })
      const b = createTask(async () => {
        await sleep(15)
        log.push(`b at ${loop.time()}`)
      })
      await a
      await b
    })
    expect(log).toEqual(['b at 15', 'a at 20'])
  })

  it('is deterministic: the same program gives the same interleaving every run', async () => {
    const program = async (): Promise<string[]> => {
      const loop = track(new VirtualTimeLoop())
      const log: string[] = []
      await loop.runUntilComplete(async () => {
        const tasks = [3, 1, 2].map((n) =>
          createTask(async () => {
            for (let i = 0; i < 3; i++) {
              await sleep(n * 7)
              log.push(`${n}:${i}@${getRunningLoop().time()}`)
            }
          }),
        )
        for (const t of tasks) await t
      })
      return log
    }
    const first = await program()
    expect(await program()).toEqual(first)
    expect(first).toEqual([
      '1:0@7',
      '2:0@14',
      '1:1@14',
      '3:0@21',
      '1:2@21',
      '2:1@28',
      '3:1@42',
      '2:2@42',
      '3:2@63',
    ])
  })

  it('the clock jumps to the deadline itself: a float deadline is due after one jump, no empty iteration', async () => {
    class CountingLoop extends VirtualTimeLoop {
      iterations = 0
      protected override onIterationStart(): void {
        this.iterations++
        super.onIterationStart()
      }
    }
    // 0.3675… + (8.5764… - 0.3675…) is 8.576401588808078 in floating point: short of the deadline
    const loop = track(new CountingLoop({ start: 0.3675282993968816 }))
    const when = 8.57640158880808
    const seen: number[] = []
    await loop.runUntilComplete(function* () {
      const f = loop.createFuture<void>()
      loop.callAt(when, () => {
        seen.push(loop.time())
        f.setResult()
      })
      yield* f
    })
    expect(seen).toEqual([when])
    // the first step, the jump to the timer, the task's wakeup, the stop callback
    expect(loop.iterations).toBe(4)
  })
})
