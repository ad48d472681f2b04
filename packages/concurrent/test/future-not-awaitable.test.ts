import { describe, expect, it } from 'vitest'
import { Future } from '../src/index.js'

describe('A concurrent Future is not awaitable (DESIGN: no then; no CPython test)', () => {
  it('CF-34 has no then member, on the instance or the prototype', () => {
    const f = new Future<number>()
    expect('then' in f).toBe(false)
    expect(Object.hasOwn(Future.prototype, 'then')).toBe(false)
    expect((f as unknown as { then?: unknown }).then).toBeUndefined()
  })

  it('CF-34 so awaiting it quietly gives back the future itself, not its value', async () => {
    const f = new Future<number>()
    f.setResult(1)
    const awaited: unknown = await (f as unknown as PromiseLike<unknown>)
    expect(awaited).toBe(f)
  })

  it('CF-34 an async function may return a future: the promise resolves to the future', async () => {
    const f = new Future<number>()
    const make = async (): Promise<Future<number>> => f
    await expect(make()).resolves.toBe(f)
  })

  it('CF-34 Promise.all over async-mapped futures gives the futures back', async () => {
    const fs = [new Future<number>(), new Future<number>()]
    const all = await Promise.all(fs.map(async (f) => f))
    expect(all).toEqual(fs)
    expect(all[0]).toBe(fs[0])
  })

  it('CF-34 an async generator may yield a future unchanged', async () => {
    const f = new Future<number>()
    async function* gen(): AsyncGenerator<Future<number>> {
      yield f
    }
    const { value } = await gen().next()
    expect(value).toBe(f)
  })

  it('CF-34 the way to wait is await future.result()', async () => {
    const f = new Future<number>()
    f.setResult(1)
    await expect(f.result()).resolves.toBe(1)
  })
})
