import { describe, expect, it } from 'vitest'
import {
  CancelledError,
  createTask,
  getRunningLoop,
  newEventLoop,
  run,
  sleep,
  type Task,
} from '../src/index.js'
import { hostMacrotask, track, virtualLoop } from './helpers.js'

describe('an async-function task steps at its place in the iteration (test_tasks.BaseTaskTests)', () => {
  it('AT-17 a cancel queued after the wakeup comes too late: the step already ran, in the same iteration', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    const outcome = await loop.runUntilComplete(async () => {
      const fut = loop.createFuture<number>()
      const task = createTask(async () => {
        await fut
        order.push('task resumed')
        return 'T'
      })
      await sleep(0)
      loop.callSoon(() => {
        fut.setResult(1) // queues the task's wakeup
        loop.callSoon(() => order.push(`cancel -> ${task.cancel()}`))
      })
      await sleep(10)
      return [task.cancelled(), task.result()]
    })
    expect(order).toEqual(['task resumed', 'cancel -> false'])
    expect(outcome).toEqual([false, 'T'])
  })

  it('AL-08 tasks woken by timers of one deadline step in timer order, generator and async alike', async () => {
    const loop = virtualLoop()
    const out: string[] = []
    await loop.runUntilComplete(async () => {
      for (let i = 0; i < 3; i++) loop.callAt(100, () => out.push(`at${i}`))
      for (const [i, d] of [30, 10, 20, 10].entries()) {
        createTask(async () => {
          await sleep(d)
          out.push(`s${i}:${d}@${loop.time()}`)
        })
      }
      createTask(function* () {
        yield* sleep(10)
        out.push(`gen@${loop.time()}`)
      })
      await sleep(200)
    })
    expect(out).toEqual([
      's1:10@10',
      's3:10@10',
      'gen@10',
      's2:20@20',
      's0:30@30',
      'at0',
      'at1',
      'at2',
    ])
  })

  it('AL-20 stop() in a task step after an await ends that very iteration', async () => {
    const loop = track(newEventLoop())
    const order: string[] = []
    loop.createTask(async () => {
      await sleep(0)
      loop.callSoon(() => order.push('queued before stop'))
      loop.stop()
      order.push('stop called')
    })
    await loop.runForever()
    order.push('runForever returned')
    loop.callSoon(() => loop.stop())
    await loop.runForever()
    expect(order).toEqual(['stop called', 'runForever returned', 'queued before stop'])
  })

  it('AL-28 a leftover task looping on sleep(0) is cancelled by run(), not left without a loop', async () => {
    let worker: Task<void> | undefined
    const seen: unknown[] = []
    const result = await run(async () => {
      worker = createTask(async () => {
        try {
          for (;;) await sleep(0)
        } catch (error) {
          seen.push(error)
          throw error
        }
      })
      await sleep(0)
      return 'main done'
    })
    expect(result).toBe('main done')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeInstanceOf(CancelledError)
    expect(worker?.cancelled()).toBe(true)
  })

  it('a step that awaits a foreign promise lets the rest of the iteration go on', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    await loop.runUntilComplete(async () => {
      const fut = loop.createFuture<void>()
      const task = createTask(async () => {
        await fut
        order.push('resumed')
        await new Promise<void>((resolve) => hostMacrotask(resolve))
        await new Promise<void>((resolve) => hostMacrotask(resolve))
        order.push('after foreign')
      })
      await sleep(0)
      loop.callSoon(() => {
        fut.setResult() // queues the task's wakeup
        loop.callSoon(() => order.push('next callback'))
      })
      await task
      expect(getRunningLoop()).toBe(loop)
    })
    expect(order).toEqual(['resumed', 'next callback', 'after foreign'])
  })

  it('a task whose function returns an aio future does not hold up the rest of the iteration', async () => {
    const loop = virtualLoop()
    const order: string[] = []
    await loop.runUntilComplete(async () => {
      const task = createTask(() => {
        hostMacrotask(() => order.push('host macrotask'))
        return sleep(10)
      })
      loop.callSoon(() => order.push('next callback'))
      await task
    })
    expect(order).toEqual(['next callback', 'host macrotask'])
  })
})
