/**
 * Shared helpers for the aio tests. Not a test file itself (vitest only runs `*.test.ts`).
 */
import { afterEach, describe, it } from 'vitest'
import { type EventLoop, type ExceptionContext, type Logger, setLogger } from '../src/index.js'
import { VirtualTimeLoop } from '../src/testing.js'

/**
 * Whether the tests run in a browser (`pnpm test:browser`): the tests then import the browser
 * build, whose host has no `AsyncLocalStorage` (see "In the browser" in the README).
 */
export const isBrowser: boolean =
  typeof (globalThis as { document?: unknown }).document === 'object'

/**
 * `it` for a test that needs Node itself (AsyncLocalStorage, `process`, `setImmediate`, the
 * built files on disk, a forced GC); in the browser run it is reported as skipped. Name the
 * reason in the test's title or a comment beside it.
 */
export const nodeOnly: typeof it.skip = it.skipIf(isBrowser)

/** `describe` for a file's tests that all need Node (see {@link nodeOnly}). */
export const describeNodeOnly: typeof describe.skip = describe.skipIf(isBrowser)

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

/** Runs `fn` in a host macrotask of its own: `setImmediate` on Node, a `MessageChannel` message in a browser. */
export function hostMacrotask(fn: () => void): void {
  if (!isBrowser) {
    setImmediate(fn)
    return
  }
  // The DOM's MessagePort (this package is typed against Node's).
  type Port = { onmessage: (() => void) | null; postMessage(m: undefined): void; close(): void }
  const channel = new MessageChannel() as unknown as { port1: Port; port2: Port }
  channel.port1.onmessage = () => {
    channel.port1.close()
    fn()
  }
  channel.port2.postMessage(undefined)
}

/**
 * Calls `fn` with the reason of every unhandled promise rejection until the returned function
 * is called: `process.on('unhandledRejection')` on Node, the window's `unhandledrejection`
 * event in a browser.
 */
export function onUnhandledRejection(fn: (reason: unknown) => void): () => void {
  if (isBrowser) {
    // The window (globalThis) is an EventTarget there; this package's types know no DOM.
    const window = globalThis as unknown as EventTarget
    const listener = (event: Event): void => fn((event as Event & { reason: unknown }).reason)
    window.addEventListener('unhandledrejection', listener)
    return () => window.removeEventListener('unhandledrejection', listener)
  }
  process.on('unhandledRejection', fn)
  return () => process.off('unhandledRejection', fn)
}

/** Lets every queued microtask and one turn of the host loop run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => hostMacrotask(resolve))
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
 * fresh context works as well. The browser run starts Chromium with `--js-flags=--expose-gc`.
 */
export async function collectGarbage(): Promise<void> {
  let gc = (globalThis as { gc?: () => void }).gc
  if (typeof gc !== 'function') {
    const [{ default: v8 }, { default: vm }] = await Promise.all([
      import('node:v8'),
      import('node:vm'),
    ])
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
