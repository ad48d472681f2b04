import {
  BrokenExecutorError,
  BrokenProcessPoolError,
  BrokenThreadPoolError,
  type Future,
  type Logger,
  ProcessPoolExecutor,
  setLogger,
  ThreadPoolExecutor,
  task,
} from '@futures/concurrent'
import { afterEach, describe, expect, it } from 'vitest'
import {
  fixtureTask,
  OPEN,
  POOL_KINDS,
  type PoolClass,
  STARTED,
  stillPending,
  thrownBy,
  usePools,
} from './executor-support.js'

const { pool, sync } = usePools()

let restoreLogger: Logger | undefined
afterEach(() => {
  if (restoreLogger !== undefined) setLogger('concurrent.futures', restoreLogger)
  restoreLogger = undefined
})

/** Collects what the pool logs on `concurrent.futures` during the test. */
function captureLog(): { level: string; message: string; error: unknown }[] {
  const records: { level: string; message: string; error: unknown }[] = []
  const previous = setLogger('concurrent.futures', {
    error: (message, error) => records.push({ level: 'ERROR', message, error }),
    critical: (message, error) => records.push({ level: 'CRITICAL', message, error }),
  })
  restoreLogger ??= previous
  return records
}

const WORDING = {
  ThreadPoolExecutor: {
    ErrorClass: BrokenThreadPoolError,
    workerDied:
      'A worker thread of the thread pool terminated abruptly while the future was running or pending.',
    afterWorkerDied: 'A worker thread terminated abruptly, the thread pool is not usable anymore',
    initializerFailed: 'A thread initializer failed, the thread pool is not usable anymore',
    afterInitializerFailed: 'A thread initializer failed, the thread pool is not usable anymore',
  },
  ProcessPoolExecutor: {
    ErrorClass: BrokenProcessPoolError,
    workerDied:
      'A process in the process pool was terminated abruptly while the future was running or pending.',
    afterWorkerDied: 'A child process terminated abruptly, the process pool is not usable anymore',
    initializerFailed:
      'A process in the process pool was terminated abruptly while the future was running or pending.',
    afterInitializerFailed:
      'A child process terminated abruptly, the process pool is not usable anymore',
  },
} as const

const identity = fixtureTask<[unknown], unknown>('identity')

/** Asserts that `futures` all failed with their own `ErrorClass(message)`. */
async function expectAllBroken(
  futures: Future<unknown>[],
  ErrorClass: typeof BrokenExecutorError,
  message: string,
): Promise<unknown[]> {
  expect(await stillPending(futures)).toEqual([])
  const errors = futures.map((f) => f.exceptionNow())
  for (const error of errors) {
    expect(error).toBeInstanceOf(ErrorClass)
    expect((error as Error).message).toBe(message)
  }
  // DESIGN: each future gets its own error object.
  expect(new Set(errors).size).toBe(errors.length)
  return errors
}

/** Asserts that `submit`, `map`, and `submit` after `shutdown` throw the broken error. */
async function expectSubmitBroken(
  executor: InstanceType<PoolClass>,
  ErrorClass: typeof BrokenExecutorError,
  message: string,
): Promise<void> {
  for (const attempt of [() => executor.submit(identity, 1), () => executor.map(identity, [1])]) {
    const error = thrownBy(attempt)
    expect(error).toBeInstanceOf(ErrorClass)
    expect((error as Error).message).toBe(message)
  }
  await executor.shutdown()
  // The broken check comes first, also after shutdown.
  const error = thrownBy(() => executor.submit(identity, 1))
  expect(error).toBeInstanceOf(ErrorClass)
  expect((error as Error).message).toBe(message)
}

describe('broken-pool error classes (test_future.FutureTests.test_class_str)', () => {
  it('EX-24 BrokenThreadPoolError and BrokenProcessPoolError derive from BrokenExecutorError, itself an Error', () => {
    const thread = new BrokenThreadPoolError('t')
    const proc = new BrokenProcessPoolError('p', { cause: 'why' })
    expect(thread).toBeInstanceOf(BrokenExecutorError)
    expect(thread).toBeInstanceOf(Error)
    expect(proc).toBeInstanceOf(BrokenExecutorError)
    expect(thread).not.toBeInstanceOf(BrokenProcessPoolError)
    expect(proc.cause).toBe('why')
  })

  it('EX-24 each class sets name to its class name', () => {
    expect(new BrokenExecutorError('x').name).toBe('BrokenExecutorError')
    expect(new BrokenThreadPoolError('x').name).toBe('BrokenThreadPoolError')
    expect(new BrokenProcessPoolError('x').name).toBe('BrokenProcessPoolError')
    expect(String(new BrokenThreadPoolError('gone'))).toBe('BrokenThreadPoolError: gone')
  })
})

