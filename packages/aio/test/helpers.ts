/**
 * Shared helpers for the aio tests. Not a test file itself (vitest only runs `*.test.ts`).
 */
import v8 from 'node:v8'
import vm from 'node:vm'
import { afterEach } from 'vitest'
import { type EventLoop, type ExceptionContext, type Logger, setLogger } from '../src/index.js'
import { VirtualTimeLoop } from '../src/testing.js'

const made: EventLoop[] = []

/** A fresh VirtualTimeLoop, closed after the test. */
export function virtualLoop(): VirtualTimeLoop {
  const loop = new VirtualTimeLoop()
  made.push(loop)
  return loop
}

/** Remembers `loop` so that it is stopped and closed after the test. */
export function track<L extends EventLoop>(loop: L): L {
  made.push(loop)
  return loop
}

afterEach(async () => {
  for (const loop of made.splice(0)) {
    if (loop.isRunning()) {
      loop.stop()
      // let it finish its iteration
      for (let i = 0; i < 10 && loop.isRunning(); i++) await flush()
    }
    loop.close()
  }
})

/** Runs exactly one iteration of `loop` (stop() before runForever(), AL-20). */
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

/** Replaces the 'asyncio' logger for the current test; returns what it received. */
export function captureAsyncioLog(): { message: string; error: unknown }[] {
  const lines: { message: string; error: unknown }[] = []
  const logger: Logger = {
    error: (message, error) => lines.push({ message, error }),
    critical: (message, error) => lines.push({ message, error }),
  }
  const previous = setLogger('asyncio', logger)
  afterEachOnce(() => setLogger('asyncio', previous))
  return lines
}

const cleanups: (() => void)[] = []
function afterEachOnce(fn: () => void): void {
  cleanups.push(fn)
}
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn()
})

/**
 * A full garbage collection, then time for FinalizationRegistry callbacks to run. Node
 * exposes `gc` only with `--expose-gc`; setting the flag at run time and fetching `gc` from a
 * fresh context works as well.
 */
export async function collectGarbage(): Promise<void> {
  let gc = (globalThis as { gc?: () => void }).gc
  if (typeof gc !== 'function') {
    v8.setFlagsFromString('--expose-gc')
    gc = vm.runInNewContext('gc') as () => void
  }
  for (let i = 0; i < 3; i++) {
    await flush()
    gc()
  }
  await new Promise((resolve) => setTimeout(resolve, 10))
  await flush()
}
