/**
 * `@futures/concurrent`: Python's `concurrent.futures` for TypeScript.
 * @packageDocumentation
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
export { type DoneCallback, Future } from './future.js'
export { type WaitOptions, type WaitResult, wait } from './wait.js'
