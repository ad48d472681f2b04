/**
 * Contexts (CPython's `contextvars`; on Node every `AsyncLocalStorage` store): a callback runs
 * in the context captured when it was queued, a task in a copy of its creator's, or in the
 * context it is given. `test_tasks.BaseTaskTests.test_context_1..6`.
 */
import { describe, expect, it } from 'vitest'
import {
  type CallbackContext,
  createTask,
  currentTask,
  type GeneratorCoroutine,
  sleep,
  type Task,
  withTaskGroup,
} from '../src/index.js'
import { describeNodeOnly, isBrowser, runOnce, virtualLoop } from './helpers.js'

// Node only: every test here reads `AsyncLocalStorage` stores, and a browser has no async
// context to capture (README, "In the browser"); the module is loaded only on Node.
const hooks = isBrowser ? undefined : await import('node:async_hooks')
const AsyncLocalStorage =
  hooks?.AsyncLocalStorage as typeof import('node:async_hooks').AsyncLocalStorage

const kinds = {
  async: (body: () => Promise<unknown>) => body,
  generator: (body: () => GeneratorCoroutine<unknown>) => body,
} as const

describeNodeOnly(
  'callbacks run in the context captured when they were queued (AL-32, AF-16)',
  () => {
    it('AL-32 callSoon: the context of the call, not later changes; context given by snapshot wins', async () => {
      const als = new AsyncLocalStorage<string>()
      const loop = virtualLoop()
      const order: (string | undefined)[] = []
      als.run('outer', () => {
        als.enterWith('at callSoon')
        loop.callSoon(() => order.push(als.getStore()))
        als.enterWith('changed later')
        loop.callSoon(() => order.push(als.getStore()))
      })
      await runOnce(loop)
      expect(order).toEqual(['at callSoon', 'changed later'])
    })

    it('AL-32 callLater and callAt capture the context too', async () => {
      const als = new AsyncLocalStorage<string>()
      const loop = virtualLoop()
      const order: (string | undefined)[] = []
      als.run('later', () => loop.callLater(5, () => order.push(als.getStore())))
      als.run('at', () => loop.callAt(loop.time() + 10, () => order.push(als.getStore())))
      await loop.runUntilComplete(async () => {
        await sleep(20)
      })
      expect(order).toEqual(['later', 'at'])
    })

    it("AL-32 a callback's changes stay in its own copy: the next callback does not see them", async () => {
      const als = new AsyncLocalStorage<string>()
      const loop = virtualLoop()
      const order: (string | undefined)[] = []
      als.run('scheduler', () => {
        loop.callSoon(() => {
          als.enterWith('set by the first callback')
          order.push(als.getStore())
        })
        loop.callSoon(() => order.push(als.getStore()))
      })
      await runOnce(loop)
      expect(order).toEqual(['set by the first callback', 'scheduler'])
    })

    it('AL-32 a done callback with a context captured in an async-function task is no task step: currentTask() is undefined there', async () => {
      const als = new AsyncLocalStorage<string>()
      const loop = virtualLoop()
      const seen: unknown[] = []
      await loop.runUntilComplete(async () => {
        const f = loop.createFuture<number>()
        const task = createTask(
          async () => {
            als.run('in task', () => {
              f.addDoneCallback(() => seen.push(currentTask(), als.getStore()), {
                context: AsyncLocalStorage.snapshot(),
              })
            })
            f.setResult(1)
            await sleep(1)
          },
          { name: 'T' },
        )
        await task
      })
      expect(seen).toEqual([undefined, 'in task'])
    })

    it('AL-32 a callback queued inside a task is no task step: currentTask() is undefined, the store is kept', async () => {
      const als = new AsyncLocalStorage<string>()
      const loop = virtualLoop()
      const seen: unknown[] = []
      await loop.runUntilComplete(
        als.run('creator', () =>
          loop.createTask(function* () {
            const loopNow = loop
            loopNow.callSoon(() => seen.push(currentTask(), als.getStore()))
            yield
          }),
        ),
      )
      expect(seen).toEqual([undefined, 'creator'])
    })

    it('AF-16 addDoneCallback: the context at add time, not at completion; { context } wins', async () => {
      const als = new AsyncLocalStorage<string>()
      const loop = virtualLoop()
      const f = loop.createFuture()
      const order: (string | undefined)[] = []
      als.run('at add', () => {
        f.addDoneCallback(() => order.push(als.getStore()))
        f.addDoneCallback(() => order.push(als.getStore()), {
          context: als.run('explicit', () => AsyncLocalStorage.snapshot()),
        })
      })
      als.run('at setResult', () => f.setResult(undefined))
      await runOnce(loop)
      expect(order).toEqual(['at add', 'explicit'])
    })

    it('AF-16 a done callback added to a future already done still runs in the context of the add', async () => {
      const als = new AsyncLocalStorage<string>()
      const loop = virtualLoop()
      const f = loop.createFuture<number>()
      f.setResult(1)
      const order: (string | undefined)[] = []
      als.run('at add', () => f.addDoneCallback(() => order.push(als.getStore())))
      await runOnce(loop)
      expect(order).toEqual(['at add'])
    })

    it('AF-16 a { context } that is no function (plain JavaScript) is refused at the call', () => {
      const loop = virtualLoop()
      const f = loop.createFuture<number>()
      const bad = { context: 42 as unknown as CallbackContext }
      expect(() => f.addDoneCallback(() => {}, bad)).toThrow(
        /addDoneCallback: context must be a function that runs a callback/,
      )
      expect(() => loop.createTask(async () => 1, bad)).toThrow(
        /createTask: context must be a function/,
      )
      expect(() =>
        loop.createTask(function* () {
          yield
        }, bad),
      ).toThrow(TypeError)
      expect(f.removeDoneCallback(() => {})).toBe(0)
    })

    it('AF-16 removeDoneCallback still finds a callback stored with its context', () => {
      const loop = virtualLoop()
      const f = loop.createFuture()
      const cb = (): void => {}
      f.addDoneCallback(cb)
      f.addDoneCallback(cb, { context: AsyncLocalStorage.snapshot() })
      f.addDoneCallback(() => {})
      expect(f.removeDoneCallback(cb)).toBe(2)
    })

    it.each(Object.keys(kinds))(
      'AF-16 (%s) changes made by a done callback stay out of the awaiting task (test_context_2)',
      async (kind) => {
        const als = new AsyncLocalStorage<string>()
        const loop = virtualLoop()
        const f = loop.createFuture<number>()
        const readAfter = (): string | undefined => als.getStore()
        const body =
          kind === 'async'
            ? async () => {
                f.addDoneCallback(() => als.enterWith('set by the callback'))
                loop.callSoon(() => f.setResult(1))
                await f
                await sleep(0)
                return readAfter()
              }
            : function* () {
                f.addDoneCallback(() => als.enterWith('set by the callback'))
                loop.callSoon(() => f.setResult(1))
                yield* f
                yield* sleep(0)
                return readAfter()
              }
        const task = als.run('task', () => loop.createTask(body as () => Promise<unknown>))
        await expect(loop.runUntilComplete(task)).resolves.toBe('task')
      },
    )
  },
)

