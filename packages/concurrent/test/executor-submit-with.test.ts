import {
  BrokenExecutorError,
  type Future,
  ProcessPoolExecutor,
  ThreadPoolExecutor,
  TimeoutError,
  task,
} from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { POOL_KINDS, STARTED, usePools } from './executor-support.js'

const { pool, sync: makeSync } = usePools()

const abortable = (name: string) => task(new URL('./fixtures/abortable.mjs', import.meta.url), name)
const polite = abortable('politeUntilAborted')
const stubborn = abortable('stubborn')
const quick = abortable('quick')

describe.each(POOL_KINDS)(
  '%s.submitWith (DESIGN; beyond CPython 3.14 terminate_workers)',
  (_name, Kind) => {
    it('EX-37 a running task that ignores its signal: the future fails with TimeoutError at the deadline, its worker is replaced, the pool is not broken', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const sync = makeSync(Kind)
      const future = executor.submitWith({ timeout: 100, killAfter: 50 }, stubborn, sync.arg)
      await sync.until(STARTED, 1)
      const error = await future.exception()
      expect(error).toBeInstanceOf(TimeoutError)
      expect((error as Error).message).toBe('task timed out after 100 ms')
      // The worker is terminated killAfter later and a new one takes the next task.
      expect(await executor.submit(quick, sync.arg, 'after').result()).toBe('after')
      expect(await executor.submit((x: number) => x + 1, 1).result()).toBe(2)
    })

    it('EX-37 a running task sees currentSignal() abort with the reason, and can stop by itself', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const sync = makeSync(Kind)
      const controller = new AbortController()
      const future = executor.submitWith({ signal: controller.signal }, polite, sync.arg)
      await sync.until(STARTED, 1)
      const reason = new Error('stop now')
      controller.abort(reason)
      // The future fails at once with the very reason…
      expect(await future.exception()).toBe(reason)
      // …and the task, told through its signal, stops.
      await sync.until(3, 1)
      expect(await executor.submit((x: number) => x * 2, 21).result()).toBe(42)
    })

    it('EX-37 a queued task whose signal aborts never runs; its future fails with the reason', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const sync = makeSync(Kind)
      const blocker = executor.submitWith({ timeout: 300, killAfter: 10 }, stubborn, sync.arg)
      await sync.until(STARTED, 1)
      const controller = new AbortController()
      const queued = executor.submitWith({ signal: controller.signal }, quick, sync.arg, 'never')
      controller.abort('gave up')
      expect(await queued.exception()).toBe('gave up')
      expect(queued.cancelled()).toBe(false)
      await blocker.exception()
      expect(await executor.submit(quick, sync.arg, 'next').result()).toBe('next')
      // Only the blocker and the last task ever started.
      expect(sync.count(STARTED)).toBe(2)
    })

    it('EX-37 an already aborted signal fails the future without running the task', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const sync = makeSync(Kind)
      const future = executor.submitWith({ signal: AbortSignal.abort('early') }, quick, sync.arg, 1)
      expect(await future.exception()).toBe('early')
      expect(await executor.submit(quick, sync.arg, 2).result()).toBe(2)
      expect(sync.count(STARTED)).toBe(1)
    })

    it('EX-37 a task that finishes in time is not affected, and its timer does not hold the process', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const sync = makeSync(Kind)
      const future = executor.submitWith({ timeout: 60_000 }, quick, sync.arg, 'ok')
      expect(await future.result()).toBe('ok')
    })

    it("EX-37 cancel() keeps CPython's rule: only a pending task; a running one is not cancelled", async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const sync = makeSync(Kind)
      const running = executor.submitWith({ timeout: 200, killAfter: 10 }, stubborn, sync.arg)
      const pending = executor.submitWith({}, quick, sync.arg, 'x')
      await sync.until(STARTED, 1)
      expect(running.cancel()).toBe(false)
      expect(pending.cancel()).toBe(true)
      await expect(running.result()).rejects.toBeInstanceOf(TimeoutError)
      expect(pending.cancelled()).toBe(true)
    })

    it('EX-37 bad options are TypeErrors at the call', () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      expect(() => executor.submitWith({ signal: {} as AbortSignal }, (x: number) => x, 1)).toThrow(
        /signal must be an AbortSignal/,
      )
      expect(() =>
        executor.submitWith({ timeout: '5' as unknown as number }, (x: number) => x, 1),
      ).toThrow(TypeError)
      expect(() => executor.submitWith({ killAfter: Number.NaN }, (x: number) => x, 1)).toThrow(
        RangeError,
      )
      expect(() => executor.submitWith({}, 42 as never)).toThrow(TypeError)
    })

    it('EX-37 a terminated worker is never reported as a broken pool', async () => {
      const executor = pool(Kind, { maxWorkers: 2 })
      const sync = makeSync(Kind)
      const others: Future<unknown>[] = []
      const killed = executor.submitWith({ timeout: 50, killAfter: 10 }, stubborn, sync.arg)
      for (let i = 0; i < 5; i++) others.push(executor.submit((x: number) => x, i))
      await killed.exception()
      const results = await Promise.all(others.map((f) => f.result()))
      expect(results).toEqual([0, 1, 2, 3, 4])
      const later = await executor.submit((x: number) => x, 9).exception()
      expect(later).not.toBeInstanceOf(BrokenExecutorError)
    })
  },
)

it('EX-37 ThreadPoolExecutor and ProcessPoolExecutor both offer submitWith', () => {
  expect(typeof ThreadPoolExecutor.prototype.submitWith).toBe('function')
  expect(typeof ProcessPoolExecutor.prototype.submitWith).toBe('function')
})
