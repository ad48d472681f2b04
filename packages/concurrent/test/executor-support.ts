/**
 * Shared helpers for the executor tests: pools that are shut down after each test, counters a
 * test shares with its running tasks (to block and release them without sleeps), the fixture
 * tasks by reference, and a runner for child `node` scripts. Not a test file itself.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type Executor,
  type Future,
  ProcessPoolExecutor,
  type ProcessPoolExecutorOptions,
  type TaskRef,
  ThreadPoolExecutor,
  type ThreadPoolExecutorOptions,
  task,
  wait,
} from '@futures/concurrent'
import { afterEach } from 'vitest'

/** Both pool kinds, for `describe.each(POOL_KINDS)('%s …', (_name, Kind) => …)`. */
export const POOL_KINDS = [
  ['ThreadPoolExecutor', ThreadPoolExecutor],
  ['ProcessPoolExecutor', ProcessPoolExecutor],
] as const
export type PoolClass = typeof ThreadPoolExecutor | typeof ProcessPoolExecutor

/** What `fn` threw (so assertions on it sit outside any `catch`); fails if it did not throw. */
export function thrownBy(fn: () => unknown): unknown {
  let thrown: unknown
  let threw = false
  try {
    fn()
  } catch (error) {
    threw = true
    thrown = error
  }
  if (!threw) throw new Error('expected the call to throw, and it returned')
  return thrown
}

/** Waits (bounded) until every future is done; returns those still pending afterwards. */
export async function stillPending(
  futures: Iterable<Future<unknown>>,
  limitMs = 10_000,
): Promise<Future<unknown>[]> {
  const { notDone } = await wait(futures, { timeout: limitMs })
  return [...notDone]
}

/** The worker identity `whoami` returns: `pid:threadId`. */
export function pidOf(identity: unknown): number {
  return Number(String(identity).split(':')[0])
}

/** Whether a process with this pid exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A function exported by `fixtures/tasks.mjs`, by reference. */
export function fixtureTask<A extends unknown[] = unknown[], R = unknown>(
  name: string,
): TaskRef<A, R> {
  return task<A, R>(new URL('./fixtures/tasks.mjs', import.meta.url), name)
}

/** The counter slots of `fixtures/sync.mjs`. */
export const STARTED = 0
export const OPEN = 1
export const FINISHED = 2
const SLOTS = 8

/** What a task receives to share counters with the test (see `fixtures/sync.mjs`). */
export type SyncArg = { readonly sab: SharedArrayBuffer } | { readonly dir: string }

/** Counters shared with running tasks: a SharedArrayBuffer for threads, a directory for processes. */
export interface Sync {
  /** Pass this to the fixture tasks. */
  readonly arg: SyncArg
  count(slot: number): number
  add(slot: number, n?: number): void
  /** Makes `slot` count as infinite (releases every `gated` task). */
  addAll(slot: number): void
  /** Resolves once counter `slot` is at least `n`. */
  until(slot: number, n: number): Promise<void>
}

type WaitAsync = (
  view: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) => { async: boolean; value: Promise<string> | string }

function sabSync(): Sync {
  const sab = new SharedArrayBuffer(SLOTS * 4)
  const view = new Int32Array(sab)
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync
  return {
    arg: { sab },
    count: (slot) => Atomics.load(view, slot),
    add(slot, n = 1) {
      Atomics.add(view, slot, n)
      Atomics.notify(view, slot)
    },
    addAll(slot) {
      Atomics.add(view, slot, 1_000_000)
      Atomics.notify(view, slot)
    },
    async until(slot, n) {
      for (;;) {
        const value = Atomics.load(view, slot)
        if (value >= n) return
        const result = waitAsync(view, slot, value, 100)
        if (result.async) await result.value
      }
    },
  }
}

function dirSync(dir: string): Sync {
  let serial = 0
  const count = (slot: number): number => {
    let names: string[]
    try {
      names = readdirSync(join(dir, String(slot)))
    } catch {
      return 0
    }
    return names.includes('all') ? Number.POSITIVE_INFINITY : names.length
  }
  const folder = (slot: number): string => {
    const path = join(dir, String(slot))
    mkdirSync(path, { recursive: true })
    return path
  }
  return {
    arg: { dir },
    count,
    add(slot, n = 1) {
      const path = folder(slot)
      for (let i = 0; i < n; i++) writeFileSync(join(path, `parent-${serial++}`), '')
    },
    addAll(slot) {
      writeFileSync(join(folder(slot), 'all'), '')
    },
    async until(slot, n) {
      while (count(slot) < n) await new Promise((resolve) => setTimeout(resolve, 5))
    },
  }
}

/**
 * Registers an `afterEach` that releases every task blocked on a {@link Sync}, shuts down every
 * pool made through it, and removes the temporary directories. Call once per file, at the top.
 */
export function usePools() {
  const pools: Executor[] = []
  const syncs: Sync[] = []
  const dirs: string[] = []
  afterEach(async () => {
    for (const sync of syncs.splice(0)) sync.addAll(OPEN)
    await Promise.all(pools.splice(0).map((pool) => pool.shutdown({ wait: true })))
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return {
    /** A pool of the given kind, shut down after the test. */
    pool<K extends PoolClass>(
      Kind: K,
      options: ThreadPoolExecutorOptions & ProcessPoolExecutorOptions = {},
    ): InstanceType<K> {
      const pool = new Kind(options) as InstanceType<K>
      pools.push(pool)
      return pool
    },
    /** Tracks an executor made otherwise, so it is shut down after the test. */
    track<E extends Executor>(executor: E): E {
      pools.push(executor)
      return executor
    },
    /** Counters for tasks of the given pool kind, released after the test. */
    sync(Kind: PoolClass): Sync {
      let sync: Sync
      if (Kind === ThreadPoolExecutor) sync = sabSync()
      else {
        const dir = mkdtempSync(join(tmpdir(), 'futures-executor-test-'))
        dirs.push(dir)
        sync = dirSync(dir)
      }
      syncs.push(sync)
      return sync
    },
  }
}

/** The state of a future, read through `wait` with timeout 0 (CANCELLED_AND_NOTIFIED counts as done). */
export async function seenAsDone(futures: Iterable<Future<unknown>>): Promise<number> {
  const { done } = await wait(futures, { timeout: 0 })
  return done.size
}

export interface ScriptResult {
  readonly code: number | null
  readonly signal: string | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `fixtures/<name>` in a child `node` (with `nodeOptions`) and `args`; kills it after
 * `limitMs` (a generous bound for "exits by itself", never a speed assertion).
 */
export function runScript(
  name: string,
  args: readonly string[] = [],
  limitMs = 15_000,
  nodeOptions: readonly string[] = [],
): Promise<ScriptResult> {
  const script = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeOptions, script, ...args],
      { timeout: limitMs, killSignal: 'SIGKILL', encoding: 'utf8' },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: unknown; signal?: unknown }) | null
        resolve({
          code: failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null,
          signal:
            failure === null ? null : typeof failure.signal === 'string' ? failure.signal : null,
          stdout,
          stderr,
        })
      },
    )
  })
}

/** Whether `promise` has settled once everything queued so far (and one host turn) has run. */
export async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false
  promise.then(
    () => {
      settled = true
    },
    () => {
      settled = true
    },
  )
  await new Promise((resolve) => setImmediate(resolve))
  return settled
}
