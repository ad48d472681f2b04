// Task module shared by every pool in the benchmarks (ours through task(), piscina by filename).

/** Trivial task: x + 1. */
export function inc(x) {
  return x + 1
}

/** CPU-bound task: sum of i*i for i < n (float64 accumulator). */
export function burn(n) {
  let s = 0
  for (let i = 0; i < n; i++) s += i * i
  return s
}

export default inc
