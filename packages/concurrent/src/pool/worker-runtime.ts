import type { TransferListItem } from 'node:worker_threads'
import type { FromWorker, ToWorker, WorkerData } from './messages.js'

/**
 * One worker as the pool sees it, whatever runs it (tinypool's "one worker interface, two
 * runtimes"): a worker thread or a child process.
 */
export interface WorkerHandle {
  /** Sends a message (moving `transfer` where the runtime can); throws if it cannot be cloned. */
  post(message: ToWorker, transfer?: readonly TransferListItem[]): void
  /** Keeps the host process alive while the worker has work. */
  ref(): void
  /** Lets the host process exit while the worker is idle. */
  unref(): void
  /** Stops the worker at once, whatever it is doing. */
  terminate(): void
}

/** What a runtime reports about its worker. */
export interface WorkerEvents {
  message(message: FromWorker): void
  /** The worker is gone: `code` is its exit code, `signal` the signal that killed it, if any. */
  exit(code: number | null, signal: string | null, error: unknown): void
}

/** Starts workers of one kind. */
export interface WorkerRuntime {
  /** `'thread'` or `'process'`. */
  readonly kind: 'thread' | 'process'
  spawn(data: WorkerData, name: string, events: WorkerEvents): WorkerHandle
}
