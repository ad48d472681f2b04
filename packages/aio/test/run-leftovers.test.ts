/**
 * run() cancels the tasks main left behind and waits for them. A task that cannot finish
 * after its cancel (an async function at a foreign promise that ignores `task.signal`)
 * must not keep run() from settling once nothing could ever wake it: these tests run a
 * script against the built package in a fresh Node process, which must exit by itself.
 */
import { expect, it } from 'vitest'
import { describeNodeOnly, isBrowser } from './helpers.js'

// Node only: these tests start Node processes on the built package (a page never becomes
// idle the way a process does; README, "In the browser"). Node's modules load only on Node.
const node = isBrowser
  ? undefined
  : await Promise.all([import('node:child_process'), import('node:path'), import('node:url')])

function runScript(source: string): { status: number | null; out: unknown; stderr: string } {
  if (node === undefined) throw new Error('Node only')
  const [{ spawnSync }, { dirname, join }, { fileURLToPath }] = node
  const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: packageDir,
    encoding: 'utf8',
    timeout: 20_000,
  })
  const last = child.stdout.trim().split('\n').at(-1) ?? ''
  return {
    status: child.status,
    out: last === '' ? undefined : JSON.parse(last),
    stderr: child.stderr,
  }
}

describeNodeOnly('run() and leftover tasks that cannot finish', () => {
  it('a leftover task stuck at a promise that never settles is reported, run() settles, the process exits 0', () => {
    const { status, out, stderr } = runScript(`
      import { run, sleep, createTask, currentTask, getRunningLoop } from '@futures/aio'
      const seen = []
      const result = await run(async () => {
        getRunningLoop().setExceptionHandler((loop, context) =>
          seen.push(context.message.split(':')[0] + ' / ' + context.task.getName()))
        createTask(async () => { await new Promise(() => {}) }, { name: 'stuck' })
        createTask(async () => {
          try { await sleep(1e9) } finally { seen.push('polite cleaned up') }
        }, { name: 'polite' })
        createTask(async () => {
          const { signal } = currentTask()
          try {
            await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
          } finally { seen.push('signal-aware cleaned up') }
        }, { name: 'aware' })
        await sleep(1)
        return 'main done'
      })
      console.log(JSON.stringify({ result, seen }))
    `)
    expect(stderr).toBe('')
    expect(status).toBe(0)
    expect(out).toEqual({
      result: 'main done',
      seen: [
        // the abort listener rejects at once: its finally runs before the polite task's step
        'signal-aware cleaned up',
        'polite cleaned up',
        'Task was cancelled by run() but never finished / stuck',
      ],
    })
  })

  it('a leftover task that swallows its cancel and waits on a future nobody completes is reported too', () => {
    const { status, out } = runScript(`
      import { run, sleep, createTask, getRunningLoop, CancelledError } from '@futures/aio'
      const seen = []
      await run(function* () {
        getRunningLoop().setExceptionHandler((loop, context) => seen.push(context.task.getName()))
        createTask(function* () {
          try { yield* sleep(1e9) } catch (e) {
            if (!(e instanceof CancelledError)) throw e
            yield* getRunningLoop().createFuture()
          }
        }, { name: 'stubborn' })
        yield* sleep(1)
      })
      console.log(JSON.stringify(seen))
    `)
    expect(status).toBe(0)
    expect(out).toEqual(['stubborn'])
  })

  it('a leftover task whose foreign promise settles later (a host timer) is waited for, not reported', () => {
    const { status, out } = runScript(`
      import { run, sleep, createTask, getRunningLoop } from '@futures/aio'
      const seen = []
      await run(async () => {
        getRunningLoop().setExceptionHandler((loop, context) => seen.push('reported ' + context.task?.getName()))
        createTask(async () => {
          try { await new Promise((resolve) => setTimeout(resolve, 50)) } finally { seen.push('slow cleaned up') }
        }, { name: 'slow' })
        await sleep(1)
      })
      console.log(JSON.stringify(seen))
    `)
    expect(status).toBe(0)
    expect(out).toEqual(['slow cleaned up'])
  })
})
