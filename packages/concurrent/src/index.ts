/**
 * `@futures/concurrent`: Python's `concurrent.futures` for TypeScript.
 * @packageDocumentation
 * @document ../README.md
 * @module @futures/concurrent
 */
export {
  ALL_COMPLETED,
  CANCELLED,
  CANCELLED_AND_NOTIFIED,
  CancelledError,
  FINISHED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type FutureState,
  getLogger,
  InvalidStateError,
  type Logger,
  type LoggerName,
  PENDING,
  type ReturnWhen,
  RUNNING,
  setLogger,
  TimeoutError,
} from '@futures/core'
export { type AsCompletedOptions, asCompleted } from './as-completed.js'
export { BrokenExecutorError, BrokenProcessPoolError, BrokenThreadPoolError } from './errors.js'
export { Executor, type ShutdownOptions, type TaskResult } from './executor.js'
export { type DoneCallback, Future } from './future.js'
export type { MapOptions } from './map.js'
export type { Callable } from './pool/callable.js'
export { RemoteTraceback } from './pool/error-transport.js'
export type { PoolExecutorOptions, SubmitOptions } from './pool/pool-executor.js'
export { ProcessPoolExecutor, type ProcessPoolExecutorOptions } from './process-pool-executor.js'
export { isTaskRef, type TaskRef, task } from './task-ref.js'
export { ThreadPoolExecutor, type ThreadPoolExecutorOptions } from './thread-pool-executor.js'
export { transfer } from './transfer.js'
export { type WaitOptions, type WaitResult, wait } from './wait.js'
