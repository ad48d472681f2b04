import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/** Runs a fixture script in a child `node`; killed after `limitMs` (a bound, not a speed check). */
function runFixture(name: string, limitMs = 30_000) {
  const script = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
  return new Promise<{
    code: number | null
    signal: string | null
    stdout: string
    stderr: string
  }>((resolve) => {
    execFile(
      process.execPath,
      [script],
      { timeout: limitMs, killSignal: 'SIGKILL', encoding: 'utf8' },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: unknown; signal?: unknown }) | null
        resolve({
          code: failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null,
          signal:
            failure === null ? null : typeof failure.signal === 'string' ? failure.signal : null,
          stdout,
          stderr,
        })
      },
    )
  })
}

describe('an aio program fanning CPU work out to a process pool through the bridge', () => {
  it('cancels half of it from the aio side; nothing is left pending and the process exits by itself', async () => {
    const run = await runFixture('fan-out.mjs')
    expect(run.stderr).toBe('')
    expect(run.signal).toBeNull()
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as {
      ok: number
      cancelled: number
      other: string[]
      concurrentNotDone: number
      cancelledConcurrent: number
      evenAllOk: boolean
    }
    // Every aio mirror ended: the kept half with its result, the other half cancelled.
    expect(report).toMatchObject({ ok: 20, cancelled: 20, other: [], evenAllOk: true })
    // Every concurrent future ended too; the ones not yet started were cancelled with their
    // mirror (a running one cannot be: CPython's rule), and the pool acknowledged them.
    expect(report.concurrentNotDone).toBe(0)
    expect(report.cancelledConcurrent).toBeGreaterThanOrEqual(10)
    expect(report.cancelledConcurrent).toBeLessThanOrEqual(20)
  })
})
