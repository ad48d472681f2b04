/**
 * Shared helpers for the bridge tests. Not a test file itself (vitest only runs `*.test.ts`).
 * Everything is imported by package name: the built `dist/` of aio and concurrent, as users get.
 */
import { type EventLoop, type ExceptionContext, newEventLoop } from '@futures/aio'
import { type Future as ConcurrentFuture, type Executor, wait } from '@futures/concurrent'
import { afterEach } from 'vitest'

const loops: EventLoop[] = []
const executors: Executor[] = []

/** A new event loop, stopped and closed after the test. */
export function makeLoop(): EventLoop {
  const loop = newEventLoop()
  loops.push(loop)
  return loop
}

/** Remembers `loop` so that it is stopped and closed after the test. */
export function track<L extends EventLoop>(loop: L): L {
  loops.push(loop)
  return loop
}

/** Remembers `executor` so that it is shut down after the test. */
export function usePool<E extends Executor>(executor: E): E {
  executors.push(executor)
  return executor
}

afterEach(async () => {
  for (const loop of loops.splice(0)) {
    if (loop.isRunning()) {
      loop.stop()
      for (let i = 0; i < 10 && loop.isRunning(); i++) await flush()
    }
    loop.close()
  }
  for (const executor of executors.splice(0)) {
    await executor.shutdown({ wait: true, cancelFutures: true })
  }
})

/** Runs exactly one iteration of `loop` (stop() before runForever()). */
export async function runOnce(loop: EventLoop): Promise<void> {
  loop.stop()
  await loop.runForever()
}

/** Lets every queued microtask and one turn of the host loop run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Collects what the loop's exception handler receives. */
export function captureHandler(loop: EventLoop): ExceptionContext[] {
  const seen: ExceptionContext[] = []
  loop.setExceptionHandler((_loop, context) => {
    seen.push(context)
  })
  return seen
}

/** The state label a concurrent Future prints (`<Future at … state=finished …>`). */
export function stateOf(future: { toString(): string }): string {
  const match = /state=([a-z_]+)/.exec(future.toString())
  return match?.[1] ?? future.toString()
}

/** Polls (every host turn, then every millisecond) until `predicate()` holds, or fails after `ms`. */
export async function until(predicate: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  for (let i = 0; Date.now() < deadline; i++) {
    if (predicate()) return
    await (i < 1_000 ? flush() : new Promise((resolve) => setTimeout(resolve, 1)))
  }
  if (!predicate()) throw new Error(`until(): the condition did not hold within ${ms} ms`)
}

/**
 * Whether a concurrent Future counts as done for `concurrent.wait`: FINISHED or
 * CANCELLED_AND_NOTIFIED (a future only `cancel()`led does not).
 */
export async function seenAsDone(future: ConcurrentFuture<unknown>): Promise<boolean> {
  const { done } = await wait([future], { timeout: 0 })
  return done.has(future)
}
