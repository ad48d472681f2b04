import type { TransferListItem } from 'node:worker_threads'
import { serializeThrown } from '../pool/error-transport.js'
import {
  DEF_REF,
  type FnDef,
  type FromWorker,
  RESULT_ERROR,
  RESULT_OK,
  TASK_ABORTABLE,
  TASK_CHUNK,
  type ToWorker,
  type WorkerData,
} from '../pool/messages.js'
import { isTransferMarker, transferProblem } from '../transfer.js'
import { setCurrentSignal } from './current-signal.js'

/** How the loop talks to its pool: a worker thread's port or a child process's IPC channel. */
export interface Channel {
  post(message: FromWorker, transfer?: TransferListItem[]): void
  onMessage(listener: (message: ToWorker) => void): void
  /** Leaves the worker for good. */
  exit(code: number): void
}

type TaskFn = (...args: unknown[]) => unknown

const SOURCE_HINT =
  " (this function was sent by its source text, so it cannot use variables or imports of the scope it was written in; export it from a module and submit task(moduleUrl, 'name') instead)"

const now = () => performance.now()

/** How long a batch may run before the results so far are sent. */
const FLUSH_EVERY_MS = 1

async function loadRef(moduleUrl: string, exportName: string): Promise<TaskFn> {
  const mod = (await import(moduleUrl)) as Record<string, unknown>
  const fn = mod[exportName]
  if (typeof fn !== 'function') {
    throw new TypeError(
      `export '${exportName}' of ${moduleUrl} is not a function (got ${typeof fn})`,
    )
  }
  return fn as TaskFn
}

