const TASK_REF_BRAND = Symbol.for('@futures/concurrent/TaskRef')

/**
 * A reference to a function exported by a module, to run in a worker: the worker imports
 * `moduleUrl` (once, then cached) and calls its export `exportName`. CPython pickles functions
 * by reference in the same way. Made by {@link task}.
 *
 * CPython: a function pickled by reference (`module.qualname`).
 * @example
 * const ref: TaskRef<[number], number> = task(new URL('./tasks.js', import.meta.url), 'fib')
 */
export interface TaskRef<A extends unknown[] = unknown[], R = unknown> {
  /** The module to import in the worker, as an absolute URL (`file:` or `data:`). */
  readonly moduleUrl: string
  /** The export to call. */
  readonly exportName: string
  /** @internal carries the function type for inference only. */
  readonly __signature?: ((...args: A) => R) | undefined
}

/**
 * Names a function exported by a module, so a worker can load and run it: the way to send
 * code that uses imports or closures, which a function sent by its source text cannot.
 *
 * CPython: none; it stands for pickling a module-level function by reference.
 *
 * @param moduleUrl the module, as a URL or an absolute path (`new URL('./tasks.js', import.meta.url)`).
 * @param exportName the export to call. @defaultValue `'default'`
 * @throws TypeError if `moduleUrl` is not a URL or an absolute path, or `exportName` is empty.
 * @example
 * // tasks.js: export function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }
 * const fib = task<[number], number>(new URL('./tasks.js', import.meta.url), 'fib')
 * const future = pool.submit(fib, 30)
 * @see {@link https://docs.python.org/3/library/pickle.html#what-can-be-pickled-and-unpickled | pickling functions by reference}
 */
export function task<A extends unknown[] = unknown[], R = unknown>(
  moduleUrl: string | URL,
  exportName = 'default',
): TaskRef<A, R> {
  let url: string
  if (moduleUrl instanceof URL) url = moduleUrl.href
  else if (typeof moduleUrl === 'string' && moduleUrl.startsWith('/')) url = `file://${moduleUrl}`
  else if (typeof moduleUrl === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(moduleUrl)) url = moduleUrl
  else {
    throw new TypeError(
      `task() needs a module URL or an absolute path, got ${JSON.stringify(moduleUrl)}; use new URL('./module.js', import.meta.url)`,
    )
  }
  if (typeof exportName !== 'string' || exportName === '') {
    throw new TypeError('task() needs a non-empty export name')
  }
  const ref = { moduleUrl: url, exportName }
  Object.defineProperty(ref, TASK_REF_BRAND, { value: true })
  return Object.freeze(ref)
}

/**
 * Whether `value` was made by {@link task} (from any copy of this package).
 *
 * CPython: none.
 * @example
 * isTaskRef(task('/srv/tasks.js', 'fib')) // true
 * isTaskRef((n: number) => n) // false
 */
export function isTaskRef(value: unknown): value is TaskRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[TASK_REF_BRAND] === true
  )
}
