// The bridge's shapes (issue 7), JS only, in one run:
//   js.bridge.wrap_done_await    wrapFuture(f) + await, f a concurrent Future already finished;
//                                1000 wrapped per batch, then awaited (N = 200k)
//   js.bridge.to_thread.roundtrip        toThread(inc, i), one at a time, in an aio task (2k)
//   js.bridge.submit_wrap.roundtrip      pool.submit(inc, i) + wrapFuture, the same (2k)
import { getRunningLoop, run } from '@futures/aio'
import { toThread, wrapFuture } from '@futures/bridge'
import { Future, ThreadPoolExecutor, task } from '@futures/concurrent'
import { check, emit, now } from './_common.mjs'
import { TASKS_URL } from './_pools.mjs'

const N = Number(process.argv[2] ?? 200_000)
const SEQ = 2_000
const inc = task(TASKS_URL, 'inc')

async function wrapDoneAwait(n) {
  const done = Array.from({ length: 1000 }, (_, i) => {
    const f = new Future()
    f.setResult(i)
    return f
  })
  let total = 0
  const t0 = now()
  for (let k = 0; k < n; k += 1000) {
    const wrapped = done.map((f) => wrapFuture(f))
    for (const w of wrapped) total += await w
  }
  const t1 = now()
  check(total === (n / 1000) * ((1000 * 999) / 2), 'bad sum')
  return t1 - t0
}

async function roundtrip(call) {
  let total = 0
  const t0 = now()
  for (let i = 0; i < SEQ; i++) total += await call(i)
  const t1 = now()
  check(total === (SEQ * (SEQ + 1)) / 2, 'bad sum')
  return t1 - t0
}

const median = async (fn, rounds = 3) => {
  const times = []
  for (let r = 0; r < rounds; r++) times.push(await fn())
  times.sort((a, b) => a - b)
  return times[rounds >> 1]
}

await run(async () => {
  await wrapDoneAwait(N / 10)
  emit('js.bridge.wrap_done_await', N, await median(() => wrapDoneAwait(N)))
  const pool = new ThreadPoolExecutor({ maxWorkers: 1 })
  const viaThread = (i) => toThread(inc, i)
  const viaSubmit = (i) => wrapFuture(pool.submit(inc, i), { loop: getRunningLoop() })
  await roundtrip(viaThread)
  await roundtrip(viaSubmit)
  emit('js.bridge.to_thread.roundtrip', SEQ, await median(() => roundtrip(viaThread)))
  emit('js.bridge.submit_wrap.roundtrip', SEQ, await median(() => roundtrip(viaSubmit)))
  await pool.shutdown()
})
