import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import * as here from '../src/index.js'

// The CommonJS build of this very package, loaded by name: a second, separate copy of every
// class, as an application gets when one dependency imports us and another requires us.
const other = createRequire(import.meta.url)('@futures/concurrent') as typeof here

describe('futures and errors from another copy of the package (brands, not instanceof)', () => {
  it('is really a separate copy', () => {
    expect(other.Future).not.toBe(here.Future)
    expect(new other.Future()).not.toBeInstanceOf(here.Future)
  })

  it('wait() accepts futures from both copies and splits them correctly', async () => {
    const mine = new here.Future<number>()
    const theirs = new other.Future<number>()
    const pending = new other.Future<number>()
    setTimeout(() => theirs.setException(new Error('theirs failed')), 1)
    mine.setResult(1)
    const { done, notDone } = await here.wait([mine, theirs, pending], {
      returnWhen: here.FIRST_EXCEPTION,
    })
    expect(done).toEqual(new Set([mine, theirs]))
    expect(notDone).toEqual(new Set([pending]))
  })

  it('asCompleted() yields futures of the other copy as they complete', async () => {
    const a = new other.Future<string>()
    const b = new here.Future<string>()
    setTimeout(() => {
      a.setResult('a')
      b.setResult('b')
    }, 1)
    const order: string[] = []
    for await (const f of here.asCompleted([b, a])) order.push(f.resultNow())
    expect(order).toEqual(['a', 'b'])
  })

  it("the other copy's CancelledError is caught as ours", async () => {
    const f = new other.Future()
    f.cancel()
    await expect(f.result()).rejects.toBeInstanceOf(here.CancelledError)
    expect(() => f.setResult(1)).toThrow(here.InvalidStateError)
  })
})
