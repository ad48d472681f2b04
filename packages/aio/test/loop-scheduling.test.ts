import { describe, expect, it } from 'vitest'
import { Handle, newEventLoop, sleep, TimerHandle } from '../src/index.js'
import { captureHandler, flush, hostMacrotask, runOnce, track, virtualLoop } from './helpers.js'

describe('scheduling (test_base_events.BaseEventLoopTests, test_events.EventLoopTestsMixin)', () => {
  it('AL-01 callSoon runs callbacks FIFO, each once, with its arguments', async () => {
    const loop = virtualLoop()
    const seen: [number, string][] = []
    for (let i = 0; i < 5; i++)
      loop.callSoon((n: number, s: string) => seen.push([n, s]), i, `x${i}`)
    await runOnce(loop)
    expect(seen).toEqual([
      [0, 'x0'],
      [1, 'x1'],
      [2, 'x2'],
      [3, 'x3'],
      [4, 'x4'],
    ])
  })

  it('AL-02 one iteration runs only what was ready when it began', async () => {
    const loop = virtualLoop()
    const seen: string[] = []
    loop.callSoon(() => {
      seen.push('A')
      loop.callSoon(() => seen.push('A-child'))
    })
    loop.callSoon(() => seen.push('B'))
    await runOnce(loop)
    expect(seen).toEqual(['A', 'B'])
    await runOnce(loop)
    expect(seen).toEqual(['A', 'B', 'A-child'])
  })

  it('AL-03 a cancelled handle does not run; cancelling twice is a no-op', async () => {
    const loop = virtualLoop()
    const seen: string[] = []
    const h = loop.callSoon((s: string) => seen.push(s), 'cancelled')
    loop.callSoon((s: string) => seen.push(s), 'kept')
    expect(h).toBeInstanceOf(Handle)
    expect(h.toString()).toContain("('cancelled')")
    expect(h.cancelled()).toBe(false)
    h.cancel()
    h.cancel()
    await runOnce(loop)
    expect(seen).toEqual(['kept'])
    expect(h.cancelled()).toBe(true)
    expect(h.toString()).toBe('<Handle cancelled>')
  })

  it('AL-04 callLater: when() is time() + delay, and it never runs earlier', async () => {
    const loop = virtualLoop()
    const ranAt: number[] = []
    const h = loop.callLater(50, () => ranAt.push(loop.time()))
    expect(h).toBeInstanceOf(TimerHandle)
    expect(h.when() - loop.time()).toBe(50)
    await loop.runUntilComplete(function* () {
      const f = loop.createFuture<void>()
      loop.callLater(100, () => f.setResult())
      yield* f
    })
    expect(ranAt).toEqual([50])
  })

  it('AL-05 zero, negative and past deadlines run next iteration, after callSoon, by deadline', async () => {
    const loop = virtualLoop()
    loop.advance(1000)
    const seen: string[] = []
    const push = (s: string): number => seen.push(s)
    loop.callSoon(push, 'soon-1')
    loop.callLater(0, push, 'later(0)')
    loop.callLater(-5, push, 'later(-5)')
    loop.callAt(loop.time() - 1, push, 'at(now-1)')
    loop.callSoon(push, 'soon-2')
    await runOnce(loop)
    expect(seen).toEqual(['soon-1', 'soon-2', 'later(-5)', 'at(now-1)', 'later(0)'])
  })

  it('AL-06 callAt takes a time on the loop clock; when() is exactly that value', async () => {
    const loop = virtualLoop()
    const when = loop.time() + 30
    let ranAt: number | undefined
    const h = loop.callAt(when, () => {
      ranAt = loop.time()
    })
    expect(h.when()).toBe(when)
    await loop.runUntilComplete(function* () {
      while (ranAt === undefined) yield* sleep(1)
    })
    expect(ranAt).toBe(when)
  })

  it('AL-07 (DESIGN: FIFO) timers with the same deadline run in the order scheduled', async () => {
    const loop = virtualLoop()
    const seen: number[] = []
    const t = loop.time() + 10
    for (let i = 0; i < 6; i++) loop.callAt(t, () => seen.push(i))
    await loop.runUntilComplete(function* () {
      while (seen.length < 6) yield* sleep(1)
    })
    expect(seen).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('AL-08 timers run in deadline order, whatever order they were created in', async () => {
    const loop = virtualLoop()
    const seen: string[] = []
    const t = loop.time()
    loop.callAt(t + 30, () => seen.push('t+30'))
    loop.callLater(10, () => seen.push('later(10)'))
    loop.callAt(t + 20, () => seen.push('t+20'))
    await loop.runUntilComplete(function* () {
      while (seen.length < 3) yield* sleep(1)
    })
    expect(seen).toEqual(['later(10)', 't+20', 't+30'])
  })

  it('AL-09 a cancelled timer does not run', async () => {
    const loop = virtualLoop()
    const seen: string[] = []
    const h = loop.callLater(10, () => seen.push('timer'))
    h.cancel()
    expect(h.cancelled()).toBe(true)
    await loop.runUntilComplete(function* () {
      const f = loop.createFuture()
      loop.callLater(20, () => f.setResult(undefined))
      yield* f
    })
    expect(seen).toEqual([])
    expect(h.toString()).toBe('<TimerHandle cancelled>')
  })

  it('AL-09 many cancelled timers are dropped from the heap, the rest still run in order', async () => {
    const loop = virtualLoop()
    const seen: number[] = []
    const handles = Array.from({ length: 200 }, (_, i) => loop.callLater(i + 1, () => seen.push(i)))
    for (const [i, h] of handles.entries()) if (i % 10 !== 0) h.cancel()
    await loop.runUntilComplete(function* () {
      while (seen.length < 20) yield* sleep(1)
    })
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i * 10))
  })

  it('AL-10 callLater(undefined) / callAt(undefined) / NaN throw TypeError', () => {
    const loop = virtualLoop()
    const f = (): void => {}
    expect(() => loop.callLater(undefined as unknown as number, f)).toThrow(TypeError)
    expect(() => loop.callAt(undefined as unknown as number, f)).toThrow(TypeError)
    expect(() => loop.callLater(Number.NaN, f)).toThrow(TypeError)
    expect(() => loop.callAt(Number.NaN, f)).toThrow(/when must be a number/)
  })

  it('AL-11 (DESIGN) a non-function is refused at the call, in and out of debug mode', () => {
    const loop = virtualLoop()
    expect(() => loop.callSoon(1 as never)).toThrow(
      'a callable object was expected by callSoon(), got number 1',
    )
    loop.setDebug(true)
    expect(loop.getDebug()).toBe(true)
    expect(() => loop.callSoon('x' as never)).toThrow(TypeError)
    expect(() => loop.callLater(1, {} as never)).toThrow(TypeError)
  })

  it('AL-11 debug mode refuses coroutine functions as callbacks; outside debug mode they are queued', async () => {
    const loop = virtualLoop()
    const async = async (): Promise<void> => {}
    expect(loop.callSoon(async)).toBeInstanceOf(Handle)
    loop.setDebug(true)
    expect(() => loop.callSoon(async)).toThrow('coroutines cannot be used with callSoon()')
    expect(() => loop.callLater(1, function* () {})).toThrow(/coroutines cannot be used/)
    await runOnce(loop)
  })

  it('AL-30 callSoonThreadsafe wakes an idle loop', async () => {
    const loop = track(newEventLoop())
    const running = loop.runForever()
    await flush()
    await flush()
    const seen: string[] = []
    // the loop is idle now (nothing ready, no timer): a foreign callback queues work
    hostMacrotask(() => {
      loop.callSoonThreadsafe((s: string) => {
        seen.push(s)
        loop.stop()
      }, 'woken')
    })
    await running
    expect(seen).toEqual(['woken'])
  })

  it('AL-30 a foreign promise that resolves an aio future wakes the loop (callSoon from outside)', async () => {
    const loop = track(newEventLoop())
    const f = loop.createFuture<string>()
    setTimeout(() => f.setResult('from a host timer'), 1)
    await expect(loop.runUntilComplete(f)).resolves.toBe('from a host timer')
  })

  it('AL-31 time() is milliseconds on a monotonic clock', async () => {
    const loop = track(newEventLoop())
    const a = loop.time()
    await new Promise((r) => setTimeout(r, 5))
    const b = loop.time()
    expect(typeof a).toBe('number')
    expect(b).toBeGreaterThanOrEqual(a)
  })

  it('AL-04 a real timer fires on the real loop (host seam)', async () => {
    const loop = track(newEventLoop())
    const when: number[] = []
    const h = loop.callLater(2, () => {
      when.push(loop.time())
      loop.stop()
    })
    await loop.runForever()
    expect(when).toHaveLength(1)
    expect(when[0]).toBeGreaterThanOrEqual(h.when())
  })

  it('AL-12 an exception in a callback goes to the handler; the iteration goes on', async () => {
    const loop = virtualLoop()
    const seen = captureHandler(loop)
    const ran: string[] = []
    const error = new RangeError('cb fail')
    const h = loop.callSoon(function bad() {
      throw error
    })
    loop.callSoon(() => ran.push('after-bad'))
    await runOnce(loop)
    expect(ran).toEqual(['after-bad'])
    expect(seen).toHaveLength(1)
    expect(seen[0]?.message).toBe('Exception in callback bad()')
    expect(seen[0]?.exception).toBe(error)
    expect(seen[0]?.handle).toBe(h)
  })
})
