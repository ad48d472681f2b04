/**
 * `@futures/aio`: Python's asyncio futures for TypeScript: `EventLoop`, `Future`, `Task`,
 * `sleep`, `run`, and the group functions `gather`, `wait`, `asCompleted`, `waitFor`,
 * `shield`, `timeout`, `timeoutAt`, `TaskGroup`, `withTaskGroup`.
 * @packageDocumentation
 * @document ../README.md
 * @module @futures/aio
 */
export {
  ALL_COMPLETED,
  CANCELLED,
  CancelledError,
  FINISHED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  getLogger,
  InvalidStateError,
  type Logger,
  type LoggerName,
  PENDING,
  type ReturnWhen,
  setLogger,
  TimeoutError,
} from '@futures/core'
export {
  type AsCompletedIterator,
  type AsCompletedOptions,
  asCompleted,
  type CompletedOf,
} from './as-completed.js'
export type { AioAwaitable, AwaitedOf } from './awaitable.js'
export { allTasks, createTask, currentTask } from './current-task.js'
export { type EnsureFutureOptions, ensureFuture, isFuture } from './ensure-future.js'
export {
  EventLoop,
  type ExceptionContext,
  type ExceptionHandler,
  type LoopExecutor,
  newEventLoop,
} from './event-loop.js'
export { getEventLoop, getRunningLoop, setEventLoop } from './events.js'
export {
  type CallbackContext,
  type DoneCallback,
  type DoneCallbackOptions,
  Future,
  type FutureOptions,
} from './future.js'
export {
  type GatherOptions,
  type GatherResult,
  type GatherSettledResult,
  gather,
} from './gather.js'
export { Handle, type LoopCallback, TimerHandle } from './handles.js'
export { type RunOptions, run } from './run.js'
export { shield } from './shield.js'
export { sleep } from './sleep.js'
export {
  type AsyncCoroutine,
  type CoroutineLike,
  type GeneratorCoroutine,
  Task,
  type TaskConstructorOptions,
  type TaskOptions,
} from './task.js'
export { TaskGroup, TaskGroupError, withTaskGroup } from './task-group.js'
export { Timeout, timeout, timeoutAt } from './timeout.js'
export { type AioWaitResult, type WaitAwaitable, type WaitOptions, wait } from './wait.js'
export { waitFor } from './wait-for.js'
