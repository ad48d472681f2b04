import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { FromWorker, WorkerData } from './messages.js'
import type { WorkerEvents, WorkerHandle, WorkerRuntime } from './worker-runtime.js'

/**
 * Child processes (`child_process.fork`) running `worker/process-main.js` from the build, with
 * V8 serialization on the IPC channel, so `BigInt`, `Map`, typed arrays and errors' records
 * cross as they do between threads. The children share the parent's stdout and stderr.
 */
export function processRuntime(execArgv: readonly string[] | undefined): WorkerRuntime {
  const entry = fileURLToPath(new URL('./worker/process-main.js', import.meta.url))
  return {
    kind: 'process',
    spawn(data: WorkerData, name: string, events: WorkerEvents): WorkerHandle {
      const child = fork(entry, [name], {
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv: execArgv === undefined ? [] : [...execArgv],
      })
      let error: unknown
      child.on('message', (message) => events.message(message as FromWorker))
      child.on('error', (e) => {
        // A send to a child that just died is not why it died: its exit code says that.
        if ((e as NodeJS.ErrnoException).code !== 'ERR_IPC_CHANNEL_CLOSED') error = e
      })
      child.on('exit', (code, signal) => events.exit(code, signal, error))
      child.send(data)
      return {
        post: (message) => {
          child.send(message)
        },
        ref: () => {
          child.ref()
          child.channel?.ref()
        },
        unref: () => {
          child.unref()
          child.channel?.unref()
        },
        terminate: () => {
          child.kill('SIGKILL')
        },
      }
    },
  }
}
