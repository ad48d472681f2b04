// A tour of @futures, run by `pnpm demo`. Each section prints what it does and what happened,
// so the output reads top to bottom. It grows with each package.

import * as aio from '@futures/aio'
import { isFuture, toConcurrentFuture, toThread, wrapFuture } from '@futures/bridge'
import {
  asCompleted,
  BrokenProcessPoolError,
  CancelledError,
  FIRST_COMPLETED,
  Future,
  ProcessPoolExecutor,
  setLogger,
  ThreadPoolExecutor,
  TimeoutError,
  wait,
} from '@futures/concurrent'

const section = (title) =>
  console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`)
const say = (...args) => console.log('  ', ...args)
const later = (ms, fn) => setTimeout(fn, ms)

console.log("@futures tour: Python's concurrent.futures and asyncio futures, in TypeScript")

section('1. concurrent Future: done callbacks run synchronously, in order')
{
  const f = new Future()
  f.addDoneCallback((g) => say('callback 1 sees', g.resultNow()))
  f.addDoneCallback(() => say('callback 2 runs next'))
  say('calling setResult(42)…')
  f.setResult(42)
  say('…setResult returned: both callbacks already ran, as in CPython')
  say('String(f) =', String(f))
  f.addDoneCallback(() => say('a callback added to a done future runs at once'))
}

section('2. result(timeout): CPython blocks, we return a Promise')
{
  const f = new Future()
  try {
    await f.result(50)
  } catch (error) {
    say(`result(50) on a pending future rejects with ${error.name} after 50 ms`)
  }
  say('the future is untouched by the timeout:', String(f))
  later(20, () => f.setResult('late value'))
  say('result() with no timeout waits for ever… got', JSON.stringify(await f.result()))
  const failed = new Future()
  const boom = new RangeError('boom')
  failed.setException(boom)
  const caught = await failed.result().catch((error) => error)
  say('a failed future rejects with the very exception object:', caught === boom)
}

section('3. cancel(): only a PENDING future can be cancelled')
{
  const pending = new Future()
  pending.addDoneCallback((g) => say('callback on cancel sees cancelled() =', g.cancelled()))
  say('pending.cancel() →', pending.cancel(), '; again →', pending.cancel())
  const running = new Future()
  running.setRunningOrNotifyCancel()
  say('running.cancel() →', running.cancel(), '(work already started)')
  const done = new Future()
  done.setResult(1)
  say('finished.cancel() →', done.cancel())
  const error = await pending.result().catch((e) => e)
  say('reading a cancelled future rejects with CancelledError:', error instanceof CancelledError)
  try {
    pending.setResult(2)
  } catch (e) {
    say(`setResult on it throws ${e.name}: ${e.message}`)
  }
}

section('4. a throwing callback is reported, and the others still run')
{
  setLogger('concurrent.futures', {
    error: (message, error) => say(`[logger] ${message}: ${error.message}`),
    critical: (message) => say(`[logger] CRITICAL ${message}`),
  })
  const f = new Future()
  f.addDoneCallback(() => {
    throw new Error('callback bug')
  })
  f.addDoneCallback(() => say('the second callback still ran'))
  f.setResult('ok')
  setLogger('concurrent.futures', undefined) // back to the default (console.error)
}

section('5. wait() and asCompleted()')
{
  const [a, b, c] = [new Future(), new Future(), new Future()]
  for (const [f, ms, v] of [
    [a, 30, 'a'],
    [b, 10, 'b'],
    [c, 20, 'c'],
  ])
    later(ms, () => f.setResult(v))
  const { done, notDone } = await wait([a, b, c], { returnWhen: FIRST_COMPLETED })
  say(
    `wait(FIRST_COMPLETED): done=[${[...done].map((f) => f.resultNow())}] notDone=${notDone.size}`,
  )
  const order = []
  for await (const f of asCompleted([a, b, c])) order.push(f.resultNow())
  say(`asCompleted yields in completion order: ${order.join(', ')}`)
  const slow = new Future()
  try {
    for await (const f of asCompleted([a, slow], { timeout: 30 })) say('yielded', f.resultNow())
  } catch (error) {
    say(`then ${error instanceof TimeoutError ? 'TimeoutError' : error}: ${error.message}`)
  }
  const cancelled = new Future()
  cancelled.cancel()
  const r = await wait([cancelled], { timeout: 20 })
  say(
    'a cancelled but un-notified future stays in notDone (CPython rule):',
    r.notDone.has(cancelled),
  )
  cancelled.setRunningOrNotifyCancel()
  say(
    'once an executor notifies it, wait counts it done:',
    (await wait([cancelled])).done.size === 1,
  )
}

section('6. ThreadPoolExecutor: real parallelism on worker threads')
{
  // In TypeScript: `await using pool = …` (Python's `with`); plain Node 20 JS has no `using` yet.
  const pool = new ThreadPoolExecutor({ maxWorkers: 2 })
  const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2))
  say('submit((a, b) => a + b, 1, 2) →', await pool.submit((a, b) => a + b, 1, 2).result())
  const results = []
  for await (const r of pool.map(
    (n) => {
      const f = (k) => (k < 2 ? k : f(k - 1) + f(k - 2))
      return f(n)
    },
    [20, 21, 22, 23],
  ))
    results.push(r)
  say('map(fib, [20..23]) in input order →', results.join(', '))
  try {
    pool.submit(fib.bind(null), 3)
  } catch (error) {
    say(`a bound function is refused at the call: ${error.name}`)
  }
  const failed = await pool
    .submit(() => {
      const e = new RangeError('bad input')
      e.code = 'E_BAD'
      throw e
    })
    .exception()
  say(`a task's error crosses back: ${failed.name}: ${failed.message} (code ${failed.code})`)
  const slow = pool.submitWith({ timeout: 50, killAfter: 100 }, () => {
    for (;;) {} // ignores its signal: its worker is terminated and replaced
  })
  const reason = await slow.exception()
  say(`submitWith({ timeout: 50 }) on an endless task → ${reason.name}: ${reason.message}`)
  say('…and the pool still works:', await pool.submit((x) => x * 2, 21).result())
  await pool.shutdown()
}

