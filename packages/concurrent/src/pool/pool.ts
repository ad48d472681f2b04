import type { TransferListItem } from 'node:worker_threads'
import {
  CANCELLED,
  CANCELLED_AND_NOTIFIED,
  describeValue,
  FINISHED,
  getClock,
  getLogger,
} from '@futures/core'
import type { BrokenExecutorError } from '../errors.js'
import { Future } from '../future.js'
import { kState } from '../protocol.js'
import { transferProblem } from '../transfer.js'
import { fnName } from './callable.js'
import { rebuildThrown } from './error-transport.js'
import {
  type FnDef,
  type FromWorker,
  RESULT_OK,
  type SerializedThrown,
  type WorkerData,
} from './messages.js'
import type { WorkerHandle, WorkerRuntime } from './worker-runtime.js'

/** How a broken pool words its errors (CPython's messages, per pool kind). */
export interface BrokenWording {
  readonly ErrorClass: new (message: string, options?: ErrorOptions) => BrokenExecutorError
  /** For the futures that were pending or running when a worker died. */
  readonly workerDied: string
  /** For `submit` once the pool is broken by a dead worker. */
  readonly afterWorkerDied: string
  /** For pending futures and later `submit`s once an initializer failed. */
  readonly initializerFailed: string
  /** For `submit` once an initializer failed (process pools word it as a dead worker). */
  readonly afterInitializerFailed: string
}

export interface PoolConfig {
  readonly maxWorkers: number
  readonly initializer: FnDef | undefined
  readonly initargs: readonly unknown[]
  readonly maxTasksPerChild: number | undefined
  readonly namePrefix: string
  readonly runtime: WorkerRuntime
  readonly broken: BrokenWording
}

interface WorkItem {
  readonly id: number
  readonly future: Future<unknown>
  readonly def: FnDef
  readonly args: unknown
  readonly flags: number
  /** For `submitWith`: how a running task is stopped. */
  readonly abort: AbortPlan | undefined
  /** What `transfer()` marked among the arguments. */
  readonly transfer: TransferListItem[] | undefined
}

/** `submitWith`'s plan for stopping a task. */
export interface AbortPlan {
  /** Milliseconds a task that ignores its signal gets before its worker is terminated. */
  readonly killAfterMs: number
  /** Set once the task has been aborted: the reason. */
  reason?: unknown
  /** Where the task runs, once dispatched. */
  worker?: unknown
  /** The timer that terminates the worker if the task ignores its signal. */
  killTimer?: unknown
}

interface PoolWorker {
  readonly name: string
  handle: WorkerHandle
  readonly inflight: Map<number, WorkItem>
  /** Function keys this worker has been sent. */
  readonly known: Set<number>
  assigned: number
  /** We stopped it (shutdown, `maxTasksPerChild`): its exit is expected. */
  stopping: boolean
  referenced: boolean
  /** Runs a `submitWith` task, alone. */
  exclusive: boolean
}

/** How much work, in ms of measured run time, a worker is given per message. */
const BATCH_TARGET_MS = 2
const MAX_BATCH = 256

/**
 * The machinery both pool kinds share: the queue, lazy workers up to `maxWorkers`, dispatch in
 * batches sized by the measured task time, results, broken-pool handling and shutdown.
 *
 * Work is handed to workers in batches whose size adapts to how long tasks take: slow tasks go
 * one at a time (so queued work stays PENDING and cancellable, as in CPython), fast ones in
 * batches of up to 256 per message, with two batches in flight so a worker never waits.
 */
export class Pool {
  readonly #config: PoolConfig
  #queue: WorkItem[] = []
  #head = 0
  readonly #workers = new Set<PoolWorker>()
  #nextId = 1
  #nextWorker = 0
  /** Moving average of a task's run time, ms; NaN until measured. */
  #avgMs = Number.NaN
  #dispatchScheduled = false
  #unrefScheduled = false
  #shutdown = false
  #broken: string | undefined = undefined
  #exitWaiters: (() => void)[] = []

  constructor(config: PoolConfig) {
    this.#config = config
  }

