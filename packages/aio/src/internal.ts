/**
 * Symbols by which the package's own classes reach each other's internals (`Future` ↔
 * `Task` ↔ `EventLoop`). Not exported from `index.ts`. Those used between objects that may
 * come from two copies of the package (ESM next to CJS) are registered (`Symbol.for`).
 * @module
 */
export const kTasks: unique symbol = Symbol.for('@futures/aio/EventLoop.tasks')
export const kCancelBase: unique symbol = Symbol('@futures/aio/Future.cancelBase')
export const kSetResultBase: unique symbol = Symbol('@futures/aio/Future.setResultBase')
export const kSetExceptionBase: unique symbol = Symbol('@futures/aio/Future.setExceptionBase')
export const kCancelWithError: unique symbol = Symbol('@futures/aio/Future.cancelWithError')
export const kBlocking: unique symbol = Symbol.for('@futures/aio/Future.blocking')
export const kAddWakeup: unique symbol = Symbol('@futures/aio/Future.addWakeup')
export const kAwaiting: unique symbol = Symbol.for('@futures/aio/Task.awaiting')
export const kResumed: unique symbol = Symbol.for('@futures/aio/Task.resumed')
export const kSetResultInline: unique symbol = Symbol('@futures/aio/Future.setResultInline')
export const kStepBegin: unique symbol = Symbol.for('@futures/aio/EventLoop.stepBegin')
export const kStepEnd: unique symbol = Symbol.for('@futures/aio/EventLoop.stepEnd')
export const kCancelMessage: unique symbol = Symbol('@futures/aio/Future.cancelMessage')
/** The loop's `callSoon` without capturing a context: for the package's own callbacks. */
export const kCallSoon: unique symbol = Symbol.for('@futures/aio/EventLoop.callSoonInternal')
/** The loop's `callAt` without capturing a context: for the package's own timers. */
export const kCallAt: unique symbol = Symbol.for('@futures/aio/EventLoop.callAtInternal')
/** `addDoneCallback` without capturing a context: for the package's own callbacks. */
export const kAddCallback: unique symbol = Symbol.for('@futures/aio/Future.addCallbackInternal')
