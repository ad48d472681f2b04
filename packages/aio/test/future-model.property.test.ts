import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CANCELLED,
  CancelledError,
  FINISHED,
  type Future,
  InvalidStateError,
  PENDING,
} from '../src/index.js'
import type { VirtualTimeLoop } from '../src/testing.js'
import { runOnce, virtualLoop } from './helpers.js'

/** The reference model, written from CPython's asyncio.Future. */
interface Model {
  state: typeof PENDING | typeof FINISHED | typeof CANCELLED
  value: unknown
  failed: boolean
  message: string
  registered: number[]
  scheduled: number[]
  ran: number[]
}

interface Real {
  loop: VirtualTimeLoop
  future: Future<unknown>
  callbacks: (() => void)[]
  ran: number[]
}

type Cmd = fc.AsyncCommand<Model, Real>

function complete(m: Model): void {
  m.scheduled.push(...m.registered)
  m.registered = []
}

class SetResult implements Cmd {
  constructor(readonly value: number) {}
  check(): boolean {
    return true
  }
  async run(m: Model, r: Real): Promise<void> {
    if (m.state !== PENDING) {
      expect(() => r.future.setResult(this.value)).toThrow(InvalidStateError)
      return
    }
    r.future.setResult(this.value)
    m.state = FINISHED
    m.value = this.value
    complete(m)
  }
  toString(): string {
    return `setResult(${this.value})`
  }
}

class SetException implements Cmd {
  constructor(readonly value: unknown) {}
  check(): boolean {
    return true
  }
  async run(m: Model, r: Real): Promise<void> {
    if (m.state !== PENDING) {
      expect(() => r.future.setException(this.value)).toThrow(InvalidStateError)
      return
    }
    r.future.setException(this.value)
    m.state = FINISHED
    m.failed = true
    m.value = this.value
    complete(m)
  }
  toString(): string {
    return `setException(${String(this.value)})`
  }
}

class Cancel implements Cmd {
  constructor(readonly message: string | undefined) {}
  check(): boolean {
    return true
  }
  async run(m: Model, r: Real): Promise<void> {
    const expected = m.state === PENDING
    expect(r.future.cancel(this.message)).toBe(expected)
    if (!expected) return
    m.state = CANCELLED
    m.message = this.message ?? ''
    complete(m)
  }
  toString(): string {
    return `cancel(${JSON.stringify(this.message)})`
  }
}

class AddCallback implements Cmd {
  constructor(readonly id: number) {}
  check(): boolean {
    return true
  }
  async run(m: Model, r: Real): Promise<void> {
    r.future.addDoneCallback(r.callbacks[this.id] as () => void)
    if (m.state === PENDING) m.registered.push(this.id)
    else m.scheduled.push(this.id)
  }
  toString(): string {
    return `addDoneCallback(cb${this.id})`
  }
}

class RemoveCallback implements Cmd {
  constructor(readonly id: number) {}
  check(): boolean {
    return true
  }
  async run(m: Model, r: Real): Promise<void> {
    const expected = m.registered.filter((id) => id === this.id).length
    expect(r.future.removeDoneCallback(r.callbacks[this.id] as () => void)).toBe(expected)
    m.registered = m.registered.filter((id) => id !== this.id)
  }
  toString(): string {
    return `removeDoneCallback(cb${this.id})`
  }
}

class Read implements Cmd {
  check(): boolean {
    return true
  }
  async run(m: Model, r: Real): Promise<void> {
    const f = r.future
    expect(f.done()).toBe(m.state !== PENDING)
    expect(f.cancelled()).toBe(m.state === CANCELLED)
    if (m.state === PENDING) {
      expect(() => f.result()).toThrow(new InvalidStateError('Result is not set.'))
      expect(() => f.exception()).toThrow(new InvalidStateError('Exception is not set.'))
    } else if (m.state === CANCELLED) {
      expect(() => f.result()).toThrow(new CancelledError(m.message))
      expect(() => f.exception()).toThrow(CancelledError)
    } else if (m.failed) {
      expect(f.exception()).toBe(m.value)
      let thrown: unknown = 'nothing thrown'
      try {
        f.result()
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBe(m.value)
    } else {
      expect(f.result()).toBe(m.value)
      expect(f.exception()).toBeUndefined()
    }
  }
  toString(): string {
    return 'read'
  }
}

class RunIteration implements Cmd {
  check(): boolean {
    return true
  }
  async run(m: Model, r: Real): Promise<void> {
    // Nothing runs inline: only a loop iteration runs the scheduled callbacks, in order.
    expect(r.ran).toEqual(m.ran)
    await runOnce(r.loop)
    m.ran.push(...m.scheduled)
    m.scheduled = []
    expect(r.ran).toEqual(m.ran)
  }
  toString(): string {
    return 'runIteration'
  }
}

const commands = [
  fc.integer({ min: 0, max: 9 }).map((v) => new SetResult(v)),
  fc.constantFrom<unknown>(new Error('e'), undefined, 0, 'err').map((v) => new SetException(v)),
  fc.option(fc.constantFrom('m1', 'm2', ''), { nil: undefined }).map((msg) => new Cancel(msg)),
  // callbacks weigh double: duplicates and removals before completion are the subtle part
  fc.integer({ min: 0, max: 1 }).map((id) => new AddCallback(id)),
  fc.integer({ min: 0, max: 1 }).map((id) => new AddCallback(id)),
  fc.integer({ min: 0, max: 1 }).map((id) => new RemoveCallback(id)),
  fc.integer({ min: 0, max: 1 }).map((id) => new RemoveCallback(id)),
  fc.constant(new Read()),
  fc.constant(new RunIteration()),
]

describe('the aio Future state machine against a reference model (fc.commands)', () => {
  it('AF-04..AF-14 any sequence of set/cancel/callback/read/iteration agrees with the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        const loop = virtualLoop()
        const ran: number[] = []
        const real: Real = {
          loop,
          future: loop.createFuture(),
          callbacks: [0, 1].map((id) => () => {
            ran.push(id)
          }),
          ran,
        }
        const model: Model = {
          state: PENDING,
          value: undefined,
          failed: false,
          message: '',
          registered: [],
          scheduled: [],
          ran: [],
        }
        await fc.asyncModelRun(() => ({ model, real }), cmds)
        // the last scheduled callbacks still run, exactly once each
        await new RunIteration().run(model, real)
        await runOnce(loop)
        expect(ran).toEqual(model.ran)
        loop.close()
      }),
      { numRuns: 200 },
    )
  })
})