function compileSource(source: string): TaskFn {
  // The Function constructor compiles at global scope: the task sees no variable of this module.
  const fn: unknown = new Function(`return (${source})`)()
  if (typeof fn !== 'function')
    throw new TypeError('the task source did not evaluate to a function')
  return fn as TaskFn
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

/**
 * Runs a worker: the initializer first, then every batch of tasks it is sent. Results are
 * posted in batches (one message for everything that finished in the same run of code), and
 * a result that cannot be cloned fails only its own task.
 */
export function startWorkerLoop(channel: Channel, data: WorkerData): void {
  const functions = new Map<number, TaskFn | Promise<TaskFn>>()
  /** Keys of the functions sent by their source text. */
  const bySource = new Set<number>()
  const controllers = new Map<number, AbortController>()
  let outgoing: unknown[] = []
  /** What to move with the pending results (from `transfer()`), if anything. */
  let outgoingTransfer: TransferListItem[] | undefined
  let busyMs = 0
  let flushScheduled = false
  let ready = false
  const early: ToWorker[] = []

  const flush = () => {
    flushScheduled = false
    if (outgoing.length === 0) return
    const r = outgoing
    const busy = busyMs
    const transfer = outgoingTransfer
    outgoing = []
    outgoingTransfer = undefined
    busyMs = 0
    try {
      channel.post({ t: 'results', r, busyMs: busy }, transfer)
    } catch {
      // Something in the batch cannot be cloned: send the results one by one, and fail only
      // the ones that cannot cross.
      for (let i = 0; i < r.length; i += 3) {
        const one = [r[i], r[i + 1], r[i + 2]]
        try {
          channel.post({ t: 'results', r: one, busyMs: 0 })
        } catch (error) {
          const why = new TypeError(
            `the task's ${r[i + 1] === RESULT_OK ? 'result' : 'exception'} could not be sent back from the worker: ${(error as Error).message}`,
          )
          channel.post({ t: 'results', r: [r[i], RESULT_ERROR, serializeThrown(why)], busyMs: 0 })
        }
      }
    }
  }

  const finish = (id: number, status: number, payload: unknown, startedAt: number) => {
    busyMs += now() - startedAt
    if (status === RESULT_OK && isTransferMarker(payload)) {
      const problem = transferProblem(payload.list, outgoingTransfer)
      if (problem !== undefined) {
        status = RESULT_ERROR
        payload = serializeThrown(
          new TypeError(`the task's result cannot be transferred: ${problem}`),
        )
      } else {
        outgoingTransfer = (outgoingTransfer ?? []).concat(payload.list)
        payload = payload.value
      }
    }
    outgoing.push(id, status, payload)
    if (!flushScheduled) {
      flushScheduled = true
      queueMicrotask(flush)
    }
  }

  const define = (def: FnDef) => {
    const [key, kind] = def
    if (functions.has(key)) return
    if (kind === DEF_REF) {
      const loading = loadRef(def[2] as string, def[3] as string)
      functions.set(key, loading)
      loading.then(
        (fn) => functions.set(key, fn),
        () => {},
      )
    } else {
      bySource.add(key)
      try {
        functions.set(key, compileSource(def[2] as string))
      } catch (error) {
        functions.set(key, Promise.reject(error))
      }
    }
  }

  const call = (fn: TaskFn, args: unknown, flags: number): unknown => {
    if ((flags & TASK_CHUNK) !== 0) {
      const list = args as unknown[][]
      const results: unknown[] = []
      let async = false
      for (const one of list) {
        const r = fn(...one)
        if (isThenable(r)) async = true
        results.push(r)
      }
      return async ? Promise.all(results) : results
    }
    return fn(...(args as unknown[]))
  }

  const runTask = (id: number, key: number, args: unknown, flags: number) => {
    const startedAt = now()
    const abortable = (flags & TASK_ABORTABLE) !== 0
    let controller: AbortController | undefined
    if (abortable) {
      controller = new AbortController()
      controllers.set(id, controller)
      setCurrentSignal(controller.signal)
    }
    const done = (status: number, payload: unknown) => {
      if (abortable) {
        controllers.delete(id)
        setCurrentSignal(undefined)
      }
      finish(id, status, payload, startedAt)
    }
    const fail = (error: unknown) => {
      try {
        if (
          error instanceof ReferenceError &&
          bySource.has(key) &&
          /^\S+ is not defined$/.test(error.message)
        ) {
          // The likeliest cause: the function used a variable of the scope it was written in.
          error.message += `${SOURCE_HINT}`
        }
      } catch {
        // A frozen error keeps its message.
      }
      done(RESULT_ERROR, serializeThrown(error))
    }
    const fn = functions.get(key)
    try {
      if (fn === undefined) throw new Error(`internal: function ${key} was never defined`)
      if (typeof fn !== 'function') {
        fn.then((loaded) => {
          try {
            settle(call(loaded, args, flags))
          } catch (error) {
            fail(error)
          }
        }, fail)
        return
      }
      settle(call(fn, args, flags))
    } catch (error) {
      fail(error)
    }
    function settle(result: unknown) {
      if (isThenable(result)) {
        result.then((value) => done(RESULT_OK, value), fail)
      } else {
        done(RESULT_OK, result)
      }
    }
  }

  const handle = (message: ToWorker) => {
    switch (message.t) {
      case 'run': {
        if (message.defs !== undefined) for (const def of message.defs) define(def)
        const tasks = message.tasks
        let since = now()
        for (let i = 0; i < tasks.length; i += 4) {
          runTask(tasks[i] as number, tasks[i + 1] as number, tasks[i + 2], tasks[i + 3] as number)
          // A long batch sends what is done so far now and then, so the first results (and
          // the pool's measure of task time) do not wait for the whole batch.
          if ((i & 60) === 60 && outgoing.length > 0 && now() - since > FLUSH_EVERY_MS) {
            flush()
            since = now()
          }
        }
        return
      }
      case 'abort':
        controllers.get(message.id)?.abort(message.reason)
        return
      case 'stop':
        flush()
        channel.exit(0)
        return
    }
  }

  channel.onMessage((message) => {
    if (ready) handle(message)
    else early.push(message)
  })

  const start = async () => {
    if (data.initializer !== undefined) {
      const def = data.initializer
      const fn = def[1] === DEF_REF ? await loadRef(def[2], def[3]) : compileSource(def[2])
      await fn(...data.initargs)
    }
  }
  start().then(
    () => {
      ready = true
      channel.post({ t: 'ready' })
      for (const message of early.splice(0)) handle(message)
    },
    (error: unknown) => {
      channel.post({ t: 'init-failed', error: serializeThrown(error) })
    },
  )
}
