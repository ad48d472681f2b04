// Shared helpers for the JS side of the benchmarks. Each script prints one JSON line per
// measurement: {name, ops, seconds, ops_per_s, lang}. Warm-up first; results are always
// consumed and checked, so a broken benchmark fails instead of printing a fast number.
import { performance } from 'node:perf_hooks'

export const now = () => performance.now() / 1000

export function emit(name, ops, seconds, extra = {}) {
  const record = {
    name,
    ops,
    seconds: Number(seconds.toFixed(6)),
    ops_per_s: Math.round(ops / seconds),
    ...extra,
    lang: 'js',
  }
  console.log(JSON.stringify(record))
}

export function check(condition, message) {
  if (!condition) throw new Error(`benchmark check failed: ${message}`)
}

/** Median of `rounds` timed runs of `fn(n)` (each returning seconds), after one warm-up of n/10. */
export function measure(fn, n, rounds = 5) {
  fn(Math.max(1, Math.floor(n / 10)))
  const times = []
  for (let i = 0; i < rounds; i++) times.push(fn(n))
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}
