import { ProcessPoolExecutor, ThreadPoolExecutor } from '@futures/concurrent'
import { describe, expect, it } from 'vitest'
import {
  fixtureTask,
  OPEN,
  POOL_KINDS,
  pidOf,
  runScript,
  STARTED,
  seenAsDone,
  thrownBy,
  usePools,
} from './executor-support.js'

const { pool, sync } = usePools()

const gated = fixtureTask<[unknown, number], number>('gated')
const gatedWhoami = fixtureTask<[unknown, number], string>('gatedWhoami')
const whoami = fixtureTask<[], string>('whoami')

function kindArg(name: string): string {
  return name === 'ThreadPoolExecutor' ? 'thread' : 'process'
}

describe('ProcessPoolExecutor maxTasksPerChild (test_process_pool.ProcessPoolExecutorTest.test_max_tasks_per_child)', () => {
  it.each([
    ['a string', '1'],
    ['a fraction', 1.5],
    ['null', null],
  ])('EX-30 maxTasksPerChild that is %s throws TypeError', (_what, value) => {
    const error = thrownBy(() => new ProcessPoolExecutor({ maxTasksPerChild: value as number }))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(/^maxTasksPerChild must be an integer/)
  })

  it.each([0, -2])('EX-30 maxTasksPerChild %i throws RangeError', (value) => {
    const error = thrownBy(() => new ProcessPoolExecutor({ maxTasksPerChild: value }))
    expect(error).toBeInstanceOf(RangeError)
    expect((error as Error).message).toMatch(/^maxTasksPerChild must be >= 1/)
  })

  it('EX-30 a worker exits after n tasks and a fresh one replaces it: pids A, A, B, B, C', async () => {
    const executor = pool(ProcessPoolExecutor, { maxWorkers: 1, maxTasksPerChild: 2 })
    const futures = [1, 2, 3, 4, 5].map(() => executor.submit(whoami))
    const pids = (await Promise.all(futures.map((f) => f.result()))).map(pidOf)
    const [a, a2, b, b2, c] = pids
    expect([a2, b2]).toEqual([a, b])
    expect(new Set([a, b, c]).size).toBe(3)
  })

  it('EX-30 the same with tasks submitted one after another', async () => {
    const executor = pool(ProcessPoolExecutor, { maxWorkers: 1, maxTasksPerChild: 2 })
    const pids: number[] = []
    for (let i = 0; i < 5; i++) pids.push(pidOf(await executor.submit(whoami).result()))
    expect(pids[1]).toBe(pids[0])
    expect(pids[3]).toBe(pids[2])
    expect(new Set(pids).size).toBe(3)
  })

  it('EX-30 work queued behind a retiring worker still runs when shutdown comes early (test_max_tasks_early_shutdown)', async () => {
    const executor = pool(ProcessPoolExecutor, { maxWorkers: 3, maxTasksPerChild: 1 })
    const futures = Array.from({ length: 6 }, (_, i) => executor.submit((n: number) => n * n, i))
    const stopping = executor.shutdown()
    await expect(Promise.all(futures.map((f) => f.result()))).resolves.toEqual([0, 1, 4, 9, 16, 25])
    await stopping
  })

  it('EX-30 / EX-21 each replacement worker runs the initializer before its first task', async () => {
    const executor = pool(ProcessPoolExecutor, {
      maxWorkers: 1,
      maxTasksPerChild: 1,
      initializer: (tag: string) => {
        ;(globalThis as { tag?: string }).tag = `${tag}:${process.pid}`
      },
      initargs: ['init'],
    })
    const read = () => [(globalThis as { tag?: string }).tag, process.pid] as const
    const seen = await Promise.all([0, 1, 2].map(() => executor.submit(read).result()))
    for (const [tag, pid] of seen) expect(tag).toBe(`init:${pid}`)
    expect(new Set(seen.map(([, pid]) => pid)).size).toBe(3)
  })

  it('EX-30 map with chunks counts each chunk as one task', async () => {
    const executor = pool(ProcessPoolExecutor, { maxWorkers: 1, maxTasksPerChild: 1 })
    const results: number[] = []
    for await (const pid of executor.map(() => process.pid, [1, 2, 3, 4], { chunksize: 2 })) {
      results.push(pid)
    }
    expect(results[0]).toBe(results[1])
    expect(results[2]).toBe(results[3])
    expect(results[0]).not.toBe(results[2])
  })
})

