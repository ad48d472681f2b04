import { describe, expect, it } from 'vitest'
import {
  CancelledError,
  createTask,
  currentTask,
  getRunningLoop,
  sleep,
  type Task,
  TaskGroup,
  TaskGroupError,
  withTaskGroup,
} from '../src/index.js'
import { virtualLoop } from './helpers.js'

async function outcome(t: PromiseLike<unknown>): Promise<['ok', unknown] | ['err', unknown]> {
  try {
    return ['ok', await t]
  } catch (error) {
    return ['err', error]
  }
}

function describeErrors(error: unknown): string[] {
  expect(error).toBeInstanceOf(TaskGroupError)
  expect(error).toBeInstanceOf(AggregateError)
  expect((error as Error).message).toBe('unhandled errors in a TaskGroup')
  return (error as AggregateError).errors.map((e: Error) =>
    e instanceof TaskGroupError
      ? `group[${describeErrors(e).join(',')}]`
      : `${e.name}(${e.message})`,
  )
}

const kinds = ['async', 'generator'] as const
type Kind = (typeof kinds)[number]

/** A child of `kind` sleeping `ms`, then returning `value` or throwing it if an Error. */
function child(kind: Kind, ms: number, value: unknown, log?: string[]) {
  if (kind === 'async') {
    return async (): Promise<unknown> => {
      try {
        await sleep(ms)
      } catch (error) {
        log?.push(`cancelled ${value instanceof Error ? value.message : String(value)}`)
        throw error
      }
      if (value instanceof Error) throw value
      return value
    }
  }
  return function* (): Generator<unknown, unknown> {
    try {
      yield* sleep(ms)
    } catch (error) {
      log?.push(`cancelled ${value instanceof Error ? value.message : String(value)}`)
      throw error
    }
    if (value instanceof Error) throw value
    return value
  }
}

/** Runs a generator body from an async function: each yielded aio future is awaited there. */
async function asAsync<T>(gen: Generator<unknown, T>): Promise<T> {
  let step = gen.next()
  while (step.done !== true) {
    try {
      await (step.value as PromiseLike<unknown>)
      step = gen.next()
    } catch (error) {
      step = gen.throw(error)
    }
  }
  return step.value
}

/**
 * Runs `body` under withTaskGroup in a task of `kind`: a generator body as is, or (async) from
 * an async function that awaits each future the body yields.
 */
function groupTask<T>(kind: Kind, body: (tg: TaskGroup) => Generator<unknown, T>): Task<T> {
  if (kind === 'async')
    return createTask(async () => withTaskGroup(async (tg) => asAsync(body(tg))))
  return createTask(function* () {
    return yield* withTaskGroup(function* (tg) {
      return yield* body(tg)
    })
  })
}

