/**
 * Per-process state of `@futures/aio`, kept on `globalThis` under a registered symbol: the ESM
 * and CJS builds, the `.` and `./testing` entries, and two installed copies all see one
 * running loop, one current task and one task counter.
 * @module
 */

/** The shared state. Fields are typed loosely here so that this file imports nothing. */
export interface AioState {
  /** The loop whose `runForever()` is in progress. */
  runningLoop: unknown
  /** The loop set with `setEventLoop`. */
  currentLoop: unknown
  /** The task whose step is running synchronously right now. */
  steppingTask: unknown
  /** Counter behind the `Task-<n>` default names (shared by all loops, as in CPython). */
  taskCounter: number
  /** The `AsyncLocalStorage` of async-function tasks, once one has started. */
  taskContext: { run<R>(store: undefined, fn: () => R): R; getStore(): unknown } | undefined
  /**
   * The async-function task whose step the running loop paused its batch for (from its resume
   * until the batch goes on, so every future it awaits at once is seen). The browser host's
   * stand-in for `AsyncLocalStorage` reads it.
   */
  openStep: unknown
}

const STATE_KEY = Symbol.for('@futures/aio/state')
type Holder = { [STATE_KEY]?: AioState }

/** The per-process state, created on first use. */
export function sharedState(): AioState {
  const holder = globalThis as Holder
  let state = holder[STATE_KEY]
  if (state === undefined) {
    state = {
      runningLoop: undefined,
      currentLoop: undefined,
      steppingTask: undefined,
      taskCounter: 0,
      taskContext: undefined,
      openStep: undefined,
    }
    holder[STATE_KEY] = state
  }
  return state
}