describe.each(POOL_KINDS)(
  '%s workers start lazily and are reused (ThreadPoolExecutorTest.test_saturation / test_idle_thread_reuse; ProcessPoolExecutorTest.test_saturation / test_idle_process_reuse_one / test_idle_process_reuse_multiple)',
  (name, Kind) => {
    // Titles: EX-31 for the thread pool, EX-38 for the process pool.
    const id = name === 'ThreadPoolExecutor' ? 'EX-31' : 'EX-38'

    it(`${id} tasks run one after another reuse one worker`, async () => {
      const executor = pool(Kind, { maxWorkers: 4 })
      const seen = new Set<string>()
      for (let i = 0; i < 3; i++) seen.add(await executor.submit(whoami).result())
      expect(seen.size).toBe(1)
      expect([...seen][0]).not.toBe(`${process.pid}:0`)
    })

    it(`${id} three tasks that block at once get three workers, not maxWorkers`, async () => {
      const executor = pool(Kind, { maxWorkers: 4 })
      const counters = sync(Kind)
      const futures = [0, 1, 2].map((i) => executor.submit(gatedWhoami, counters.arg, i))
      await counters.until(STARTED, 3)
      counters.addAll(OPEN)
      const workers = new Set(await Promise.all(futures.map((f) => f.result())))
      expect(workers.size).toBe(3)
      // Idle workers are reused: three more tasks run on the same three.
      const again = await Promise.all([0, 1, 2].map(() => executor.submit(whoami).result()))
      for (const worker of again) expect(workers.has(worker)).toBe(true)
    })

    it(`${id} 15 × maxWorkers blocked tasks get exactly maxWorkers workers`, async () => {
      const executor = pool(Kind, { maxWorkers: 2 })
      const counters = sync(Kind)
      const futures = Array.from({ length: 30 }, (_, i) =>
        executor.submit(gatedWhoami, counters.arg, i),
      )
      await counters.until(STARTED, 2)
      counters.addAll(OPEN)
      const workers = new Set(await Promise.all(futures.map((f) => f.result())))
      expect(workers.size).toBe(2)
    })
  },
)

describe.each(POOL_KINDS)('%s cancelling queued work', (_name, Kind) => {
  it('EX-32 with slow tasks handed out one at a time, only the running one refuses cancel()', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const counters = sync(Kind)
    const futures = [0, 1, 2, 3].map((i) => executor.submit(gated, counters.arg, i))
    await counters.until(STARTED, 1)
    expect(futures.map((f) => f.cancel())).toEqual([false, true, true, true])
    expect(futures.map((f) => f.running())).toEqual([true, false, false, false])
    counters.addAll(OPEN)
    await executor.shutdown()
    await expect(futures[0]?.result()).resolves.toBe(0)
    // The cancelled ones were acknowledged when the pool dequeued them.
    expect(await seenAsDone(futures.slice(1))).toBe(3)
    expect(counters.count(STARTED)).toBe(1)
  })

  it('EX-32 a queued future cancelled by the caller never runs; the work after it does', async () => {
    const executor = pool(Kind, { maxWorkers: 1 })
    const counters = sync(Kind)
    const futures = [0, 1, 2].map((i) => executor.submit(gated, counters.arg, i))
    await counters.until(STARTED, 1)
    expect(futures[1]?.cancel()).toBe(true)
    counters.addAll(OPEN)
    await expect(futures[2]?.result()).resolves.toBe(2)
    expect(futures[1]?.cancelled()).toBe(true)
    expect(counters.count(STARTED)).toBe(2)
  })
})