  /** Throws what `submit` must throw now, if anything (broken first, as in CPython). */
  checkOpen(): void {
    if (this.#broken !== undefined) throw new this.#config.broken.ErrorClass(this.#broken)
    if (this.#shutdown) throw new Error('cannot schedule new futures after shutdown')
  }

  /** Queues a call; its future is returned at once. */
  submit<R>(
    def: FnDef,
    args: unknown,
    flags: number,
    abort?: AbortPlan,
    transfer?: TransferListItem[],
  ): Future<R> {
    this.checkOpen()
    const future = new Future<R>()
    this.#queue.push({
      id: this.#nextId++,
      future: future as Future<unknown>,
      def,
      args,
      flags,
      abort,
      transfer,
    })
    if (!this.#dispatchScheduled) {
      this.#dispatchScheduled = true
      // After the caller's synchronous run: a loop of submits becomes a few batches.
      queueMicrotask(() => {
        this.#dispatchScheduled = false
        this.#dispatch()
      })
    }
    return future
  }

  /** Cancels a future of this pool and, if it was pending, acknowledges it at once. */
  cancelAndNotify(future: Future<unknown>): void {
    if (
      future.cancel() &&
      (future as unknown as Record<symbol, () => string>)[kState]?.() === CANCELLED
    ) {
      future.setRunningOrNotifyCancel()
    }
  }

  /**
   * `submitWith`'s signal fired or its timeout passed: the future fails now with `reason`. A
   * queued task will not run; a running one sees its worker's `currentSignal()` abort, and the
   * worker is terminated (and replaced) if the task is still running `killAfterMs` later.
   */
  abortTask(future: Future<unknown>, plan: AbortPlan, reason: unknown): void {
    if (future.done() || plan.reason !== undefined) return
    plan.reason = reason
    const running = future.running()
    future.setException(reason)
    if (!running) return
    const worker = plan.worker as PoolWorker | undefined
    if (worker === undefined) return
    let id: number | undefined
    for (const [key, item] of worker.inflight) if (item.future === future) id = key
    if (id === undefined) return
    try {
      worker.handle.post({ t: 'abort', id, reason })
    } catch {
      // The reason cannot be cloned: the task gets its description instead.
      try {
        worker.handle.post({ t: 'abort', id, reason: describeValue(reason) })
      } catch {
        // The worker is gone; its exit is handled elsewhere.
      }
    }
    const taskId = id
    plan.killTimer = getClock().setTimeout(() => {
      plan.killTimer = undefined
      if (!worker.inflight.has(taskId) || worker.stopping) return
      // The task ignored its signal: stop its worker; the pool stays usable.
      worker.inflight.delete(taskId)
      this.#stop(worker, true)
    }, plan.killAfterMs)
  }

