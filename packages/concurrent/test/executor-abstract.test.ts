import {
  CancelledError,
  Executor,
  Future,
  type ShutdownOptions,
  type TaskResult,
  TimeoutError,
} from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { thrownBy } from './executor-support.js'

/** Runs each call on a later microtask; records what it was asked to do. */
class InlineExecutor extends Executor {
  readonly calls: unknown[][] = []
  readonly shutdowns: (ShutdownOptions | undefined)[] = []

  override submit<A extends unknown[], R>(
    fn: (...args: A) => R,
    ...args: A
  ): Future<TaskResult<R>> {
    this.calls.push(args)
    const future = new Future<TaskResult<R>>()
    queueMicrotask(() => {
      if (!future.setRunningOrNotifyCancel()) return
      Promise.resolve()
        .then(() => fn(...args))
        .then(
          (value) => future.setResult(value as TaskResult<R>),
          (error: unknown) => future.setException(error),
        )
    })
    return future
  }

  override shutdown(options?: ShutdownOptions): Promise<void> {
    this.shutdowns.push(options)
    return Promise.resolve()
  }
}

/** Never runs anything: every future stays pending until cancelled. */
class StalledExecutor extends Executor {
  readonly futures: Future<unknown>[] = []

  override submit<A extends unknown[], R>(
    _fn: (...args: A) => R,
    ..._args: A
  ): Future<TaskResult<R>> {
    const future = new Future<TaskResult<R>>()
    this.futures.push(future as Future<unknown>)
    return future
  }
}

class BareExecutor extends Executor {}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = []
  for await (const value of iterator) values.push(value)
  return values
}

describe('abstract Executor (no CPython test; probe line EX-35)', () => {
  it('EX-35 submit on the base class throws (CPython: NotImplementedError)', () => {
    const executor = new BareExecutor()
    const error = thrownBy(() => executor.submit((n: number) => n, 1))
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/submit\(\) is not implemented/)
  })

  it('EX-35 shutdown on the base class does nothing and resolves', async () => {
    const executor = new BareExecutor()
    await expect(executor.shutdown()).resolves.toBeUndefined()
    await expect(executor.shutdown({ wait: false, cancelFutures: true })).resolves.toBeUndefined()
  })

  it('EX-35 a subclass that implements submit gets map: all submitted at the call, results in order', async () => {
    const executor = new InlineExecutor()
    const results = executor.map((a: number, b: number) => a * b, [1, 2, 3], [4, 5, 6, 7])
    expect(executor.calls).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ])
    await expect(collect(results)).resolves.toEqual([4, 10, 18])
  })

  it('EX-35 the inherited map stops at a failing call and cancels the rest', async () => {
    const executor = new StalledExecutor()
    const results = executor.map((n: number) => n, [1, 2, 3])
    const [first, second, third] = executor.futures
    first?.setRunningOrNotifyCancel()
    first?.setException(new RangeError('first failed'))
    await expect(results.next()).rejects.toThrow('first failed')
    expect(second?.cancelled()).toBe(true)
    expect(third?.cancelled()).toBe(true)
    await expect(results.next()).resolves.toEqual({ done: true, value: undefined })
  })

  it('EX-35 the inherited map honours timeout and buffersize', async () => {
    const executor = new StalledExecutor()
    const timed = executor.map((n: number) => n, [1, 2], { timeout: 0 })
    await expect(timed.next()).rejects.toThrow(TimeoutError)
    expect(executor.futures.map((f) => f.cancelled())).toEqual([true, true])
    const buffered = executor.map((n: number) => n, [1, 2, 3, 4], { buffersize: 2 })
    expect(executor.futures.length).toBe(4)
    await buffered.return?.()
    expect(executor.futures.slice(2).map((f) => f.cancelled())).toEqual([true, true])
  })

  it('EX-35 leaving the inherited map early cancels the futures not consumed', async () => {
    const executor = new StalledExecutor()
    const results = executor.map((n: number) => n, [1, 2])
    await results.return?.()
    for (const future of executor.futures) {
      expect(future.cancelled()).toBe(true)
      await expect(future.result()).rejects.toThrow(CancelledError)
    }
  })

  it('EX-35 a subclass gets [Symbol.asyncDispose], which calls shutdown({ wait: true })', async () => {
    let escaped: InlineExecutor | undefined
    {
      await using executor = new InlineExecutor()
      escaped = executor
      await expect(executor.submit((n: number) => n + 1, 1).result()).resolves.toBe(2)
    }
    expect(escaped.shutdowns).toEqual([{ wait: true }])
  })
})
