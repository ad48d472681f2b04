// ProcessPoolExecutor, 2 workers, the trivial task inc(x) = x + 1, warmed up first:
//   js.futures.processpool.w2.submit_wait   20k submits, then wait for all; sum checked
//   js.futures.processpool.w2.map_chunk1    sum of map(inc, range(20k), { chunksize: 1 })
//   js.futures.processpool.w2.map_chunk100  the same with chunksize 100
//   js.futures.processpool.w2.roundtrip_seq 2k tasks one at a time
import { ProcessPoolExecutor, task, wait } from '@futures/concurrent'
import { check, emit } from './_common.mjs'
import { median, roundtrip, TASKS_URL, warm } from './_pools.mjs'

const N = Number(process.argv[2] ?? 20_000)
const pool = new ProcessPoolExecutor({ maxWorkers: 2 })
const inc = task(TASKS_URL, 'inc')
const run = (i) => pool.submit(inc, i).result()
await warm(run, 2_000)

async function submitWait(n) {
  const fs = new Array(n)
  const t0 = performance.now()
  for (let i = 0; i < n; i++) fs[i] = pool.submit(inc, i)
  await wait(fs)
  let total = 0
  for (const f of fs) total += f.resultNow()
  check(total === (n * (n + 1)) / 2, 'bad sum')
  return (performance.now() - t0) / 1000
}
emit('js.futures.processpool.w2.submit_wait', N, await median(() => submitWait(N)))

async function mapSum(n, chunksize) {
  const t0 = performance.now()
  let total = 0
  for await (const v of pool.map(
    inc,
    Array.from({ length: n }, (_, i) => i),
    { chunksize },
  ))
    total += v
  check(total === (n * (n + 1)) / 2, 'bad sum')
  return (performance.now() - t0) / 1000
}
emit('js.futures.processpool.w2.map_chunk1', N, await median(() => mapSum(N, 1)))
emit('js.futures.processpool.w2.map_chunk100', N, await median(() => mapSum(N, 100)))
const seq = await median(() => roundtrip(run, 2_000))
emit('js.futures.processpool.w2.roundtrip_seq', 2_000, seq.seconds, { p50_us: seq.p50_us })
await pool.shutdown()