  /** Clears a `submitWith` kill timer once its task is over. */
  #disarm(item: WorkItem): void {
    const plan = item.abort
    if (plan?.killTimer !== undefined) {
      getClock().clearTimeout(plan.killTimer)
      plan.killTimer = undefined
    }
  }

  /** `Executor.shutdown`. */
  shutdown(wait: boolean, cancelFutures: boolean): Promise<void> {
    this.#shutdown = true
    if (cancelFutures) {
      for (let i = this.#head; i < this.#queue.length; i++) {
        this.cancelAndNotify((this.#queue[i] as WorkItem).future)
      }
      this.#queue = []
      this.#head = 0
    }
    this.#stopIdleWorkers()
    if (!wait || this.#drainedAndGone()) return Promise.resolve()
    return new Promise((resolve) => this.#exitWaiters.push(resolve))
  }

  /** Whether nothing is queued and every worker has exited. */
  #drainedAndGone(): boolean {
    return this.#workers.size === 0 && this.#queued() === 0
  }

  /** Resolves the `shutdown({ wait: true })` calls once there is nothing left to wait for. */
  #settleExitWaiters(): void {
    if (this.#drainedAndGone() && (this.#shutdown || this.#broken !== undefined)) {
      for (const resolve of this.#exitWaiters.splice(0)) resolve()
    }
  }

  /**
   * Drops the items at the head of the queue that are already done (cancelled, or failed by a
   * `submitWith` abort), acknowledging the cancelled ones, so they do not count as work.
   */
  #pruneHead(): void {
    const queue = this.#queue
    while (this.#head < queue.length) {
      const item = queue[this.#head] as WorkItem
      const state = (item.future as unknown as Record<symbol, () => string>)[kState]?.()
      if (state === CANCELLED) item.future.setRunningOrNotifyCancel()
      else if (state !== CANCELLED_AND_NOTIFIED && state !== FINISHED) break
      queue[this.#head++] = undefined as never
    }
    this.#compact()
  }

  /** Frees the slots already taken from the front of the queue. */
  #compact(): void {
    if (this.#head === this.#queue.length) {
      if (this.#head > 0) {
        this.#queue = []
        this.#head = 0
      }
    } else if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head)
      this.#head = 0
    }
  }

  #queued(): number {
    return this.#queue.length - this.#head
  }

  /**
   * The next queued item that is still wanted, now marked RUNNING. A `submitWith` item is
   * taken only when `alone` (it runs by itself on an idle worker); otherwise it stays first.
   */
  #take(alone: boolean): WorkItem | undefined {
    const queue = this.#queue
    while (this.#head < queue.length) {
      const item = queue[this.#head] as WorkItem
      const state = (item.future as unknown as Record<symbol, () => string>)[kState]?.()
      // Done already: acknowledged after a cancel, or failed by its `submitWith` abort.
      const skip = state === CANCELLED_AND_NOTIFIED || state === FINISHED
      if (!skip && item.abort !== undefined && !alone) return undefined
      queue[this.#head++] = undefined as never
      if (skip) continue
      // CPython: a cancelled item is acknowledged when dequeued (CANCELLED → CANCELLED_AND_NOTIFIED).
      if (!item.future.setRunningOrNotifyCancel()) continue
      this.#compact()
      return item
    }
    this.#compact()
    return undefined
  }

  #batchSize(): number {
    const avg = this.#avgMs
    if (!(avg >= 0)) return 1
    return Math.max(1, Math.min(MAX_BATCH, Math.floor(BATCH_TARGET_MS / Math.max(avg, 1e-4))))
  }

  #room(worker: PoolWorker, batch: number, share: number): number {
    if (worker.stopping || worker.exclusive) return 0
    let room = (batch === 1 ? 1 : batch * 2) - worker.inflight.size
    const max = this.#config.maxTasksPerChild
    if (max !== undefined) room = Math.min(room, max - worker.assigned)
    // Never more than a fair share of all the work: if these tasks turn out slower than the
    // ones measured so far, the other workers still get theirs.
    return Math.min(room, batch, share - worker.inflight.size)
  }

  #dispatch(): void {
    if (this.#broken !== undefined) return
    this.#pruneHead()
    const batch = this.#batchSize()
    let inflight = 0
    for (const worker of this.#workers) inflight += worker.inflight.size
    const share = Math.ceil((this.#queued() + inflight) / this.#config.maxWorkers)
    for (;;) {
      let sent = false
      for (const worker of this.#workers) {
        if (this.#queued() === 0) break
        const room = this.#room(worker, batch, share)
        if (room > 0 && this.#send(worker, room)) sent = true
      }
      this.#pruneHead()
      if (this.#queued() === 0 || this.#broken !== undefined) break
      if (this.#liveWorkers() < this.#config.maxWorkers) {
        this.#spawn()
        continue
      }
      if (!sent) break
    }
    this.#stopIdleWorkers()
    // A worker may have been started or kept for work that turned out to be gone.
    for (const worker of this.#workers) {
      if (worker.inflight.size === 0) {
        this.#scheduleUnref()
        break
      }
    }
  }

  #liveWorkers(): number {
    let n = 0
    for (const worker of this.#workers) if (!worker.stopping) n++
    return n
  }

  /** Sends up to `count` queued items to `worker`. @returns whether anything was sent. */
  #send(worker: PoolWorker, count: number): boolean {
    const items: WorkItem[] = []
    while (items.length < count) {
      const item = this.#take(items.length === 0 && worker.inflight.size === 0)
      if (item === undefined) break
      items.push(item)
      if (item.abort !== undefined) {
        worker.exclusive = true
        item.abort.worker = worker
        break
      }
    }
    if (items.length === 0) return false
    if (!this.#post(worker, items)) {
      // The batch could not be cloned: send one by one, failing only the items that cannot.
      for (const item of items) this.#post(worker, [item])
    }
    for (const item of items) {
      if (item.abort !== undefined && !worker.inflight.has(item.id)) {
        // Its arguments could not be sent: the worker is free again.
        worker.exclusive = false
        item.abort.worker = undefined
      }
    }
    if (worker.inflight.size > 0 && !worker.referenced) {
      worker.referenced = true
      worker.handle.ref()
    }
    return true
  }

  #post(worker: PoolWorker, items: WorkItem[]): boolean {
    let defs: FnDef[] | undefined
    let transfer: TransferListItem[] | undefined
    const tasks: unknown[] = []
    for (const item of items) {
      if (item.transfer !== undefined) {
        // Checked again now: a buffer may have been moved away since `submit`.
        const problem = transferProblem(item.transfer, transfer)
        if (problem !== undefined) {
          if (items.length > 1) return false
          item.future.setException(
            new TypeError(`cannot transfer the task's arguments: ${problem}`),
          )
          return true
        }
        transfer = (transfer ?? []).concat(item.transfer)
      }
      const key = item.def[0]
      if (!worker.known.has(key) && (defs === undefined || !defs.includes(item.def))) {
        if (defs === undefined) defs = []
        defs.push(item.def)
      }
      tasks.push(item.id, key, item.args, item.flags)
    }
    try {
      worker.handle.post({ t: 'run', defs, tasks }, transfer)
    } catch (error) {
      if (items.length > 1) return false
      const item = items[0] as WorkItem
      item.future.setException(
        new TypeError(
          `the task's arguments could not be sent to the worker: ${(error as Error).message}`,
          {
            cause: error,
          },
        ),
      )
      return true
    }
    if (defs !== undefined) for (const def of defs) worker.known.add(def[0])
    for (const item of items) worker.inflight.set(item.id, item)
    worker.assigned += items.length
    return true
  }

  #spawn(): void {
    const name = `${this.#config.namePrefix}_${this.#nextWorker++}`
    const data: WorkerData = {
      initializer: this.#config.initializer,
      initargs: this.#config.initargs,
    }
    const worker: PoolWorker = {
      name,
      handle: undefined as unknown as WorkerHandle,
      inflight: new Map(),
      known: new Set(),
      assigned: 0,
      stopping: false,
      referenced: true,
      exclusive: false,
    }
    try {
      worker.handle = this.#config.runtime.spawn(data, name, {
        message: (message) => this.#onMessage(worker, message),
        exit: (code, signal, error) => this.#onExit(worker, code, signal, error),
      })
    } catch (error) {
      // The worker could not even start (its data cannot be sent, a resource limit): nothing
      // queued can ever run.
      const { workerDied, afterWorkerDied } = this.#config.broken
      this.#break(workerDied, afterWorkerDied, error, undefined)
      return
    }
    this.#workers.add(worker)
  }

  #onMessage(worker: PoolWorker, message: FromWorker): void {
    switch (message.t) {
      case 'ready':
        return
      case 'init-failed': {
        const error = rebuildThrown(message.error)
        getLogger('concurrent.futures').critical('Exception in initializer:', error)
        const { initializerFailed, afterInitializerFailed } = this.#config.broken
        this.#break(initializerFailed, afterInitializerFailed, error, undefined)
        return
      }
      case 'results': {
        const r = message.r
        const count = r.length / 3
        if (count > 0 && message.busyMs > 0) {
          const perTask = message.busyMs / count
          this.#avgMs = this.#avgMs >= 0 ? this.#avgMs * 0.7 + perTask * 0.3 : perTask
        }
        for (let i = 0; i < r.length; i += 3) {
          const item = worker.inflight.get(r[i] as number)
          if (item === undefined) continue
          worker.inflight.delete(item.id)
          if (item.abort !== undefined) {
            worker.exclusive = false
            this.#disarm(item)
          }
          const future = item.future
          if (future.done()) continue
          if (r[i + 1] === RESULT_OK) future.setResult(r[i + 2])
          else future.setException(rebuildThrown(r[i + 2] as SerializedThrown))
        }
        if (this.#queued() > 0) this.#dispatch()
        else this.#stopIdleWorkers()
        if (worker.inflight.size === 0) this.#scheduleUnref()
        return
      }
    }
  }

  /**
   * Lets idle workers stop keeping the host alive, once the current turn of the host loop is
   * over: `ref()`/`unref()` of a worker costs a wake-up of its loop (about 100 µs), so a worker
   * that gets its next task in the same turn (one task at a time, awaited) keeps its reference.
   */
  #scheduleUnref(): void {
    if (this.#unrefScheduled) return
    this.#unrefScheduled = true
    setImmediate(() => {
      this.#unrefScheduled = false
      for (const worker of this.#workers) {
        if (worker.inflight.size === 0 && worker.referenced && !worker.stopping) {
          worker.referenced = false
          worker.handle.unref()
        }
      }
    })
  }

  /** Stops workers that have nothing left to do: all of them after shutdown, or retirees. */
  #stopIdleWorkers(): void {
    const max = this.#config.maxTasksPerChild
    const drained = this.#shutdown && this.#queued() === 0
    for (const worker of this.#workers) {
      if (worker.stopping || worker.inflight.size > 0) continue
      if (drained || (max !== undefined && worker.assigned >= max)) {
        this.#stop(worker, false)
      }
    }
  }

  /** Stops a worker (asks it to exit, or terminates it); its exit is then expected. */
  #stop(worker: PoolWorker, terminate: boolean): void {
    worker.stopping = true
    // Keep the host alive until the exit is seen: a `shutdown({ wait: true })` waits on it.
    if (!worker.referenced) {
      worker.referenced = true
      worker.handle.ref()
    }
    if (terminate) worker.handle.terminate()
    else worker.handle.post({ t: 'stop' })
  }

  #onExit(worker: PoolWorker, code: number | null, signal: string | null, error: unknown): void {
    // An exit we did not ask for, or one that strands work, breaks the pool.
    if ((!worker.stopping || worker.inflight.size > 0) && this.#broken === undefined) {
      const running = Array.from(
        worker.inflight.values(),
        (item) => `#${item.id} (${fnName(item.def)})`,
      )
      const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`
      const cause =
        error !== undefined
          ? error
          : new Error(
              `worker ${worker.name} ${how}${running.length > 0 ? ` while running task ${running.join(', ')}` : ''}`,
            )
      const { workerDied, afterWorkerDied } = this.#config.broken
      this.#break(workerDied, afterWorkerDied, cause, { exitCode: code, signal })
    }
    this.#workers.delete(worker)
    for (const item of worker.inflight.values()) this.#disarm(item)
    if (this.#queued() > 0 && this.#broken === undefined) this.#dispatch()
    this.#settleExitWaiters()
  }

  #break(
    pendingMessage: string,
    laterMessage: string,
    cause: unknown,
    details: { exitCode: number | null; signal: string | null } | undefined,
  ): void {
    if (this.#broken !== undefined) return
    this.#broken = laterMessage
    const ErrorClass = this.#config.broken.ErrorClass
    const fail = (future: Future<unknown>) => {
      if (future.done()) {
        const state = (future as unknown as Record<symbol, () => string>)[kState]?.()
        if (state === CANCELLED) future.setRunningOrNotifyCancel()
        return
      }
      const error = new ErrorClass(pendingMessage, { cause })
      if (details !== undefined) Object.assign(error, details)
      future.setException(error)
    }
    for (const worker of this.#workers) {
      const items = [...worker.inflight.values()]
      worker.inflight.clear()
      if (!worker.stopping) this.#stop(worker, true)
      for (const item of items) {
        this.#disarm(item)
        fail(item.future)
      }
    }
    const queue = this.#queue
    const head = this.#head
    this.#queue = []
    this.#head = 0
    for (let i = head; i < queue.length; i++) fail((queue[i] as WorkItem).future)
    this.#settleExitWaiters()
  }
}
