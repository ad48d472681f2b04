/**
 * `@futures/concurrent/worker`: what a task running in a pool worker can use.
 * @packageDocumentation
 * @module @futures/concurrent/worker
 */
export { transfer } from '../transfer.js'
export { currentSignal } from './current-signal.js'
