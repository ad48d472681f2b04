/**
 * How core's group-wait algorithm (`GroupWait`, `CompletionQueue`) sees aio futures: done is
 * `done()`, and waiters hang on the futures as done callbacks, so they run in a later loop
 * iteration as every aio callback does.
 * @module
 */
import type { CompletionWaiter, GroupWaitProtocol } from '@futures/core'
import type { DoneCallback, Future } from './future.js'
import { whenDone } from './schedule.js'

/** The done callback of a waiter, kept on the waiter itself (looked up twice per future). */
const kCallback = Symbol('aio wait callback')

type WaiterWithCallback = CompletionWaiter<Future<unknown>> & {
  [kCallback]?: DoneCallback<unknown>
}

function callbackOf(waiter: WaiterWithCallback): DoneCallback<unknown> {
  let callback = waiter[kCallback]
  if (callback === undefined) {
    callback = (future) => waiter.onCompleted(future)
    waiter[kCallback] = callback
  }
  return callback
}

/** @internal The protocol of aio futures, for `wait` and `asCompleted`. */
export const aioWaitProtocol: GroupWaitProtocol<Future<unknown>> = {
  isSettled: (future) => future.done(),
  isFailed: (future) => !future.cancelled() && future.exception() !== undefined,
  subscribe: (future, waiter) => whenDone(future, callbackOf(waiter)),
  unsubscribe: (future, waiter) => {
    if (!future.done()) future.removeDoneCallback(callbackOf(waiter))
  },
}
