import { describe, expect, it } from 'vitest'
import {
  allTasks,
  createTask,
  currentTask,
  ensureFuture,
  type Future,
  getRunningLoop,
  sleep,
  Task,
} from '../src/index.js'
import { isBrowser, virtualLoop } from './helpers.js'

const concurrentLike = { [Symbol.for('@futures/concurrent/Future')]: true }

describe('identity and introspection (test_tasks.BaseTaskTests)', () => {
  it('AT-22 a task cannot be completed from outside (both kinds)', async () => {
    const loop = virtualLoop()
    for (const t of [
      loop.createTask(async () => 1),
      loop.createTask(function* () {
        yield
        return 1
      }),
    ]) {
      expect(() => t.setResult(1)).toThrow('Task does not support setResult operation')
      expect(() => t.setException(new Error())).toThrow(
        'Task does not support setException operation',
      )
      await expect(loop.runUntilComplete(t)).resolves.toBe(1)
    }
  })

  it('AT-23 createTask refuses what is not a coroutine; a concurrent Future gets a hint to wrapFuture', async () => {
    const loop = virtualLoop()
    expect(() => loop.createTask(123 as never)).toThrow(
      'a coroutine was expected (an async function, a generator coroutine or a thenable), got number 123',
    )
    expect(() => loop.createTask(loop.createFuture() as never)).toThrow(
      /a coroutine was expected .* got <Future pending>/,
    )
    expect(() => loop.createTask(concurrentLike as never)).toThrow(TypeError)
    expect(() => loop.createTask(concurrentLike as never)).toThrow(/wrapFuture/)
    expect(() => loop.createTask(async function* () {} as never)).toThrow(TypeError)
    expect(() => createTask(async () => 1)).toThrow('no running event loop')
  })

  it('AT-23 createTask takes async functions, generator functions and objects, thenables', async () => {
    const loop = virtualLoop()
    const tasks = [
      loop.createTask(async () => 'async fn'),
      // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
      loop.createTask(function* () {
        return 'generator fn'
      }),
      loop.createTask(
        // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
        (function* () {
          return 'generator object'
        })(),
      ),
      loop.createTask(Promise.resolve('promise')),
      loop.createTask({
        // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
        then: ((r: (v: string) => void) => r('thenable')) as unknown as PromiseLike<string>['then'],
      }),
    ]
    const out = await loop.runUntilComplete(async () => {
      const values: unknown[] = []
      for (const t of tasks) values.push(await t)
      return values
    })
    expect(out).toEqual(['async fn', 'generator fn', 'generator object', 'promise', 'thenable'])
  })

  it('AT-24 currentTask(): the task whose step runs; undefined in a plain callback (both kinds)', async () => {
    const loop = virtualLoop()
    const seen: unknown[] = []
    const main = loop.createTask(async () => {
      const me = currentTask()
      loop.callSoon(() => seen.push(['callback', currentTask()]))
      const g = createTask(function* () {
        seen.push(['gen first step', currentTask() === g])
        yield* sleep(1)
        seen.push(['gen after yield', currentTask() === g])
      })
      await sleep(0)
      seen.push(['main after aio await', currentTask() === me])
      await new Promise((r) => setTimeout(r, 1))
      seen.push(['main after a foreign await', currentTask() === me])
      await g
      return [me] // boxed: returning a task from an async function would await it
    })
    const [me] = await loop.runUntilComplete(main)
    expect(me).toBe(main)
    // (virtual time may run the generator's sleep out while main waits for a host timer)
    expect(seen.map(String).sort()).toEqual([
      'callback,',
      'gen after yield,true',
      'gen first step,true',
      // In the browser, code after a foreign await runs in no step the loop knows of: there
      // currentTask() is undefined (README, "In the browser").
      `main after a foreign await,${!isBrowser}`,
      'main after aio await,true',
    ])
  })

  it('AT-24 interleaving async tasks each see themselves after every await', async () => {
    const loop = virtualLoop()
    const mismatches: string[] = []
    const worker = async (name: string): Promise<void> => {
      const me = currentTask()
      for (let i = 0; i < 5; i++) {
        await sleep(i % 2)
        if (currentTask() !== me || me?.getName() !== name) mismatches.push(`${name}@${i}`)
      }
    }
    await loop.runUntilComplete(async () => {
      const ts = ['a', 'b', 'c'].map((n) => createTask(() => worker(n), { name: n }))
      for (const t of ts) await t
    })
    expect(mismatches).toEqual([])
  })

  it('AT-25 allTasks(): the pending tasks of the loop, the current one included (both kinds)', async () => {
    const loop = virtualLoop()
    const out = await loop.runUntilComplete(async () => {
      const gen = createTask(function* () {
        yield* sleep(1)
      })
      expect(allTasks().has(gen)).toBe(true)
      const other = createTask(async () => {
        await sleep(1)
      })
      const before = allTasks()
      const had = [before.has(currentTask() as Task<unknown>), before.has(other)]
      await other
      return [...had, allTasks().has(other), allTasks(getRunningLoop()).size]
    })
    expect(out).toEqual([true, true, false, 1])
    expect(allTasks(loop).size).toBe(0)
  })

  it('AT-26 names: Task-<n> by default, else String(name); setName too', async () => {
    const loop = virtualLoop()
    const a = loop.createTask(async () => 1)
    const b = loop.createTask(async () => 1)
    const na = Number(a.getName().replace('Task-', ''))
    expect(a.getName()).toMatch(/^Task-\d+$/)
    expect(b.getName()).toBe(`Task-${na + 1}`)
    a.setName(123)
    expect(a.getName()).toBe('123')
    const c = loop.createTask(async () => 1, { name: 5 })
    expect(c.getName()).toBe('5')
    const d = loop.createTask(
      function* () {
        yield
      },
      { name: 'gen' },
    )
    expect(d.getName()).toBe('gen')
    d.setName(7)
    expect(d.getName()).toBe('7')
    await loop.runUntilComplete(async () => {
      await a
      await b
      await c
      await d
    })
  })

  it('AT-27 toString: pending, cancelling, cancelled, finished', async () => {
    const loop = virtualLoop()
    const t = loop.createTask(
      async () => {
        await sleep(10)
      },
      { name: 'F' },
    )
    expect(String(t)).toBe("<Task pending name='F'>")
    await loop.runUntilComplete(async () => {
      await sleep(1)
    })
    t.cancel()
    expect(String(t)).toBe("<Task cancelling name='F'>")
    await loop.runUntilComplete(async () => {
      await sleep(1)
    })
    expect(String(t)).toBe("<Task cancelled name='F'>")
    const ok = loop.createTask(async () => 3, { name: 'G' })
    await loop.runUntilComplete(ok)
    expect(String(ok)).toBe("<Task finished result=3 name='G'>")
    const gen = loop.createTask(
      function* () {
        yield
        throw new RangeError('r')
      },
      { name: 'H' },
    )
    expect(String(gen)).toBe("<Task pending name='H'>")
    await expect(loop.runUntilComplete(gen)).rejects.toThrow(RangeError)
    expect(String(gen)).toBe(`<Task finished exception=RangeError("r") name='H'>`)
  })

  it('AT-28 getCoro(): the coroutine given, also once done', async () => {
    const loop = virtualLoop()
    const fn = async (): Promise<number> => 1
    // biome-ignore lint/correctness/useYield: a generator coroutine that never suspends
    const gen = (function* () {
      return 2
    })()
    const a = loop.createTask(fn)
    const b = loop.createTask(gen)
    await loop.runUntilComplete(async () => {
      await a
      await b
    })
    expect(a.getCoro()).toBe(fn)
    expect(b.getCoro()).toBe(gen)
  })
})

