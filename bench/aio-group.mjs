// aio group functions, the shapes of py/asyncio_group.py:
//   js.aio.gather.tasks_sleep0   gather over 100k async functions `await sleep(0); return i + 1`
//   js.aio.wait_first_completed.drain  10k futures resolved one per loop turn (seeded shuffle),
//       drained with `while (pending.size) ({ pending } = await wait(pending, FIRST_COMPLETED))`
//   js.aio.as_completed.drain    the same 10k, `for (const c of asCompleted(fs)) total += await c`
// Warm-up with N/10 first (fresh loop, through run()), then the timed run (fresh loop).
import {
  asCompleted,
  createTask,
  FIRST_COMPLETED,
  gather,
  getRunningLoop,
  run,
  sleep,
  wait,
} from '@futures/aio'
import { check, emit, now } from './_common.mjs'

const N = Number(process.argv[2] ?? 100_000)
const M = 10_000

async function gatherTasks(n) {
  const work = async (i) => {
    await sleep(0)
    return i + 1
  }
  const t0 = now()
  const res = await gather(Array.from({ length: n }, (_, i) => () => work(i)))
  const t1 = now()
  let total = 0
  for (const v of res) total += v
  check(total === (n * (n + 1)) / 2, 'bad sum')
  return t1 - t0
}

/** A seeded shuffle (mulberry32), so every run resolves in the same order. */
function shuffled(n, seed) {
  let a = seed >>> 0
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  return order
}

function resolver(fs) {
  return createTask(async () => {
    for (const idx of shuffled(fs.length, 42)) {
      fs[idx].setResult(idx)
      await sleep(0)
    }
  })
}

async function waitDrain(n) {
  const loop = getRunningLoop()
  const fs = Array.from({ length: n }, () => loop.createFuture())
  let total = 0
  const t0 = now()
  const r = resolver(fs)
  let pending = new Set(fs)
  while (pending.size > 0) {
    const result = await wait(pending, { returnWhen: FIRST_COMPLETED })
    for (const f of result.done) total += f.result()
    pending = result.pending
  }
  await r
  const t1 = now()
  check(total === (n * (n - 1)) / 2, 'bad sum')
  return t1 - t0
}

async function asCompletedDrain(n) {
  const loop = getRunningLoop()
  const fs = Array.from({ length: n }, () => loop.createFuture())
  let total = 0
  const t0 = now()
  const r = resolver(fs)
  for (const c of asCompleted(fs)) total += await c
  await r
  const t1 = now()
  check(total === (n * (n - 1)) / 2, 'bad sum')
  return t1 - t0
}

for (const [name, fn, n] of [
  ['js.aio.gather.tasks_sleep0', gatherTasks, N],
  ['js.aio.wait_first_completed.drain', waitDrain, M],
  ['js.aio.as_completed.drain', asCompletedDrain, M],
]) {
  await run(() => fn(Math.floor(n / 10)))
  emit(name, n, await run(() => fn(n)))
}