section('7. ProcessPoolExecutor: isolation; a crash breaks the pool, nothing is left pending')
{
  const pool = new ProcessPoolExecutor({ maxWorkers: 2 })
  let total = 0n
  for await (const v of pool.map((x) => BigInt(x) ** 2n, [1, 2, 3, 4], { chunksize: 2 })) total += v
  say('map(x => BigInt(x) ** 2n, [1..4], { chunksize: 2 }) sums to', total, '(BigInt crosses)')
  const crash = pool.submit(() => process.exit(3))
  const error = await crash.exception()
  say(`a task calling process.exit(3) → ${error.name}`)
  say(`   ${error.message}`)
  try {
    pool.submit((x) => x, 1)
  } catch (e) {
    say(`later submits throw too: ${e instanceof BrokenProcessPoolError}`)
  }
  await pool.shutdown()
}

section("8. aio: asyncio's Future and Task on an event loop")
{
  const log = []
  const result = await aio.run(async () => {
    const loop = aio.getRunningLoop()
    const fut = loop.createFuture()
    fut.addDoneCallback(() => log.push('done callback (scheduled with callSoon)'))
    fut.setResult('v')
    log.push(`setResult returned; the callback has not run yet (${log.length} entries)`)
    await aio.sleep(0)
    const worker = aio.createTask(async () => {
      try {
        await aio.sleep(60_000)
      } catch (error) {
        log.push(`the task sees ${error.name}('${error.message}') at its await`)
        throw error
      } finally {
        log.push('and its finally block runs')
      }
    })
    await aio.sleep(10)
    worker.cancel('no longer needed')
    try {
      await worker
    } catch (error) {
      log.push(`awaiting the cancelled task: ${error.name}, cancelled() = ${worker.cancelled()}`)
    }
    return 42
  })
  for (const line of log) say(line)
  say('run(main) returned', result, '(new loop, run, cancel leftovers, close)')
  const { VirtualTimeLoop } = await import('@futures/aio/testing')
  const vloop = new VirtualTimeLoop()
  const t0 = Date.now()
  const slept = await vloop.runUntilComplete(async () => {
    await aio.sleep(3_600_000)
    return vloop.time()
  })
  vloop.close()
  say(
    `VirtualTimeLoop: an hour of sleep took ${Date.now() - t0 < 1_000 ? 'under a second' : 'too long'}; loop.time() = ${slept} ms`,
  )
}

