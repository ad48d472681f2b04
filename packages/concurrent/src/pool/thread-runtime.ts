import type { TransferListItem } from 'node:worker_threads'
import { type ResourceLimits, Worker } from 'node:worker_threads'
import type { FromWorker, WorkerData } from './messages.js'
import type { WorkerEvents, WorkerHandle, WorkerRuntime } from './worker-runtime.js'

/** Worker threads (`node:worker_threads`) running `worker/thread-main.js` from the build. */
export function threadRuntime(resourceLimits: ResourceLimits | undefined): WorkerRuntime {
  const entry = new URL('./worker/thread-main.js', import.meta.url)
  return {
    kind: 'thread',
    spawn(data: WorkerData, name: string, events: WorkerEvents): WorkerHandle {
      const worker = new Worker(entry, {
        workerData: data,
        name,
        ...(resourceLimits === undefined ? {} : { resourceLimits }),
      })
      let error: unknown
      worker.on('message', (message: FromWorker) => events.message(message))
      worker.on('error', (e) => {
        error = e
      })
      worker.on('exit', (code) => events.exit(code, null, error))
      return {
        post: (message, transfer) =>
          worker.postMessage(message, transfer as TransferListItem[] | undefined),
        ref: () => worker.ref(),
        unref: () => worker.unref(),
        terminate: () => {
          void worker.terminate()
        },
      }
    },
  }
}
