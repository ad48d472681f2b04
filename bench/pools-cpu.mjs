// A CPU-bound batch: 8 tasks of burn(n) (about 0.5 s each) on a ThreadPoolExecutor and a
// ProcessPoolExecutor with 1 worker, then with 2; the speed-up is t(1 worker) / t(2 workers).
//   js.futures.threadpool.cpu.w1 / .w2, js.futures.processpool.cpu.w1 / .w2  (ops = tasks)
import { ProcessPoolExecutor, ThreadPoolExecutor, task } from '@futures/concurrent'
import { check, emit, now } from './_common.mjs'
import { TASKS_URL } from './_pools.mjs'
import { burn } from './workers/tasks.mjs'

const TASKS = 8
// Calibrate n so that one task takes about 0.5 s on this machine.
let n = 2_000_000
for (;;) {
  const t0 = now()
  burn(n)
  const dt = now() - t0
  if (dt > 0.1) {
    n = Math.round((n * 0.5) / dt)
    break
  }
  n *= 2
}
const expected = burn(n)
const ref = task(TASKS_URL, 'burn')

for (const [kind, Pool] of [
  ['threadpool', ThreadPoolExecutor],
  ['processpool', ProcessPoolExecutor],
]) {
  for (const workers of [1, 2]) {
    const pool = new Pool({ maxWorkers: workers })
    await Promise.all(Array.from({ length: workers }, () => pool.submit(ref, 1000).result()))
    const t0 = now()
    const results = await Promise.all(
      Array.from({ length: TASKS }, () => pool.submit(ref, n).result()),
    )
    const seconds = now() - t0
    check(
      results.every((r) => r === expected),
      'bad result',
    )
    emit(`js.futures.${kind}.cpu.w${workers}`, TASKS, seconds, { n })
    await pool.shutdown()
  }
}
