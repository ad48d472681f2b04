/**
 * `@futures/core`: the state-machine primitives both Future kinds share.
 * @packageDocumentation
 * @document ../README.md
 * @module @futures/core
 */
export { AIO_FUTURE_BRAND, CONCURRENT_FUTURE_BRAND, hasBrand } from './brands.js'
export { CallbackList } from './callback-list.js'
export { type Clock, getClock, hostClock, setClock, type TimerId } from './clock.js'
export { asyncDispose } from './dispose.js'
export { CancelledError, InvalidStateError, TimeoutError } from './errors.js'
export {
  ALL_COMPLETED,
  CompletionQueue,
  type CompletionWaiter,
  type DoneAndNotDone,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  GroupWait,
  type GroupWaitProtocol,
  type ReturnWhen,
  toReturnWhen,
  type WaitOptions,
} from './group-wait.js'
export { getLogger, type Logger, type LoggerName, setLogger } from './logger.js'
export { ManualClock } from './manual-clock.js'
export {
  type AioFutureState,
  CANCELLED,
  CANCELLED_AND_NOTIFIED,
  FINISHED,
  type FutureState,
  PENDING,
  RUNNING,
} from './states.js'
export { describeValue, toTimeoutMs } from './timeout.js'
export {
  CONCURRENT_TRANSITIONS,
  canTransition,
  isCancelledState,
  isDoneState,
  isSettledForWait,
  stateLabel,
  typeLabel,
} from './transitions.js'
