// concurrent Future, single thread, no executor (same shapes as py/cf_future.py):
//   js.cf.future.create_cb_set_result: f = new Future(); f.addDoneCallback(cb); f.setResult(i),
//     where cb reads f.resultNow() into a running total (the callback runs inside setResult).
//   js.cf.future.create_set_result: f = new Future(); f.setResult(i); total += f.resultNow()
// N = 200k per timed run; median of 5 runs after a warm-up.
import { Future } from '@futures/concurrent'
import { check, emit, measure, now } from './_common.mjs'

const N = Number(process.argv[2] ?? 200_000)

function createCbSetResult(n) {
  let total = 0
  const cb = (f) => {
    total += f.resultNow()
  }
  const t0 = now()
  for (let i = 0; i < n; i++) {
    const f = new Future()
    f.addDoneCallback(cb)
    f.setResult(i)
  }
  const t1 = now()
  check(total === (n * (n - 1)) / 2, 'bad sum')
  return t1 - t0
}

function createSetResult(n) {
  let total = 0
  const t0 = now()
  for (let i = 0; i < n; i++) {
    const f = new Future()
    f.setResult(i)
    total += f.resultNow()
  }
  const t1 = now()
  check(total === (n * (n - 1)) / 2, 'bad sum')
  return t1 - t0
}

emit('js.cf.future.create_cb_set_result', N, measure(createCbSetResult, N))
emit('js.cf.future.create_set_result', N, measure(createSetResult, N))
