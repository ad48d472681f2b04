import { describeValue } from '@futures/core'
import { isTaskRef, type TaskRef } from '../task-ref.js'
import { DEF_REF, DEF_SOURCE, type FnDef } from './messages.js'

/** A readable name for the function behind `def`, for error messages. */
export function fnName(def: FnDef): string {
  return def[1] === DEF_REF ? `${def[3]} from ${def[2]}` : def[3]
}

/**
 * What a pool can run: a module reference, or a self-contained function.
 *
 * CPython: the picklable callable `submit` takes.
 * @example
 * const inline: Callable<[number], number> = (n: number) => n * 2 // sent by its source text
 * const byRef: Callable<[number], number> = task(new URL('./tasks.js', import.meta.url), 'double')
 */
export type Callable<A extends unknown[] = never[], R = unknown> =
  | TaskRef<A, R>
  | ((...args: A) => R)

const byFunction = new WeakMap<object, FnDef>()
/** Fresh closures with the same text (made in a loop) share one definition. */
const bySource = new Map<string, FnDef>()
const byRef = new Map<string, FnDef>()
let nextKey = 1

const HINT =
  "Send it by reference instead: export it from a module and pass task(new URL('./module.js', import.meta.url), 'name')."

/**
 * Turns what `submit` was given into how it crosses to a worker, once per function (cached).
 * @throws TypeError at the call for anything that is not a `TaskRef` or a function that can be
 *   sent by its source text: a non-function, a bound or native function, a class, a method
 *   written in shorthand.
 */
export function toFnDef(fn: unknown, what = 'submit()'): FnDef {
  if (typeof fn === 'function') {
    const cached = byFunction.get(fn)
    if (cached !== undefined) return cached
    const source = sourceOf(fn as (...args: never[]) => unknown, what)
    let def = bySource.get(source)
    if (def === undefined) {
      def = [nextKey++, DEF_SOURCE, source, fn.name || '(anonymous)']
      bySource.set(source, def)
    }
    byFunction.set(fn, def)
    return def
  }
  if (isTaskRef(fn)) {
    const id = `${fn.moduleUrl}#${fn.exportName}`
    let def = byRef.get(id)
    if (def === undefined) {
      def = [nextKey++, DEF_REF, fn.moduleUrl, fn.exportName]
      byRef.set(id, def)
    }
    return def
  }
  throw new TypeError(`${what} expects a function or a task() reference, got ${describeValue(fn)}`)
}

function sourceOf(fn: (...args: never[]) => unknown, what: string): string {
  const name = fn.name || '(anonymous)'
  const source = Function.prototype.toString.call(fn)
  if (source.endsWith('{ [native code] }')) {
    const kind = name.startsWith('bound ') ? 'a bound function' : 'a native function'
    throw new TypeError(
      `${what} cannot send ${kind} (${name}) to a worker: only its source text crosses, and it has none. ${HINT}`,
    )
  }
  if (/^class\b/.test(source)) {
    throw new TypeError(`${what} cannot run a class (${name}) as a task; pass a function. ${HINT}`)
  }
  try {
    // Parse only: the worker compiles the same text at its global scope.
    new Function(`return (${source})`)
  } catch {
    throw new TypeError(
      `${what} cannot send ${name} by its source text (a method written in shorthand, or a getter, does not stand alone). ${HINT}`,
    )
  }
  return source
}
