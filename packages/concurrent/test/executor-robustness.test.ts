/**
 * Robustness found in review: nothing left referenced, exclusive or armed after odd inputs,
 * errors that cannot be serialized, buffers moved twice, even spreading of slow work.
 */
import { ProcessPoolExecutor, ThreadPoolExecutor, task, transfer } from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { POOL_KINDS, runScript, usePools } from './executor-support.js'

const { pool } = usePools()

describe.each(POOL_KINDS)('%s ends by itself after', (name) => {
  const kind = name === 'ThreadPoolExecutor' ? 'thread' : 'process'
  it.each([
    ['uncloneable-argument', 'TypeError'],
    ['aborted-signal', 'early'],
    ['map-closed-early', 'closed'],
    ['kill-timer-after-polite-stop', 'TimeoutError'],
  ])('EX-34 %s (no worker or timer keeps Node alive)', async (scenario, expected) => {
    const run = await runScript('ends-by-itself.mjs', [kind, scenario], 20_000)
    expect(run.stderr).toBe('')
    expect(run.stdout.trim()).toBe(expected)
    expect(run.signal).toBeNull()
    expect(run.code).toBe(0)
  })
})

describe.each(POOL_KINDS)('%s after a failed send', (_name, Kind) => {
  it('EX-37 a submitWith whose arguments cannot be sent leaves its worker free for later work', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const failed = executor.submitWith(
      { timeout: 5_000 },
      (x: unknown) => x,
      () => 1,
    )
    expect(await failed.exception()).toBeInstanceOf(TypeError)
    expect(await executor.submit(() => 42).result()).toBe(42)
  })

  it('EX-28 an error that cannot be serialized (a cycle) fails only its own future', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const cyclic = executor.submit(() => {
      const e = new AggregateError([], 'self')
      e.errors.push(e)
      throw e
    })
    const other = executor.submit(() => 'other')
    const error = (await cyclic.exception()) as AggregateError
    expect(error.name).toBe('AggregateError')
    expect(error.message).toBe('self')
    expect(String(error.errors[0])).toMatch(/circular/)
    expect(await other.result()).toBe('other')
  })

  it('EX-37 an abort reason that can neither be cloned nor printed does not crash the host', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const controller = new AbortController()
    const reason = Object.assign(Object.create(null), { f() {} })
    const future = executor.submitWith({ signal: controller.signal, killAfter: 50 }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 300))
      return 'late'
    })
    await new Promise((resolve) => setTimeout(resolve, 30))
    controller.abort(reason)
    expect(await future.exception()).toBe(reason)
    expect(await executor.submit(() => 'next').result()).toBe('next')
  })
})

describe('ThreadPoolExecutor transfer of a buffer already moved away', () => {
  it('EX-28 is a TypeError at submit, not a message lost with its neighbours', async () => {
    const executor = pool(ThreadPoolExecutor, { maxWorkers: 1 })
    const bytes = new Uint8Array(64)
    expect(await executor.submit((b: Uint8Array) => b.byteLength, transfer(bytes)).result()).toBe(
      64,
    )
    expect(bytes.byteLength).toBe(0)
    expect(() => executor.submit((b: Uint8Array) => b.byteLength, transfer(bytes))).toThrow(
      /already transferred/,
    )
    const twice = new Uint8Array(8)
    expect(() =>
      executor.submit(
        (a: Uint8Array, b: Uint8Array) => a.length + b.length,
        transfer(twice),
        transfer(twice),
      ),
    ).toThrow(/twice/)
    expect(await executor.submit(() => 'neighbour').result()).toBe('neighbour')
  })

  it('EX-28 a task returning a buffer it already sent back fails only that future', async () => {
    const executor = pool(ThreadPoolExecutor, { maxWorkers: 1 })
    const returnKept = task(new URL('./fixtures/transfer-kept.mjs', import.meta.url), 'returnKept')
    expect(await executor.submit(returnKept).result()).toHaveLength(16)
    expect(await executor.submit(returnKept).exception()).toBeInstanceOf(TypeError)
    expect(await executor.submit(() => 'after').result()).toBe('after')
  })
})

describe('ProcessPoolExecutor slow work after fast work', () => {
  it('EX-31 is spread evenly over warmed workers (each gets its fair share)', async () => {
    const executor = pool(ProcessPoolExecutor, { maxWorkers: 4 })
    // Warm four workers with fast tasks, so the pool measures tasks as fast.
    const warm: Promise<unknown>[] = []
    for (let i = 0; i < 400; i++) warm.push(executor.submit((x: number) => x, i).result())
    await Promise.all(warm)
    const pids = await Promise.all(
      Array.from({ length: 8 }, () =>
        executor
          .submit(() => {
            const end = Date.now() + 100
            while (Date.now() < end) {}
            return process.pid
          })
          .result(),
      ),
    )
    const perWorker = new Map<number, number>()
    for (const pid of pids) perWorker.set(pid, (perWorker.get(pid) ?? 0) + 1)
    expect(Math.max(...perWorker.values())).toBeLessThanOrEqual(2)
  })
})