describe('ThreadPoolExecutor failing initializer (test_init.FailingInitializerMixin.test_initializer)', () => {
  it('EX-22 every future fails with BrokenThreadPoolError; later submits throw it, also after shutdown', async () => {
    captureLog()
    const executor = pool(ThreadPoolExecutor, {
      maxWorkers: 2,
      initializer: fixtureTask('failingInitializer'),
    })
    const futures = [1, 2, 3, 4, 5].map((i) => executor.submit(identity, i))
    const { ErrorClass, initializerFailed, afterInitializerFailed } = WORDING.ThreadPoolExecutor
    const errors = await expectAllBroken(futures, ErrorClass, initializerFailed)
    expect(((errors[0] as Error).cause as Error).message).toBe('initializer failed on purpose')
    await expectSubmitBroken(executor, ErrorClass, afterInitializerFailed)
  })

  it('EX-22 logs "Exception in initializer:" at CRITICAL on concurrent.futures', async () => {
    const records = captureLog()
    const executor = pool(ThreadPoolExecutor, {
      maxWorkers: 1,
      initializer: () => {
        throw new TypeError('bad setup')
      },
    })
    const future = executor.submit(identity, 1)
    await expect(future.result()).rejects.toThrow(BrokenThreadPoolError)
    expect(records.length).toBeGreaterThanOrEqual(1)
    expect(records[0]?.level).toBe('CRITICAL')
    expect(records[0]?.message).toBe('Exception in initializer:')
    expect(records[0]?.error).toBeInstanceOf(TypeError)
    expect(records[0]?.error).toMatchObject({ message: 'bad setup' })
  })
})

describe.each(POOL_KINDS)('%s async initializer that rejects', (name, Kind) => {
  it('EX-22/EX-23 an async initializer that rejects breaks the pool as a throwing one does', async () => {
    captureLog()
    const executor = pool(Kind, {
      maxWorkers: 1,
      initializer: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1))
        throw new Error('late failure')
      },
    })
    const futures = [1, 2].map((i) => executor.submit(identity, i))
    const { ErrorClass, initializerFailed, afterInitializerFailed } = WORDING[name]
    await expectAllBroken(futures, ErrorClass, initializerFailed)
    await expectSubmitBroken(executor, ErrorClass, afterInitializerFailed)
  })
})

describe('ProcessPoolExecutor failing initializer (test_init.FailingInitializerMixin.test_initializer)', () => {
  it('EX-23 pending futures fail with the "terminated abruptly" message; later submits get the other one', async () => {
    const records = captureLog()
    const executor = pool(ProcessPoolExecutor, {
      maxWorkers: 2,
      initializer: fixtureTask('failingInitializer'),
    })
    const futures = [1, 2, 3, 4, 5].map((i) => executor.submit(identity, i))
    const { ErrorClass, initializerFailed, afterInitializerFailed } = WORDING.ProcessPoolExecutor
    await expectAllBroken(futures, ErrorClass, initializerFailed)
    expect(initializerFailed).not.toBe(afterInitializerFailed)
    await expectSubmitBroken(executor, ErrorClass, afterInitializerFailed)
    expect(records[0]?.message).toBe('Exception in initializer:')
  })
})

describe.each(POOL_KINDS)(
  '%s a worker that dies (test_process_pool.ProcessPoolExecutorTest.test_killed_child, test_deadlock.ExecutorDeadlockTest.test_crash_during_func_exec_on_worker)',
  (name, Kind) => {
    it('EX-25 process.exit() in a task breaks the pool: its future, those running on other workers and the queued ones all fail, each with its own error', async () => {
      const executor = pool(Kind, { maxWorkers: 2 })
      const counters = sync(Kind)
      const elsewhere = executor.submit(fixtureTask('gated'), counters.arg, 0)
      await counters.until(STARTED, 1)
      const dying = executor.submit(fixtureTask('exitWith'), 3)
      const queued = [1, 2, 3].map((i) => executor.submit(identity, i))
      const { ErrorClass, workerDied, afterWorkerDied } = WORDING[name]
      const errors = await expectAllBroken([dying, elsewhere, ...queued], ErrorClass, workerDied)
      // What happened is kept: the exit code, and a cause naming it.
      expect(errors[0]).toMatchObject({ exitCode: 3, signal: null })
      expect(String(((errors[0] as Error).cause as Error).message)).toMatch(/code 3/)
      // …and which task was running on the worker that died.
      expect(String(((errors[0] as Error).cause as Error).message)).toMatch(
        /exited with code 3 while running task #\d+ \(exitWith from file:.*tasks\.mjs\)$/,
      )
      await expectSubmitBroken(executor, ErrorClass, afterWorkerDied)
    })
  },
)