describe('worker names (test_shutdown.ThreadPoolShutdownTest.test_thread_names_assigned / test_thread_names_default)', () => {
  it('EX-33 process workers are named <name>_<n>', async () => {
    const executor = pool(ProcessPoolExecutor, { maxWorkers: 2, name: 'Special' })
    const counters = sync(ProcessPoolExecutor)
    const names = [0, 1].map(() => executor.submit(fixtureTask('processWorkerName')))
    const blockers = [0, 1].map((i) => executor.submit(gated, counters.arg, i))
    counters.addAll(OPEN)
    await Promise.all(blockers.map((f) => f.result()))
    const seen = new Set(await Promise.all(names.map((f) => f.result())))
    for (const workerName of seen) expect(workerName).toMatch(/^Special_[01]$/)
  })

  it('EX-33 process workers are named ProcessPoolExecutor-<k>_<n> by default', async () => {
    const executor = pool(ProcessPoolExecutor, { maxWorkers: 1 })
    await expect(executor.submit(fixtureTask('processWorkerName')).result()).resolves.toMatch(
      /^ProcessPoolExecutor-\d+_0$/,
    )
  })

  it.each([
    [{ name: 'Special' }, /\bSpecial_0\b/],
    [{}, /\bThreadPoolExecutor-\d+_0\b/],
  ])(
    'EX-33 thread workers are named <name>_<n> (%o); Node 20 shows the name only in what the pool reports',
    async (options, pattern) => {
      const executor = pool(ThreadPoolExecutor, { maxWorkers: 1, ...options })
      executor.submit(fixtureTask('exitWith'), 1)
      const queued = executor.submit(fixtureTask('identity'), 1)
      const error = (await queued.exception()) as Error
      expect(String((error.cause as Error).message)).toMatch(pattern)
    },
  )
})

describe.each(POOL_KINDS)(
  '%s and Node exiting (test_shutdown.ExecutorShutdownTest.test_interpreter_shutdown, *ShutdownTest.test_del_shutdown)',
  (name) => {
    it('EX-34 idle workers do not keep Node alive: a script that never shuts its pool down exits by itself', async () => {
      const run = await runScript('exit-when-idle.mjs', [kindArg(name)])
      expect(run.stdout).toBe('results 11,12,13\n')
      expect(run.signal).toBeNull()
      expect(run.code).toBe(0)
    })

    it('EX-34 pending work keeps Node alive, although nothing awaits it', async () => {
      const run = await runScript('pending-keeps-alive.mjs', [kindArg(name)])
      expect(run.stdout).toBe('first done late\nsecond done late\n')
      expect(run.code).toBe(0)
    })

    it('a script whose pool was broken by a dying worker still exits by itself', async () => {
      const run = await runScript('crash-then-exit.mjs', [kindArg(name)])
      expect(run.stdout).toBe(
        `queued ${name === 'ThreadPoolExecutor' ? 'BrokenThreadPoolError' : 'BrokenProcessPoolError'}\n`,
      )
      expect(run.signal).toBeNull()
      expect(run.code).toBe(0)
    })

    it('a script that awaits the future of the task that crashed its pool gets the broken error and exits', async () => {
      const run = await runScript('crash-then-exit.mjs', [kindArg(name), 'await-crashed'])
      const broken =
        name === 'ThreadPoolExecutor' ? 'BrokenThreadPoolError' : 'BrokenProcessPoolError'
      expect(run.stdout).toBe(`queued ${broken}\ncrashed ${broken}\n`)
      expect(run.code).toBe(0)
    })

    it("a task's console output reaches the parent's stdout and stderr", async () => {
      const run = await runScript('console-output.mjs', [kindArg(name)])
      expect(run.code).toBe(0)
      const lines = run.stdout.split('\n')
      expect(lines).toContain('hello from a task')
      expect(lines).toContain('hello from a function')
      expect(lines).toContain('parent saw 17 and 21')
      expect(run.stderr.split('\n')).toContain('hello from a task (stderr)')
    })
  },
)