describe('TaskGroup (test_taskgroups.TestTaskGroup)', () => {
  for (const kind of kinds) {
    it(`AG-40 (${kind}) the group waits for all its children, late ones included`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        let tasks: Task<unknown>[] = []
        const group = groupTask(kind, function* (tg) {
          const t1 = tg.createTask(child(kind, 10, 1))
          const t2 = tg.createTask(async () => {
            await sleep(20)
            tasks.push(tg.createTask(child(kind, 30, 3))) // added while the group waits
            return 2
          })
          tasks = [t1, t2]
          expect(String(tg)).toBe('<TaskGroup tasks=2 entered>')
          yield* sleep(0)
        })
        await group
        expect(loop.time()).toBe(50)
        expect(tasks.map((t) => t.result())).toEqual([1, 2, 3])
      })
    })

    it(`AG-41 (${kind}) a failing child cancels its siblings and the body; cancelling() is restored`, async () => {
      const loop = virtualLoop()
      const log: string[] = []
      await loop.runUntilComplete(async () => {
        let after = -1
        const parent =
          kind === 'async'
            ? createTask(async () => {
                try {
                  await withTaskGroup(async (tg) => {
                    tg.createTask(child(kind, 10, new RangeError('z')))
                    tg.createTask(child(kind, 100, 'sibling', log))
                    try {
                      await sleep(1_000)
                    } catch (error) {
                      log.push('body cancelled')
                      throw error
                    }
                  })
                } catch (error) {
                  after = currentTask()?.cancelling() ?? -1
                  return describeErrors(error)
                }
                return []
              })
            : createTask(function* () {
                try {
                  yield* withTaskGroup(function* (tg) {
                    tg.createTask(child(kind, 10, new RangeError('z')))
                    tg.createTask(child(kind, 100, 'sibling', log))
                    try {
                      yield* sleep(1_000)
                    } catch (error) {
                      log.push('body cancelled')
                      throw error
                    }
                  })
                } catch (error) {
                  after = currentTask()?.cancelling() ?? -1
                  return describeErrors(error)
                }
                return []
              })
        expect(await parent).toEqual(['RangeError(z)'])
        expect(after).toBe(0)
        expect(loop.time()).toBe(10)
      })
      expect(log.sort()).toEqual(['body cancelled', 'cancelled sibling'])
    })

    it(`AG-42 (${kind}) errors in finishing order; later failures are cancelled first`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const [, error] = await outcome(
          groupTask(kind, function* (tg) {
            yield* sleep(0)
            tg.createTask(child(kind, 20, new Error('at 20')))
            tg.createTask(child(kind, 10, new Error('at 10')))
            tg.createTask(child(kind, 5, new TypeError('same step 1')))
            tg.createTask(child(kind, 5, new RangeError('same step 2')))
          }),
        )
        expect(describeErrors(error)).toEqual(['TypeError(same step 1)', 'RangeError(same step 2)'])
      })
    })

    it(`AG-43 (${kind}) an error in the body cancels the children; a child error comes first`, async () => {
      const loop = virtualLoop()
      const log: string[] = []
      await loop.runUntilComplete(async () => {
        const [, error] = await outcome(
          groupTask(kind, function* (tg) {
            tg.createTask(child(kind, 100, 'c', log))
            yield* sleep(0)
            throw new Error('body')
          }),
        )
        expect(describeErrors(error)).toEqual(['Error(body)'])
        expect(log).toEqual(['cancelled c'])
        const [, both] = await outcome(
          groupTask(kind, function* (tg) {
            tg.createTask(child(kind, 5, new RangeError('child')))
            try {
              yield* sleep(100)
            } catch {
              throw new Error('body after cancel')
            }
          }),
        )
        expect(describeErrors(both)).toEqual(['RangeError(child)', 'Error(body after cancel)'])
      })
    })

    it(`AG-44 (${kind}) cancelled children are not errors and do not disturb their siblings`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        let sibling: Task<unknown> | undefined
        await groupTask(kind, function* (tg) {
          const victim = tg.createTask(child(kind, 100, 'victim'))
          tg.createTask(async () => {
            throw new CancelledError('self')
          })
          sibling = tg.createTask(child(kind, 20, 'sibling'))
          yield* sleep(5)
          victim.cancel()
        })
        expect(sibling?.result()).toBe('sibling')
      })
    })

    it(`AG-45 (${kind}) the parent cancelled from outside: children cancelled, CancelledError, not a group`, async () => {
      const loop = virtualLoop()
      const log: string[] = []
      await loop.runUntilComplete(async () => {
        const parent = groupTask(kind, function* (tg) {
          tg.createTask(child(kind, 100, 'c', log))
          yield* sleep(1_000)
        })
        await sleep(10)
        parent.cancel()
        const [how, error] = await outcome(parent)
        expect(how).toBe('err')
        expect(error).toBeInstanceOf(CancelledError)
        expect(parent.cancelled()).toBe(true)
        expect(log).toEqual(['cancelled c'])
      })
    })

    it(`AG-45 (${kind}) the parent cancelled while a child fails in its cleanup: the group error wins`, async () => {
      const loop = virtualLoop()
      await loop.runUntilComplete(async () => {
        const parent = groupTask(kind, function* (tg) {
          tg.createTask(async () => {
            try {
              await sleep(100)
            } finally {
              // biome-ignore lint/correctness/noUnsafeFinally: the point of the test
              throw new RangeError('cleanup')
            }
          })
          yield* sleep(1_000)
        })
        await sleep(10)
        parent.cancel()
        const [, error] = await outcome(parent)
        expect(describeErrors(error)).toEqual(['RangeError(cleanup)'])
      })
    })
  }

  it('AG-46 any error (there are no BaseExceptions in JS) is grouped', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const [, error] = await outcome(
        withTaskGroup(async (tg) => {
          tg.createTask(async () => {
            throw 'a string'
          })
        }),
      )
      expect(error).toBeInstanceOf(TaskGroupError)
      expect((error as AggregateError).errors).toEqual(['a string'])
    })
  })

  it('AG-47 misuse: not entered, entered twice, finished, shutting down, outside a task', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const tg = new TaskGroup()
      expect(() => tg.createTask(async () => 1)).toThrow(
        'TaskGroup <TaskGroup> has not been entered',
      )
      let kept: TaskGroup | undefined
      await withTaskGroup(async (g) => {
        kept = g
        expect(() => g.enter()).toThrow('TaskGroup <TaskGroup entered> has already been entered')
      })
      expect(() => kept?.createTask(async () => 1)).toThrow(
        'TaskGroup <TaskGroup entered> is finished',
      )
      const [, error] = await outcome(
        withTaskGroup(async (g) => {
          g.createTask(async () => {
            throw new Error('x')
          })
          try {
            await sleep(10)
          } catch (cancel) {
            expect(() => g.createTask(async () => 1)).toThrow(
              'TaskGroup <TaskGroup errors=1 cancelling> is shutting down',
            )
            throw cancel
          }
        }),
      )
      expect(describeErrors(error)).toEqual(['Error(x)'])
    })
    await loop.runUntilComplete(async () => {
      const errors: unknown[] = []
      getRunningLoop().callSoon(() => {
        try {
          new TaskGroup().enter()
        } catch (error) {
          errors.push(error)
        }
      })
      await sleep(0)
      await sleep(0)
      expect(String(errors[0])).toBe(
        'Error: TaskGroup <TaskGroup> cannot determine the parent task',
      )
    })
  })

  it('AG-48 a child may spawn children after the body ended; createTask names tasks', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const names: string[] = []
      await withTaskGroup(async (tg) => {
        tg.createTask(
          async () => {
            names.push(currentTask()?.getName() ?? '')
            await sleep(10)
            tg.createTask(async () => {
              await sleep(10)
              names.push('grandchild')
            })
          },
          { name: 'named' },
        )
      })
      expect(names).toEqual(['named', 'grandchild'])
      expect(loop.time()).toBe(20)
    })
  })

  it('AG-49 nested groups: the inner group is one error of the outer; cancelling() back at 0', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      const parent = createTask(async () => {
        try {
          await withTaskGroup(async (outer) => {
            outer.createTask(async () =>
              withTaskGroup(async (inner) => {
                inner.createTask(async () => {
                  await sleep(5)
                  throw new RangeError('deep')
                })
              }),
            )
            await sleep(100)
          })
        } catch (error) {
          return [describeErrors(error), currentTask()?.cancelling()]
        }
        return undefined
      })
      expect(await parent).toEqual([['group[RangeError(deep)]'], 0])
    })
  })

  it('AG-40 await using waits for the children', async () => {
    const loop = virtualLoop()
    await loop.runUntilComplete(async () => {
      let t: Task<number> | undefined
      {
        await using tg = new TaskGroup().enter()
        t = tg.createTask(async () => {
          await sleep(10)
          return 7
        })
      }
      expect(t.result()).toBe(7)
      expect(loop.time()).toBe(10)
    })
  })
})