section('9. the two worlds side by side, and the bridge call that mixes them')
{
  const pool = new ThreadPoolExecutor({ maxWorkers: 2 })
  await aio.run(async () => {
    const loop = aio.getRunningLoop()

    say('(a) awaitable or not')
    const cf = new Future()
    cf.setResult('cf value')
    const af = loop.createFuture()
    af.setResult('aio value')
    say('    await concurrentFuture gives the future itself:', (await cf) === cf)
    say('    await aioFuture gives its value:', await af)
    say('    bridge: await wrapFuture(concurrentFuture) →', await wrapFuture(cf))

    say('(b) reading a result that is not there yet')
    const cfPending = new Future()
    const timedOut = await cfPending.result(20).catch((e) => e.name)
    say(`    concurrent: result(20) waits, then ${timedOut} (CPython blocks the thread)`)
    const afPending = loop.createFuture()
    try {
      afPending.result()
    } catch (e) {
      say(`    aio: result() never waits: ${e.name}`)
    }
    const bridged = await aio.waitFor(wrapFuture(cfPending), 20).catch((e) => e.name)
    say(`    bridge: await waitFor(wrapFuture(cf), 20) → ${bridged}`)
    cfPending.cancel()

    say('(c) when done callbacks run')
    const order = []
    const cf2 = new Future()
    cf2.addDoneCallback(() => order.push('concurrent callback'))
    cf2.setResult(1)
    order.push('after concurrent setResult')
    const af2 = loop.createFuture()
    af2.addDoneCallback(() => order.push('aio callback'))
    af2.setResult(1)
    order.push('after aio setResult')
    await aio.sleep(0)
    say(`    ${order.join(' → ')}`)

    say('(d) what cancel can stop, and the cancel message')
    const running = new Future()
    running.setRunningOrNotifyCancel()
    say('    concurrent: cancel() of RUNNING work →', running.cancel(), '(no message exists)')
    const task = aio.createTask(() => aio.sleep(60_000))
    await aio.sleep(0)
    task.cancel('stop please')
    const reason = await task.then(
      () => 'finished',
      (e) => `${e.name}('${e.message}')`,
    )
    say(`    aio: task.cancel('stop please') interrupts the await → ${reason}`)
    const notStarted = new Future()
    wrapFuture(notStarted).cancel()
    await aio.sleep(0)
    say('    bridge: cancelling wrapFuture(f) cancels a pending f →', notStarted.cancelled())

    say("(e) what each world's wait/gather accepts")
    try {
      aio.gather([new Future()])
    } catch (e) {
      say(
        `    aio.gather([concurrentFuture]) → ${e.name} naming wrapFuture: ${e.message.includes('wrapFuture')}`,
      )
    }
    try {
      // Throws at the call, before any promise exists.
      void wait([loop.createFuture()])
    } catch (e) {
      say(
        `    concurrent wait([aioFuture]) → ${e.name} naming the bridge: ${/toConcurrentFuture|wrapFuture/.test(e.message)}`,
      )
    }
    const mixed = await aio.gather([wrapFuture(pool.submit((x) => x + 1, 1)), aio.sleep(1, 'b')])
    say(
      '    bridge: aio.gather([wrapFuture(pool.submit(...)), sleep(1, "b")]) →',
      JSON.stringify(mixed),
    )
    const back = toConcurrentFuture(aio.createTask(async () => 'from aio'))
    const { done } = await wait([back], { timeout: 1_000 })
    say(
      '    bridge: concurrent wait([toConcurrentFuture(task)]) → done',
      done.size,
      'with',
      back.resultNow(),
    )

    say('(f) isFuture knows both kinds (across package copies and realms)')
    say(
      `    isFuture(concurrent) ${isFuture(cf)}, isFuture(aio) ${isFuture(af)}, isFuture(promise) ${isFuture(Promise.resolve())}`,
    )
    say('    toThread((a, b) => a + b, 2, 3) →', await toThread((a, b) => a + b, 2, 3))
  })
  await pool.shutdown()
}

section('10. a real workload: a process pool fed from an aio TaskGroup, with a timeout')
{
  const pool = new ProcessPoolExecutor({ maxWorkers: 2 })
  const items = Array.from({ length: 400 }, (_, i) => i)
  // Sent to the workers by its source text: it must be self-contained (its helper is inside).
  const countPrimes = (start) => {
    let count = 0
    for (let n = start * 2_000; n < (start + 1) * 2_000; n++) if (isPrimeInWorker(n)) count++
    return count
    function isPrimeInWorker(n) {
      if (n < 2) return false
      for (let d = 2; d * d <= n; d++) if (n % d === 0) return false
      return true
    }
  }
  const width = 30
  let shown = -1
  const progress = (done) => {
    const step = Math.floor((done / items.length) * 10)
    if (step === shown) return
    shown = step
    const filled = Math.round((done / items.length) * width)
    say(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${items.length}`)
  }
  const total = await aio.run(() =>
    aio.timeout(30_000, () =>
      aio.withTaskGroup(async (tg) => {
        // (A Task returned from here would be awaited: a thenable result is unwrapped.)
        const consumer = tg.createTask(async () => {
          let sum = 0
          let done = 0
          progress(0)
          for await (const count of pool.map(countPrimes, items, { chunksize: 20 })) {
            sum += count
            progress(++done)
          }
          return sum
        })
        return consumer
      }),
    ),
  )
  let check = 0
  for (let n = 0; n < items.length; n++) check += countPrimes(n)
  say(`primes below ${items.length * 2_000}: ${total} (checked in the main thread: ${check})`)
  await pool.shutdown()
}

console.log('\nEnd of the tour.')
