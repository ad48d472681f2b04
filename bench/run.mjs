// `pnpm bench`: runs every benchmark script, each in its own process, JS and CPython side by
// side in this one invocation, and prints the ratios against their targets. Absolute numbers
// vary from run to run on a shared machine; the ratios, taken in one run, are what we track.
//
//   node run.mjs            all benchmarks
//   node run.mjs cf-future  only the pairs whose id contains "cf-future"
import { execFileSync, spawnSync } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

/**
 * Each comparison: a JS measurement, what it is compared with (a line printed by a CPython
 * script, py/*.py, or by the same JS script: piscina, another setting), and the target ratio
 * of ops/s (ours / theirs).
 */
const comparisons = [
  {
    id: 'cf-future',
    js: 'cf-future.mjs',
    py: 'py/cf_future.py',
    pairs: [
      {
        js: 'js.cf.future.create_cb_set_result',
        against: 'py.cf.future.create_cb_set_result',
        target: 10,
        what: 'concurrent Future: create + 1 done callback reading resultNow() + setResult, vs CPython',
      },
      {
        js: 'js.cf.future.create_set_result',
        against: 'py.cf.future.create_set_result',
        target: undefined,
        what: 'concurrent Future: create + setResult + resultNow(), vs CPython',
      },
    ],
  },
  {
    id: 'aio-future',
    js: 'aio-future.mjs',
    py: 'py/aio_future.py',
    pairs: [
      {
        js: 'js.aio.future.create_set_await.plain',
        against: 'py.aio.future.create_set_await',
        target: 1,
      },
      {
        js: 'js.aio.future.create_set_yield',
        against: 'py.aio.future.create_set_await',
        target: 1,
      },
      {
        js: 'js.aio.future.create_set_await',
        against: 'py.aio.future.create_set_await',
        target: undefined,
      },
      {
        js: 'js.aio.future.create_set_await.plain',
        against: 'js.promise.create_resolve_await',
        target: 0.5,
      },
      {
        js: 'js.aio.future.await_pending.gen',
        against: 'py.aio.future.await_pending',
        target: 2.5,
      },
      {
        js: 'js.aio.future.await_pending.async',
        against: 'py.aio.future.await_pending',
        target: undefined,
      },
      { js: 'js.aio.call_soon', against: 'py.aio.call_soon', target: undefined },
    ],
  },
  {
    id: 'aio-group',
    js: 'aio-group.mjs',
    py: 'py/asyncio_group.py',
    pairs: [
      { js: 'js.aio.gather.tasks_sleep0', against: 'py.aio.gather.tasks_sleep0', target: 3 },
      {
        js: 'js.aio.wait_first_completed.drain',
        against: 'py.aio.wait_first_completed.drain',
        target: 10,
      },
      { js: 'js.aio.as_completed.drain', against: 'py.aio.as_completed.drain', target: 3 },
    ],
  },
  {
    id: 'bridge',
    js: 'bridge.mjs',
    py: undefined,
    pairs: [
      { js: 'js.bridge.wrap_done_await', against: undefined, min: 1_000_000 },
      {
        js: 'js.bridge.to_thread.roundtrip',
        against: 'js.bridge.submit_wrap.roundtrip',
        target: 0.9,
      },
    ],
  },
  {
    id: 'thread-pool',
    js: 'thread-pool.mjs',
    py: undefined,
    pairs: [
      {
        js: 'js.futures.threadpool.w2.submit_wait',
        against: 'js.piscina.t2.submit_wait',
        target: 2.5,
      },
      {
        js: 'js.futures.threadpool.w2.submit_wait_futures',
        against: 'js.piscina.t2.submit_wait',
        target: 2.5,
      },
      {
        js: 'js.futures.threadpool.w2.roundtrip_seq',
        against: 'js.piscina.t2.roundtrip_seq',
        target: 1,
      },
    ],
  },
  {
    id: 'process-pool',
    js: 'process-pool.mjs',
    py: 'py/cf_processpool.py',
    pairs: [
      {
        js: 'js.futures.processpool.w2.submit_wait',
        against: 'py.cf.processpool.w2.submit_wait',
        target: 2,
      },
      {
        js: 'js.futures.processpool.w2.map_chunk1',
        against: 'py.cf.processpool.w2.map_chunk1',
        target: undefined,
      },
      {
        js: 'js.futures.processpool.w2.map_chunk100',
        against: 'py.cf.processpool.w2.map_chunk100',
        target: undefined,
      },
      {
        js: 'js.futures.processpool.w2.map_chunk100',
        against: 'js.futures.processpool.w2.map_chunk1',
        target: 50,
      },
      {
        js: 'js.futures.processpool.w2.roundtrip_seq',
        against: 'py.cf.processpool.w2.roundtrip_seq',
        target: undefined,
      },
    ],
  },
  {
    id: 'pools-cpu',
    js: 'pools-cpu.mjs',
    py: undefined,
    pairs: [
      { js: 'js.futures.threadpool.cpu.w2', against: 'js.futures.threadpool.cpu.w1', target: 1.9 },
      {
        js: 'js.futures.processpool.cpu.w2',
        against: 'js.futures.processpool.cpu.w1',
        target: 1.9,
      },
    ],
  },
]

