import type { TransferListItem } from 'node:worker_threads'

const TRANSFER_BRAND = Symbol.for('@futures/concurrent/transfer')

/** @internal the marker {@link transfer} returns. */
export interface TransferMarker {
  readonly value: unknown
  readonly list: readonly TransferListItem[]
}

/**
 * Marks a value to be moved to (or back from) a worker thread instead of copied: its
 * `ArrayBuffer`s are transferred, so the sender can no longer use them. Use it for an argument
 * of `submit` or for a task's return value (import it from `@futures/concurrent/worker` there).
 * Process pools copy instead (there is no shared address space to move into).
 *
 * CPython: none (Python threads share memory; this is `postMessage`'s transfer list).
 *
 * @param value an `ArrayBuffer`, a typed array or `DataView` (its buffer moves), or any value
 *   with an explicit `transferList`.
 * @throws TypeError if there is nothing to transfer and no `transferList` is given.
 * @example
 * const pixels = new Uint8Array(1 << 24)
 * const future = pool.submit(task(url, 'blur'), transfer(pixels)) // no copy of 16 MiB
 */
export function transfer<T>(value: T, transferList?: readonly TransferListItem[]): T {
  let list: readonly TransferListItem[]
  if (transferList !== undefined) list = transferList
  else if (value instanceof ArrayBuffer) list = [value]
  else if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) list = [value.buffer]
  else {
    throw new TypeError(
      'transfer() needs an ArrayBuffer, a typed array or DataView, or an explicit transferList',
    )
  }
  const marker = { value, list }
  Object.defineProperty(marker, TRANSFER_BRAND, { value: true })
  return marker as unknown as T
}

/** @internal whether `value` came from {@link transfer}. */
export function isTransferMarker(value: unknown): value is TransferMarker {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[TRANSFER_BRAND] === true
  )
}

function isDetached(buffer: ArrayBuffer): boolean {
  if (buffer.byteLength !== 0) return false
  try {
    new Uint8Array(buffer)
    return false
  } catch {
    return true
  }
}

/**
 * @internal why `list` cannot be transferred (together with `already`, the rest of the same
 * message), or `undefined` if it can: a buffer that was already moved away, or the same buffer
 * twice. (Node drops such a message silently instead of throwing.)
 */
export function transferProblem(
  list: readonly TransferListItem[],
  already: readonly TransferListItem[] | undefined,
): string | undefined {
  const seen = new Set(already)
  for (const item of list) {
    if (seen.has(item)) return 'the same buffer is transferred twice'
    seen.add(item)
    if (item instanceof ArrayBuffer && isDetached(item)) {
      return 'an ArrayBuffer was already transferred (it is detached)'
    }
  }
  return undefined
}

/**
 * @internal replaces transfer markers among `args` by their values, in place.
 * @returns what to transfer, or `undefined` when nothing is.
 * @throws TypeError if a buffer was already transferred, or is marked twice.
 */
export function unwrapTransfers(args: unknown[]): TransferListItem[] | undefined {
  let list: TransferListItem[] | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (isTransferMarker(arg)) {
      const problem = transferProblem(arg.list, list)
      if (problem !== undefined)
        throw new TypeError(`cannot transfer argument ${i + 1}: ${problem}`)
      args[i] = arg.value
      if (list === undefined) list = []
      for (const t of arg.list) list.push(t)
    }
  }
  return list
}
