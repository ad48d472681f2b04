/**
 * Edge cases found by review: shutdown in the same turn as submit, map with no iterable,
 * closures sent by source, submit while Node exits, initargs that cannot be cloned.
 */
import type { Future } from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import { POOL_KINDS, runScript, settledYet, usePools } from './executor-support.js'

const { pool } = usePools()

function kindArg(name: string): string {
  return name === 'ThreadPoolExecutor' ? 'thread' : 'process'
}

describe.each(POOL_KINDS)(
  '%s shutdown in the same turn as submit (test_shutdown.ExecutorShutdownTest.test_hang_issue12364)',
  (_name, Kind) => {
    it('EX-06 shutdown({ wait: true }) called right after submit resolves only once the work is done', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const future = executor.submit(async (n: number) => {
        await new Promise((resolve) => setTimeout(resolve, 50))
        return n * 2
      }, 21)
      const stopping = executor.shutdown({ wait: true })
      expect(await settledYet(stopping)).toBe(false)
      await stopping
      expect(future.done()).toBe(true)
      expect(future.resultNow()).toBe(42)
    })

    it('EX-09 leaving `await using` right after a submit waits for that work', async () => {
      let future: Future<number> | undefined
      {
        await using executor = new Kind({ maxWorkers: 1 })
        future = executor.submit((n: number) => n * 2, 21)
      }
      expect(future.done()).toBe(true)
      expect(future.resultNow()).toBe(42)
    })
  },
)

describe.each(POOL_KINDS)(
  '%s map without any iterable (executor.ExecutorTest.test_map_buffersize_without_iterable)',
  (name) => {
    it('EX-16 map(fn, { buffersize }) with no iterable yields nothing', async () => {
      const run = await runScript('map-without-iterables.mjs', [kindArg(name), 'buffered'], 5_000)
      expect(run.stdout).toBe('results []\n')
      expect(run.code).toBe(0)
    })

    it('EX-10 map(fn) with no iterable returns (instead of submitting forever) and yields nothing', async () => {
      // A small heap: an endless submit loop dies of it quickly instead of eating the machine.
      const run = await runScript(
        'map-without-iterables.mjs',
        [kindArg(name), 'unbuffered'],
        5_000,
        ['--max-old-space-size=128'],
      )
      expect(run.signal).toBeNull()
      expect(run.stdout).toBe('results []\n')
      expect(run.code).toBe(0)
    })
  },
)

describe.each(POOL_KINDS)('%s a function that closes over variables', (_name, Kind) => {
  // Free variables cannot be found without running the function, so the worker's
  // ReferenceError says why and what to use instead.
  it('EX-02 a function using a variable of its scope fails with a ReferenceError naming task()', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const factor = 3
    const error = await executor.submit((n: number) => n * factor, 2).exception()
    expect(error).toBeInstanceOf(ReferenceError)
    expect((error as Error).message).toMatch(/^factor is not defined/)
    expect((error as Error).message).toMatch(/sent by its source text.*task\(moduleUrl/)
    expect(await executor.submit((n: number) => n * 3, 2).result()).toBe(6)
  })
})

describe.each(POOL_KINDS)(
  '%s submit while Node exits (test_shutdown.ExecutorShutdownTest.test_submit_after_interpreter_shutdown)',
  (name) => {
    it("EX-04 (optional point) submit from a process 'exit' listener throws 'cannot schedule new futures after interpreter shutdown'", async () => {
      const run = await runScript('submit-at-exit.mjs', [kindArg(name)])
      expect(run.stdout).toBe(
        'result 2\nsubmit threw Error: cannot schedule new futures after interpreter shutdown\n',
      )
      expect(run.code).toBe(0)
    })
  },
)

describe.each(POOL_KINDS)('%s initargs that cannot be cloned', (name) => {
  it('EX-20 throw TypeError at construction, or fail the futures; never an uncaught error and a pending future (DESIGN)', async () => {
    const run = await runScript('uncloneable-initargs.mjs', [kindArg(name)])
    expect(run.stdout).toMatch(
      /^(constructor threw TypeError|failed with (TypeError|Broken(Thread|Process)PoolError); uncaught: none)\n$/,
    )
  })
})
