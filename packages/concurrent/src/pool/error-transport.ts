import { CancelledError, InvalidStateError, TimeoutError } from '@futures/core'
import type { SerializedError, SerializedThrown } from './messages.js'

const STANDARD_KEYS = new Set(['name', 'message', 'stack', 'cause', 'errors'])

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value)
    return true
  } catch {
    return false
  }
}

/**
 * Takes a thrown value apart so it can cross to the parent: an `Error` keeps its class name,
 * message, stack, own properties and `cause` chain; other values cross as they are, or as text
 * when they cannot be cloned.
 */
export function serializeThrown(thrown: unknown): SerializedThrown {
  try {
    return serializeAt(thrown, 0, new Set())
  } catch {
    return { kind: 'opaque', text: describeOpaque(thrown) }
  }
}

/** How deep a `cause`/`errors` tree is followed. */
const MAX_DEPTH = 16

function serializeAt(thrown: unknown, depth: number, seen: Set<unknown>): SerializedThrown {
  if (depth > MAX_DEPTH || seen.has(thrown)) {
    return {
      kind: 'opaque',
      text: `[${depth > MAX_DEPTH ? 'too deep' : 'circular'}: ${describeOpaque(thrown)}]`,
    }
  }
  if (thrown instanceof Error || isErrorLike(thrown)) {
    seen.add(thrown)
    const error = thrown as Error & { errors?: unknown }
    let props: Record<string, unknown> | undefined
    for (const key of Object.keys(error)) {
      if (STANDARD_KEYS.has(key)) continue
      const value = (error as unknown as Record<string, unknown>)[key]
      if (!cloneable(value)) continue
      if (props === undefined) props = {}
      props[key] = value
    }
    const hasCause = 'cause' in error
    const serialized: SerializedError = {
      kind: 'error',
      name: String(error.name),
      message: String(error.message),
      stack: typeof error.stack === 'string' ? error.stack : undefined,
      hasCause,
      cause: hasCause ? serializeAt(error.cause, depth + 1, seen) : undefined,
      props,
      errors: Array.isArray(error.errors)
        ? error.errors.map((e: unknown) => serializeAt(e, depth + 1, seen))
        : undefined,
    }
    seen.delete(thrown)
    return serialized
  }
  if (cloneable(thrown)) return { kind: 'value', value: thrown }
  return { kind: 'opaque', text: describeOpaque(thrown) }
}

function isErrorLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object Error]'
  )
}

function describeOpaque(value: unknown): string {
  try {
    return String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}

const BUILTIN_ERRORS: Record<string, new (message?: string) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  CancelledError,
  InvalidStateError,
  TimeoutError,
}

/**
 * The error a worker's stack is kept in: the `cause` of a rebuilt error that had none of its
 * own (CPython's `_RemoteTraceback`).
 *
 * CPython: `concurrent.futures.process._RemoteTraceback`.
 * @example
 * const error = await future.exception()
 * if (error instanceof Error && error.cause instanceof RemoteTraceback) console.error(error.cause.stack)
 */
export class RemoteTraceback extends Error {
  static {
    RemoteTraceback.prototype.name = 'RemoteTraceback'
  }
}

/**
 * Rebuilds a thrown value in the parent. An error gets its class back when it is a built-in
 * or one of ours (otherwise an `Error` whose `name` is the class name), its message, its
 * worker stack, its own properties and its cause chain. When it had no cause, its `cause` is a
 * {@link RemoteTraceback} holding the worker's stack.
 */
export function rebuildThrown(serialized: SerializedThrown, top = true): unknown {
  if (serialized.kind === 'value') return serialized.value
  if (serialized.kind === 'opaque') return new Error(serialized.text)
  const Ctor = Object.hasOwn(BUILTIN_ERRORS, serialized.name)
    ? (BUILTIN_ERRORS[serialized.name] as new (
        message?: string,
      ) => Error)
    : Error
  const error: Error & { errors?: unknown[] } =
    serialized.errors !== undefined
      ? new AggregateError(
          serialized.errors.map((e) => rebuildThrown(e, false)),
          serialized.message,
        )
      : new Ctor(serialized.message)
  if (error.name !== serialized.name) {
    Object.defineProperty(error, 'name', {
      value: serialized.name,
      writable: true,
      configurable: true,
      enumerable: false,
    })
  }
  if (serialized.stack !== undefined) {
    Object.defineProperty(error, 'stack', {
      value: serialized.stack,
      writable: true,
      configurable: true,
      enumerable: false,
    })
  }
  if (serialized.props !== undefined) Object.assign(error, serialized.props)
  let cause: unknown
  let hasCause = false
  if (serialized.hasCause) {
    cause = serialized.cause === undefined ? undefined : rebuildThrown(serialized.cause, false)
    hasCause = true
  } else if (top && serialized.stack !== undefined) {
    cause = new RemoteTraceback(`\n"""\n${serialized.stack}\n"""`)
    hasCause = true
  }
  if (hasCause) {
    Object.defineProperty(error, 'cause', {
      value: cause,
      writable: true,
      configurable: true,
      enumerable: false,
    })
  }
  return error
}
