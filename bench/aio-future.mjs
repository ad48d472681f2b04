// aio Future and EventLoop, single thread (the shapes of py/aio_future.py):
//   js.promise.create_resolve_await: native baseline, in an async function:
//     p = new Promise(r => resolve = r); resolve(i); total += await p
//   js.aio.future.create_set_await.plain: the same with an aio Future, in a plain async function
//     (no task): f = loop.createFuture(); f.setResult(i); total += await f
//   js.aio.future.create_set_yield: the same in a generator coroutine task: total += yield* f
//     (like CPython, a done future does not suspend the coroutine)
//   js.aio.future.await_pending.gen / .async: f = loop.createFuture();
//     loop.callSoon(setResult, f, i); total += yield* f / await f (one real suspension: a loop
//     iteration per op), in a generator task / an async-function task
//   js.aio.call_soon: N loop.callSoon(cb, i), timed until all have run
//   js.aio.future.create_set_await: await f in an async-function task (AsyncLocalStorage on)
//   js.promise.create_resolve_await.task: the native baseline in an async-function task (the
//     same shape as js.aio.future.create_set_await: AsyncLocalStorage on, a store set)
// Cases that need no AsyncLocalStorage run first: the first async-function task turns it on for
// the whole process. N = 200k per timed run; median of 5 runs after a warm-up.
import { newEventLoop } from '@futures/aio'
import { check, emit, now } from './_common.mjs'

const N = Number(process.argv[2] ?? 200_000)
const sum = (n) => (n * (n - 1)) / 2

async function measureAsync(fn, n, rounds = 5) {
  await fn(Math.max(1, Math.floor(n / 10)))
  const times = []
  for (let i = 0; i < rounds; i++) times.push(await fn(n))
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

async function promiseCreateResolveAwait(n) {
  let total = 0
  const t0 = now()
  for (let i = 0; i < n; i++) {
    let resolve
    const p = new Promise((r) => {
      resolve = r
    })
    resolve(i)
    total += await p
  }
  const t1 = now()
  check(total === sum(n), 'bad sum')
  return t1 - t0
}

async function futureAwaitPlain(n) {
  const loop = newEventLoop()
  let total = 0
  const t0 = now()
  for (let i = 0; i < n; i++) {
    const f = loop.createFuture()
    f.setResult(i)
    total += await f
  }
  const t1 = now()
  loop.close()
  check(total === sum(n), 'bad sum')
  return t1 - t0
}

async function inTask(coro) {
  const loop = newEventLoop()
  try {
    return await loop.runUntilComplete(coro(loop))
  } finally {
    loop.close()
  }
}

const futureYield = (n) =>
  inTask(function* (loop) {
    let total = 0
    const t0 = now()
    for (let i = 0; i < n; i++) {
      const f = loop.createFuture()
      f.setResult(i)
      total += yield* f
    }
    const t1 = now()
    check(total === sum(n), 'bad sum')
    return t1 - t0
  })

const futureAwaitTask = (n) =>
  inTask((loop) => async () => {
    let total = 0
    const t0 = now()
    for (let i = 0; i < n; i++) {
      const f = loop.createFuture()
      f.setResult(i)
      total += await f
    }
    const t1 = now()
    check(total === sum(n), 'bad sum')
    return t1 - t0
  })

const setResult = (f, v) => f.setResult(v)

const awaitPendingGen = (n) =>
  inTask(function* (loop) {
    let total = 0
    const t0 = now()
    for (let i = 0; i < n; i++) {
      const f = loop.createFuture()
      loop.callSoon(setResult, f, i)
      total += yield* f
    }
    const t1 = now()
    check(total === sum(n), 'bad sum')
    return t1 - t0
  })

const awaitPendingAsync = (n) =>
  inTask((loop) => async () => {
    let total = 0
    const t0 = now()
    for (let i = 0; i < n; i++) {
      const f = loop.createFuture()
      loop.callSoon(setResult, f, i)
      total += await f
    }
    const t1 = now()
    check(total === sum(n), 'bad sum')
    return t1 - t0
  })

const callSoon = (n) =>
  inTask(function* (loop) {
    let acc = 0
    const done = loop.createFuture()
    const cb = (i) => {
      acc += i
      if (i === n - 1) done.setResult(undefined)
    }
    const t0 = now()
    for (let i = 0; i < n; i++) loop.callSoon(cb, i)
    yield* done
    const t1 = now()
    check(acc === sum(n), 'bad sum')
    return t1 - t0
  })

emit('js.promise.create_resolve_await', N, await measureAsync(promiseCreateResolveAwait, N))
emit('js.aio.future.create_set_await.plain', N, await measureAsync(futureAwaitPlain, N))
emit('js.aio.future.create_set_yield', N, await measureAsync(futureYield, N))
emit('js.aio.future.await_pending.gen', N, await measureAsync(awaitPendingGen, N))
emit('js.aio.call_soon', N, await measureAsync(callSoon, N))
// From here on AsyncLocalStorage is on (the first async-function task turns it on).
emit('js.aio.future.create_set_await', N, await measureAsync(futureAwaitTask, N))
emit('js.aio.future.await_pending.async', N, await measureAsync(awaitPendingAsync, N))
emit(
  'js.promise.create_resolve_await.task',
  N,
  await measureAsync((n) => inTask(() => () => promiseCreateResolveAwait(n)), N),
)
