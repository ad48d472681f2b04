// Entry of a ProcessPoolExecutor worker (a child process started with `fork`, advanced
// serialization). The worker data arrives as the first message.
import type { ToWorker, WorkerData } from '../pool/messages.js'
import { startWorkerLoop } from './worker-loop.js'

const send = process.send?.bind(process)
if (send === undefined) throw new Error('process-main must run in a forked child process')

process.once('message', (data: WorkerData) => {
  startWorkerLoop(
    {
      post: (message) => {
        send(message)
      },
      onMessage: (listener) => process.on('message', (m) => listener(m as ToWorker)),
      exit: (code) => process.exit(code),
    },
    data,
  )
})
// The parent went away: nothing more will come.
process.on('disconnect', () => process.exit(0))