function havePython() {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function runScript(command, args) {
  const out = spawnSync(command, args, { cwd: here, encoding: 'utf8' })
  if (out.status !== 0) {
    process.stderr.write(out.stderr)
    throw new Error(`${command} ${args.join(' ')} exited with ${out.status}`)
  }
  const lines = new Map()
  for (const line of out.stdout.split('\n')) {
    if (!line.startsWith('{')) continue
    const record = JSON.parse(line)
    lines.set(record.name, record)
  }
  return lines
}

const filter = process.argv[2]
const python = havePython()
if (!python) console.log('python3 not found: CPython columns are skipped')
console.log(
  `node ${process.version}${python ? `, ${execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim()}` : ''}`,
)

const fmt = (x) => (x === undefined ? '-' : Math.round(x).toLocaleString('en-US'))
let failed = 0
for (const c of comparisons) {
  if (filter !== undefined && !c.id.includes(filter)) continue
  const js = runScript(process.execPath, [c.js])
  const py = python && c.py ? runScript('python3', [c.py]) : new Map()
  const lines = new Map([...js, ...py])
  console.log(`\n## ${c.id}`)
  console.log('| measurement | JS ops/s | anchor ops/s | ratio | target | |')
  console.log('|---|---:|---:|---:|---:|---|')
  for (const p of c.pairs) {
    const mine = js.get(p.js)
    if (p.min !== undefined) {
      // An absolute floor (ops/s), not a ratio.
      const ok = mine !== undefined && mine.ops_per_s >= p.min
      if (!ok) failed++
      console.log(
        `| ${p.js} (absolute) | ${fmt(mine?.ops_per_s)} | - | - | ≥ ${fmt(p.min)}/s | ${ok ? 'ok' : 'BELOW TARGET'} |`,
      )
      continue
    }
    const anchor = lines.get(p.against)
    const ratio = mine && anchor ? mine.ops_per_s / anchor.ops_per_s : undefined
    const verdict =
      p.target === undefined || ratio === undefined ? '' : ratio >= p.target ? 'ok' : 'BELOW TARGET'
    if (verdict === 'BELOW TARGET') failed++
    console.log(
      `| ${p.js} vs ${p.against} | ${fmt(mine?.ops_per_s)} | ${fmt(anchor?.ops_per_s)} | ${ratio === undefined ? '-' : `${ratio.toFixed(1)}×`} | ${p.target === undefined ? '-' : `≥ ${p.target}×`} | ${verdict} |`,
    )
  }
}
if (failed > 0) console.log(`\n${failed} ratio(s) below target`)
