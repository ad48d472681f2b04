// ThreadPoolExecutor vs piscina, 2 workers each, the trivial task inc(x) = x + 1 loaded from
// the same module (ours through task(), piscina by filename), warmed up first, in this run:
//   js.futures.threadpool.w2.submit_wait   50k submits, then wait for all; sum checked
//   js.futures.threadpool.w2.roundtrip_seq 2k tasks one at a time (p50_us: one round trip)
//   js.piscina.t2.submit_wait / js.piscina.t2.roundtrip_seq   the same with piscina
import { ThreadPoolExecutor, task, wait } from '@futures/concurrent'
import { Piscina } from 'piscina'
import { check, emit } from './_common.mjs'
import { median, roundtrip, submitWait, TASKS_URL, warm } from './_pools.mjs'

const N = Number(process.argv[2] ?? 50_000)
const SEQ = 2_000

async function bench(name, run, close) {
  await warm(run, 2_000)
  const bulk = await median(() => submitWait(run, N))
  emit(`${name}.submit_wait`, N, bulk)
  const seq = await median(() => roundtrip(run, SEQ))
  emit(`${name}.roundtrip_seq`, SEQ, seq.seconds, { p50_us: seq.p50_us })
  await close()
}

const pool = new ThreadPoolExecutor({ maxWorkers: 2 })
const inc = task(TASKS_URL, 'inc')
await bench(
  'js.futures.threadpool.w2',
  (i) => pool.submit(inc, i).result(),
  () => pool.shutdown(),
)

// The same through wait(): no promise per task, only the futures.
{
  const p = new ThreadPoolExecutor({ maxWorkers: 2 })
  const run = async (n) => {
    const fs = new Array(n)
    const t0 = performance.now()
    for (let i = 0; i < n; i++) fs[i] = p.submit(inc, i)
    await wait(fs)
    let total = 0
    for (const f of fs) total += f.resultNow()
    check(total === (n * (n + 1)) / 2, 'bad sum')
    return (performance.now() - t0) / 1000
  }
  await run(2_000)
  emit('js.futures.threadpool.w2.submit_wait_futures', N, await median(() => run(N)))
  await p.shutdown()
}

const piscina = new Piscina({ filename: TASKS_URL.href, minThreads: 2, maxThreads: 2 })
await bench(
  'js.piscina.t2',
  (i) => piscina.run(i, { name: 'inc' }),
  () => piscina.destroy(),
)