describeNodeOnly(
  'a task runs in a copy of its creator context, or the one it is given (AT-34, AG-48)',
  () => {
    for (const kind of ['async', 'generator'] as const) {
      it(`AT-34 (${kind}) the task reads the creator's value; its changes do not leak back (test_context_1)`, async () => {
        const als = new AsyncLocalStorage<string>()
        const loop = virtualLoop()
        const readThenSet =
          kind === 'async'
            ? async () => {
                const before = als.getStore()
                als.enterWith('changed in task')
                await sleep(1)
                return [before, als.getStore()]
              }
            : function* () {
                const before = als.getStore()
                als.enterWith('changed in task')
                yield* sleep(1)
                return [before, als.getStore()]
              }
        const outcome = await als.run('creator', async () => {
          const task = loop.createTask(readThenSet as () => Promise<string[]>)
          const result = await loop.runUntilComplete(task)
          return { result, creator: als.getStore() }
        })
        expect(outcome).toEqual({ result: ['creator', 'changed in task'], creator: 'creator' })
      })

      it(`AT-34 (${kind}) every step runs in the task's context, whoever woke it (test_context_3)`, async () => {
        const als = new AsyncLocalStorage<string>()
        const loop = virtualLoop()
        const f = loop.createFuture<number>()
        const seen: (string | undefined)[] = []
        const body =
          kind === 'async'
            ? async () => {
                seen.push(als.getStore())
                await f
                seen.push(als.getStore())
                await sleep(5)
                seen.push(als.getStore())
              }
            : function* () {
                seen.push(als.getStore())
                yield* f
                seen.push(als.getStore())
                yield* sleep(5)
                seen.push(als.getStore())
              }
        const task = als.run('creator', () => loop.createTask(body as () => Promise<void>))
        als.run('waker', () => loop.callLater(1, () => f.setResult(1)))
        await loop.runUntilComplete(task)
        expect(seen).toEqual(['creator', 'creator', 'creator'])
      })

      it(`AT-34 (${kind}) createTask(coro, { context }) runs in that context itself: its changes show up there`, async () => {
        const als = new AsyncLocalStorage<string>()
        const loop = virtualLoop()
        const ctx = als.run('explicit', () => AsyncLocalStorage.snapshot())
        const readThenSet =
          kind === 'async'
            ? async () => {
                const before = als.getStore()
                als.enterWith('changed in task')
                return before
              }
            : function* () {
                const before = als.getStore()
                als.enterWith('changed in task')
                yield
                return before
              }
        const task = als.run('creator', () =>
          loop.createTask(readThenSet as () => Promise<string>, { context: ctx }),
        )
        await expect(loop.runUntilComplete(task)).resolves.toBe('explicit')
        expect(ctx(() => als.getStore())).toBe('changed in task')
      })
    }

    it('AT-34 a generator task made in an async-function task: its steps are none of the creator (test_context_1)', async () => {
      const loop = virtualLoop()
      const seen: unknown[] = []
      const f = loop.createFuture<number>()
      await loop
        .runUntilComplete(async () => {
          const outer = currentTask() as Task<unknown>
          const child = createTask(function* () {
            void Promise.resolve().then(() => seen.push(currentTask()))
            yield* sleep(2)
            // An async helper started from the step awaits f: it is no await of `outer`.
            void (async () => {
              await f.catch(() => {})
            })()
            yield* sleep(5)
          })
          createTask(async () => {
            await sleep(4)
            outer.cancel()
          })
          await child
        })
        .catch(() => {})
      expect(seen).toEqual([undefined])
      expect(f.cancelled()).toBe(false)
    })

    it('AT-34 tasks created by one creator each get their own copy (test_context_6)', async () => {
      const als = new AsyncLocalStorage<number>()
      const loop = virtualLoop()
      const results = await loop.runUntilComplete(async () => {
        als.enterWith(0)
        const tasks: Task<number | undefined>[] = []
        for (let i = 1; i <= 3; i++) {
          tasks.push(
            createTask(function* () {
              als.enterWith((als.getStore() ?? 0) + i)
              yield* sleep(i)
              return als.getStore()
            }),
          )
        }
        const out: (number | undefined)[] = []
        for (const t of tasks) out.push(await t)
        out.push(als.getStore())
        return out
      })
      expect(results).toEqual([1, 2, 3, 0])
    })

    it('AG-48 TaskGroup.createTask(coro, { context }) runs the child in that context', async () => {
      const als = new AsyncLocalStorage<string>()
      const loop = virtualLoop()
      const ctx = als.run('given', () => AsyncLocalStorage.snapshot())
      const seen: (string | undefined)[] = []
      await loop.runUntilComplete(
        als.run('body', () =>
          loop.createTask(async () => {
            await withTaskGroup(async (tg) => {
              tg.createTask(
                function* () {
                  seen.push(als.getStore())
                  yield* sleep(1)
                  seen.push(als.getStore())
                },
                { context: ctx },
              )
              tg.createTask(async () => {
                await sleep(1)
                seen.push(als.getStore())
              })
            })
          }),
        ),
      )
      expect(seen).toEqual(['given', 'given', 'body'])
    })
  },
)

describe('a context that fails is reported as the callback, never thrown out of the loop (AL-32)', () => {
  it('AF-16 a { context } runner that throws goes to the exception handler with the handle; the loop goes on', async () => {
    const loop = virtualLoop()
    const reports: unknown[] = []
    loop.setExceptionHandler((_loop, context) =>
      reports.push([context.message, (context.exception as Error).message, String(context.handle)]),
    )
    const f = loop.createFuture<number>()
    const failing: CallbackContext = () => {
      throw new Error('runner failed')
    }
    const order: string[] = []
    f.addDoneCallback(function onDone() {}, { context: failing })
    f.addDoneCallback(() => order.push('next callback'))
    f.setResult(1)
    await runOnce(loop)
    expect(reports).toEqual([
      [
        'Exception in callback onDone(<Future finished result=1>)',
        'runner failed',
        '<Handle onDone(<Future finished result=1>)>',
      ],
    ])
    expect(order).toEqual(['next callback'])
  })
})
