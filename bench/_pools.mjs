// The pool measurements, written once for every pool: `run(arg)` returns a promise of the
// task result. Same shapes as ../../shared/bench/js/pool_bench.mjs.
import { check, now } from './_common.mjs'

export const TASKS_URL = new URL('./workers/tasks.mjs', import.meta.url)

/** Starts every worker and warms the JIT: `count` trivial tasks, untimed. */
export async function warm(run, count) {
  const ps = []
  for (let i = 0; i < count; i++) ps.push(run(i))
  const res = await Promise.all(ps)
  check(res.length === count && res[count - 1] === count, 'warm-up failed')
}

/** Submits n trivial tasks at once, awaits them all, checks the sum. @returns seconds */
export async function submitWait(run, n) {
  const ps = new Array(n)
  const t0 = now()
  for (let i = 0; i < n; i++) ps[i] = run(i)
  const res = await Promise.all(ps)
  let total = 0
  for (const v of res) total += v
  const t1 = now()
  check(total === (n * (n + 1)) / 2, 'bad sum')
  return t1 - t0
}

/** n tasks one at a time (submit, then await the result). @returns seconds, p50 µs */
export async function roundtrip(run, n) {
  const lat = new Array(n)
  let total = 0
  for (let i = 0; i < n; i++) {
    const t = now()
    total += await run(i)
    lat[i] = now() - t
  }
  check(total === (n * (n + 1)) / 2, 'bad sum')
  lat.sort((a, b) => a - b)
  return { seconds: lat.reduce((a, b) => a + b, 0), p50_us: Math.round(lat[n >> 1] * 1e7) / 10 }
}

/** Median of `rounds` results of `fn()` by their `seconds`. */
export async function median(fn, rounds = 3) {
  const results = []
  for (let i = 0; i < rounds; i++) results.push(await fn())
  results.sort((a, b) => (a.seconds ?? a) - (b.seconds ?? b))
  return results[results.length >> 1]
}
