/**
 * The `Symbol.asyncDispose` key, for `await using`. Node has it from 20.4; elsewhere we fall
 * back to `Symbol.for('Symbol.asyncDispose')`, the key esbuild's `using` helper looks for.
 */
export const asyncDispose: typeof Symbol.asyncDispose =
  (Symbol as { asyncDispose?: typeof Symbol.asyncDispose }).asyncDispose ??
  (Symbol.for('Symbol.asyncDispose') as typeof Symbol.asyncDispose)