/**
 * One worker runs `crash`; three calls queue behind it. Every future settles: all fail with
 * the broken error (none left pending), and the pool refuses new work.
 * @returns the errors, the crashing task's first.
 */
async function crashBehind(
  name: keyof typeof WORDING,
  executor: InstanceType<PoolClass>,
  crash: () => Future<unknown>,
): Promise<unknown[]> {
  const crashing = crash()
  const queued = [1, 2, 3].map((i) => executor.submit(identity, i))
  const { ErrorClass, workerDied, afterWorkerDied } = WORDING[name]
  const errors = await expectAllBroken([crashing, ...queued], ErrorClass, workerDied)
  await expectSubmitBroken(executor, ErrorClass, afterWorkerDied)
  return errors
}

describe.each(POOL_KINDS)(
  '%s crashes that break the pool (test_deadlock.ExecutorDeadlockTest.test_crash_during_func_exec_on_worker, test_crash_at_task_unpickle, test_error_at_task_unpickle, test_crash_big_data)',
  (name, Kind) => {
    it('EX-25 process.exit(3) inside a task (DESIGN: a worker death, not an exception, unlike EX-26)', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const errors = await crashBehind(name, executor, () =>
        executor.submit(fixtureTask('exitWith'), 3),
      )
      expect(errors[0]).toMatchObject({ exitCode: 3 })
    })

    it('EX-25 an uncaught error thrown outside a task (a timer callback)', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const errors = await crashBehind(name, executor, () =>
        executor.submit(fixtureTask('throwOutsideTaskWhilePending'), 'thrown from a timer'),
      )
      expect((errors[0] as Error).cause).toBeDefined()
    })

    it('EX-29 a worker that dies while loading the task module (test_crash_at_task_unpickle)', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const errors = await crashBehind(name, executor, () =>
        executor.submit(task(new URL('./fixtures/exit-at-import.mjs', import.meta.url), 'never')),
      )
      expect(errors[0]).toMatchObject({ exitCode: 5 })
    })

    it('EX-29 a worker that dies before its large result is sent (test_crash_big_data)', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const errors = await crashBehind(name, executor, () =>
        executor.submit(fixtureTask('exitBeforeBigResult')),
      )
      expect(errors[0]).toMatchObject({ exitCode: 9 })
    })

    it('EX-29 a task module that throws while loading fails the futures that use it; the pool keeps working', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const broken = task(new URL('./fixtures/throw-at-import.mjs', import.meta.url), 'anything')
      const first = executor.submit(broken)
      const second = executor.submit(broken)
      await expect(first.result()).rejects.toThrow('cannot load this module')
      await expect(second.result()).rejects.toThrow('cannot load this module')
      await expect(executor.submit(identity, 'fine').result()).resolves.toBe('fine')
    })
  },
)

describe.each(POOL_KINDS)(
  '%s shutdown racing a crash (test_deadlock.ExecutorDeadlockTest.test_shutdown_deadlock)',
  (name, Kind) => {
    it('EX-36 shutdown({ wait: true }) while a worker is about to crash returns, and the future fails with the broken error', async () => {
      const executor = pool(Kind, { maxWorkers: 1 })
      const counters = sync(Kind)
      const future = executor.submit(fixtureTask('exitWhenOpen'), counters.arg, 4)
      const queued = executor.submit(identity, 1)
      await counters.until(STARTED, 1)
      const stopping = executor.shutdown({ wait: true })
      counters.add(OPEN)
      await stopping
      const { ErrorClass, workerDied } = WORDING[name]
      await expectAllBroken([future, queued], ErrorClass, workerDied)
    })
  },
)

describe('ThreadPoolExecutor resourceLimits', () => {
  it('EX-25 a worker thread over its resourceLimits breaks the pool', async () => {
    const executor = pool(ThreadPoolExecutor, {
      maxWorkers: 1,
      resourceLimits: { maxOldGenerationSizeMb: 16 },
    })
    const errors = await crashBehind('ThreadPoolExecutor', executor, () =>
      executor.submit(fixtureTask('allocateForever')),
    )
    expect(String(((errors[0] as Error).cause as Error).message)).toMatch(/memory/i)
  })
})

describe('ProcessPoolExecutor worker killed by a signal (test_process_pool.ProcessPoolExecutorTest.test_killed_child)', () => {
  it('EX-25 SIGKILL of a worker process breaks the pool; the error names the signal', async () => {
    const executor = pool(ProcessPoolExecutor, { maxWorkers: 1 })
    const errors = await crashBehind('ProcessPoolExecutor', executor, () =>
      executor.submit(fixtureTask('killSelf')),
    )
    expect(errors[0]).toMatchObject({ exitCode: null, signal: 'SIGKILL' })
  })
})
