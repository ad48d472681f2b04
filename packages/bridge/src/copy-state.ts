import type { Future as AioFuture } from '@futures/aio'
import type { Future as ConcurrentFuture } from '@futures/concurrent'
import { AIO_FUTURE_BRAND, hasBrand } from '@futures/core'
import type { AnyFuture } from './guards.js'

/**
 * Reads the outcome of a done future of either kind without marking anything else: `true`
 * and the value, or `false` and the exception (any value, `undefined` included).
 * Callers check `cancelled()` first.
 */
function readOutcome(source: AnyFuture<unknown>, out: { value: unknown }): boolean {
  try {
    out.value = hasBrand(source, AIO_FUTURE_BRAND)
      ? (source as AioFuture<unknown>).result()
      : (source as ConcurrentFuture<unknown>).resultNow()
    return true
  } catch (error) {
    out.value = error
    return false
  }
}

const scratch: { value: unknown } = { value: undefined }

/** CPython's `_copy_future_state`: copies a done `source` into the aio future `dest`. */
export function copyToAio(source: AnyFuture<unknown>, dest: AioFuture<unknown>): void {
  // CPython: a cancelled destination keeps its cancellation; it is not an error.
  if (dest.done()) return
  if (source.cancelled()) {
    dest.cancel()
    return
  }
  const ok = readOutcome(source, scratch)
  const value = scratch.value
  scratch.value = undefined
  if (ok) dest.setResult(value)
  else dest.setException(value)
}

/** CPython's `_set_concurrent_future_state`: copies a done `source` into `dest`. */
export function copyToConcurrent(
  source: AnyFuture<unknown>,
  dest: ConcurrentFuture<unknown>,
): void {
  // Finished by someone else: nothing to copy (CPython would raise in the callback).
  if (dest.done() && !dest.cancelled()) return
  if (source.cancelled()) dest.cancel()
  if (!notify(dest)) return
  const ok = readOutcome(source, scratch)
  const value = scratch.value
  scratch.value = undefined
  if (ok) dest.setResult(value)
  else dest.setException(value)
}

/**
 * `setRunningOrNotifyCancel()`, for a destination that may already have been notified by
 * someone else (then it stays as it is and gets nothing).
 */
function notify(dest: ConcurrentFuture<unknown>): boolean {
  if (!dest.cancelled()) return dest.setRunningOrNotifyCancel()
  try {
    dest.setRunningOrNotifyCancel()
  } catch {
    // already CANCELLED_AND_NOTIFIED
  }
  return false
}
