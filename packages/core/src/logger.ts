/**
 * Where `@futures` reports what it cannot throw: a done callback that threw, a future in an
 * unexpected state. CPython logs these on the `concurrent.futures` and `asyncio` loggers; we
 * call a {@link Logger} registered under the same names. The default writes to `console.error`.
 *
 * Loggers are per process, on `globalThis` under a registered symbol, shared by every copy of
 * the packages.
 * @module
 */

/**
 * The names `@futures` logs under. CPython: the logger names `concurrent.futures` and `asyncio`.
 * @example
 * setLogger('asyncio', myLogger)
 */
export type LoggerName = 'concurrent.futures' | 'asyncio'

/**
 * Receives reports. `error` is the thrown value, when there is one.
 *
 * CPython: `logging.Logger`, reduced to the two levels `@futures` uses.
 * @example
 * const quiet: Logger = { error: () => {}, critical: () => {} }
 */
export interface Logger {
  /** Something failed but the program goes on (CPython `logger.error` / `logger.exception`). */
  error(message: string, error?: unknown): void
  /** An invariant was broken (CPython `logger.critical`). */
  critical(message: string, error?: unknown): void
}

function consoleLogger(name: LoggerName): Logger {
  return {
    error: (message, ...error) => console.error(`${name} ERROR ${message}`, ...error),
    critical: (message, ...error) => console.error(`${name} CRITICAL ${message}`, ...error),
  }
}

const LOGGERS_KEY = Symbol.for('@futures/core/loggers')
type LoggerHolder = { [LOGGERS_KEY]?: Map<LoggerName, Logger> }

function registry(): Map<LoggerName, Logger> {
  const holder = globalThis as LoggerHolder
  let map = holder[LOGGERS_KEY]
  if (map === undefined) {
    map = new Map()
    holder[LOGGERS_KEY] = map
  }
  return map
}

/**
 * The logger registered under `name`, or the default one that writes to `console.error`.
 *
 * CPython: `logging.getLogger('concurrent.futures')` / `logging.getLogger('asyncio')`.
 * @example
 * getLogger('asyncio').error('something went wrong', new Error('boom'))
 * @see {@link https://docs.python.org/3/library/logging.html#logging.getLogger | logging.getLogger}
 */
export function getLogger(name: LoggerName): Logger {
  return registry().get(name) ?? consoleLogger(name)
}

/**
 * Registers `logger` under `name` (`undefined` restores the default).
 *
 * CPython: none directly (in Python you attach a handler to the logger instead).
 * @returns the logger that was in use.
 * @example
 * const errors: unknown[] = []
 * setLogger('concurrent.futures', { error: (_m, e) => errors.push(e), critical: () => {} })
 */
export function setLogger(name: LoggerName, logger: Logger | undefined): Logger {
  const previous = getLogger(name)
  if (logger === undefined) registry().delete(name)
  else registry().set(name, logger)
  return previous
}
