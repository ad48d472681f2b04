// Entry of a ThreadPoolExecutor worker (a worker thread).
import { parentPort, workerData } from 'node:worker_threads'
import type { WorkerData } from '../pool/messages.js'
import { startWorkerLoop } from './worker-loop.js'

const port = parentPort
if (port === null) throw new Error('thread-main must run in a worker thread')

startWorkerLoop(
  {
    post: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => port.on('message', listener),
    exit: (code) => process.exit(code),
  },
  workerData as WorkerData,
)
