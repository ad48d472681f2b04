let exiting = false
let watching = false

/**
 * Starts watching for the host process's `'exit'` (once, when the first pool is made, so that
 * importing the package has no side effect).
 */
export function watchInterpreterExit(): void {
  if (watching) return
  watching = true
  process.once('exit', () => {
    exiting = true
  })
}

/**
 * CPython refuses new work once the interpreter is shutting down; our nearest moment is the
 * process `'exit'` event, after which no worker could run anything.
 * @throws Error `'cannot schedule new futures after interpreter shutdown'`.
 */
export function checkNotExiting(): void {
  if (exiting) throw new Error('cannot schedule new futures after interpreter shutdown')
}