describe('misuse (test_tasks.BaseTaskTests)', () => {
  it('AT-30 a task awaiting itself gets an error at that await (both kinds)', async () => {
    const loop = virtualLoop()
    const a: Task<unknown> = loop.createTask(async () => {
      await (currentTask() as Future<unknown>)
    })
    const g: Task<unknown> = loop.createTask(function* () {
      yield* currentTask() as Future<unknown>
    })
    await expect(loop.runUntilComplete(a)).rejects.toThrow(/^Task cannot await on itself: <Task/)
    await expect(loop.runUntilComplete(g)).rejects.toThrow(/^Task cannot await on itself: <Task/)
  })

  it('AT-31 awaiting a future of another loop throws into the coroutine (both kinds)', async () => {
    const loop = virtualLoop()
    const other = virtualLoop()
    const a = loop.createTask(async () => {
      await other.createFuture()
    })
    const g = loop.createTask(function* () {
      yield* other.createFuture()
    })
    await expect(loop.runUntilComplete(a)).rejects.toThrow(
      /got Future <Future pending> attached to a different loop/,
    )
    await expect(loop.runUntilComplete(g)).rejects.toThrow(
      /got Future <Future pending> attached to a different loop/,
    )
  })

  it('AT-32 (DESIGN) bad yields in a generator coroutine throw in; a bare yield is one iteration', async () => {
    const loop = virtualLoop()
    const yields = async (value: unknown): Promise<string> => {
      const t = loop.createTask(function* () {
        try {
          yield value
          return 'accepted'
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`
        }
      })
      return await loop.runUntilComplete(t)
    }
    expect(await yields(42)).toBe('Error: Task got bad yield: number 42')
    expect(await yields(concurrentLike)).toMatch(/^TypeError: .*wrapFuture/)
    expect(await yields((function* () {})())).toMatch(
      /^Error: yield was used instead of yield\* for generator/,
    )
    expect(await yields(loop.createFuture())).toMatch(
      /^Error: yield was used instead of yield\* in task/,
    )
    const order: string[] = []
    await loop.runUntilComplete(function* () {
      loop.callSoon(() => order.push('callback'))
      yield
      order.push('after a bare yield')
    })
    expect(order).toEqual(['callback', 'after a bare yield'])
  })

  it('AT-33 ensureFuture: futures as is, coroutines and thenables in a task, others a TypeError', async () => {
    const loop = virtualLoop()
    const f = loop.createFuture()
    expect(ensureFuture(f)).toBe(f)
    await loop.runUntilComplete(async () => {
      const t = createTask(async () => 1)
      expect(ensureFuture(t)).toBe(t)
      const g = ensureFuture(function* () {
        yield
        return 'generator'
      })
      expect(await g).toBe('generator')
      const a = ensureFuture(async () => 'coroutine')
      const b = ensureFuture({
        // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
        then: ((r: (v: string) => void) =>
          r('awaitable')) as unknown as PromiseLike<string>['then'],
      })
      expect(a).toBeInstanceOf(Task)
      expect(b).toBeInstanceOf(Task)
      expect([await a, await b, await t]).toEqual(['coroutine', 'awaitable', 1])
    })
    expect(() => ensureFuture(42 as never)).toThrow(
      'An aio Future, a coroutine or an awaitable is required',
    )
    expect(() => ensureFuture(concurrentLike as never)).toThrow(/wrapFuture/)
    expect(() => ensureFuture(f, { loop: virtualLoop() })).toThrow(/different loop/)
  })

  it('AT-36 tasks need a running loop (createTask) or an open one (loop.createTask)', async () => {
    const loop = virtualLoop()
    expect(() => createTask(async () => 1)).toThrow('no running event loop')
    const t = loop.createTask(async () => 'on a loop not running')
    await expect(loop.runUntilComplete(t)).resolves.toBe('on a loop not running')
    const g = loop.createTask(function* () {
      yield
      return 'generator on a loop not running'
    })
    await expect(loop.runUntilComplete(g)).resolves.toBe('generator on a loop not running')
    expect(() =>
      createTask(function* () {
        yield
      }),
    ).toThrow('no running event loop')
    loop.close()
    expect(() => loop.createTask(async () => 1)).toThrow('Event loop is closed')
  })
})
