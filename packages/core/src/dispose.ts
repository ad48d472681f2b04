/**
 * The `Symbol.asyncDispose` key, for `await using`. Node has it from 20.4; elsewhere we fall
 * back to `Symbol.for('Symbol.asyncDispose')`, the key esbuild's `using` helper looks for.
 *
 * CPython: `__aexit__` (our classes implement `[asyncDispose]` where Python has `async with`).
 * @example
 * class Pool {
 *   async [asyncDispose](): Promise<void> {
 *     // release resources
 *   }
 * }
 * await using pool = new Pool()
 */
export const asyncDispose: typeof Symbol.asyncDispose =
  (Symbol as { asyncDispose?: typeof Symbol.asyncDispose }).asyncDispose ??
  (Symbol.for('Symbol.asyncDispose') as typeof Symbol.asyncDispose)
