/**
 * The protocol between a pool and its workers, in one place. Messages are plain arrays and
 * objects that survive structured clone (worker threads) and V8 serialization (child
 * processes, `serialization: 'advanced'`). Hot-path payloads are flat arrays, not one object
 * per task.
 * @module
 */

/** How a task's function is sent: by module reference, or by its source text. */
export type FnDef =
  | readonly [key: number, kind: typeof DEF_REF, moduleUrl: string, exportName: string]
  | readonly [key: number, kind: typeof DEF_SOURCE, source: string, name: string]
export const DEF_REF = 0
export const DEF_SOURCE = 1

/** Task flags, in the flat `run` list. */
export const TASK_PLAIN = 0
/** `args` is a list of argument lists; the result is the list of results (a `map` chunk). */
export const TASK_CHUNK = 1
/** The task gets its own AbortSignal (`submitWith`). */
export const TASK_ABORTABLE = 2

/** What a worker gets at start (`workerData` / the first message). */
export interface WorkerData {
  /** The initializer, if any, run once before the first task. */
  readonly initializer: FnDef | undefined
  readonly initargs: readonly unknown[]
}

/** Parent → worker. */
export type ToWorker =
  /**
   * Run tasks. `defs` defines the functions this worker has not seen yet. `tasks` is flat:
   * `id, fnKey, args, flags` per task.
   */
  | { readonly t: 'run'; readonly defs: readonly FnDef[] | undefined; readonly tasks: unknown[] }
  /** Abort the running abortable task `id` with `reason`. */
  | { readonly t: 'abort'; readonly id: number; readonly reason: unknown }
  /** Exit once idle (shutdown, `maxTasksPerChild`). */
  | { readonly t: 'stop' }

/** Result statuses, in the flat `results` list. */
export const RESULT_OK = 0
export const RESULT_ERROR = 1

/** Worker → parent. */
export type FromWorker =
  /** The initializer (if any) succeeded; tasks may run. */
  | { readonly t: 'ready' }
  /** The initializer threw: the pool is broken. */
  | { readonly t: 'init-failed'; readonly error: SerializedThrown }
  /**
   * Results, flat: `id, status, payload` per task (payload: the value, or a
   * {@link SerializedThrown}). `busyMs` is the summed run time of these tasks.
   */
  | { readonly t: 'results'; readonly r: unknown[]; readonly busyMs: number }

/** An `Error` taken apart to cross the boundary (structured clone drops its class). */
export interface SerializedError {
  readonly kind: 'error'
  readonly name: string
  readonly message: string
  readonly stack: string | undefined
  readonly cause: SerializedThrown | undefined
  readonly hasCause: boolean
  /** Own enumerable properties (other than the standard ones) that could be cloned. */
  readonly props: Record<string, unknown> | undefined
  /** For an AggregateError: its errors. */
  readonly errors: SerializedThrown[] | undefined
}

/** Anything a task may throw, ready to cross. */
export type SerializedThrown =
  | SerializedError
  /** A thrown non-Error value that can be cloned as it is (`undefined`, a string, a record). */
  | { readonly kind: 'value'; readonly value: unknown }
  /** A thrown value that cannot be cloned: its description. */
  | { readonly kind: 'opaque'; readonly text: string }
