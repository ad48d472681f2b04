import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { CancelledError, Future, InvalidStateError, setLogger } from '../src/index.js'
import { restoreLogger, thrownBy } from './support.js'

/*
 * A reference model of CPython's concurrent.futures.Future state machine (Lib/concurrent/futures/
 * _base.py), written here from the catalog (cf-future.md) and not from the implementation:
 * which calls move which state, what they return, what they throw, and when which done
 * callbacks run, in which order. fast-check runs random command sequences against the model and
 * a real Future side by side and compares them after every step.
 */

type State = 'PENDING' | 'RUNNING' | 'CANCELLED' | 'CANCELLED_AND_NOTIFIED' | 'FINISHED'

interface Model {
  state: State
  failed: boolean
  value: number | undefined
  exception: unknown
  /** Callbacks added while not done: id and whether it throws. */
  pending: { id: number; throws: boolean }[]
  /** Ids of the callbacks called so far, in call order. */
  calls: number[]
  /** Callback errors reported on the logger. */
  reported: number
  /** Critical reports (CF-08). */
  criticals: string[]
  nextId: number
}

interface Real {
  f: Future<number>
  /** Each callback pushes its id, negated if it saw a future that was not done or not `f`. */
  calls: number[]
  reported: unknown[]
  criticals: string[]
}

const isCancelled = (s: State): boolean => s === 'CANCELLED' || s === 'CANCELLED_AND_NOTIFIED'
const isDone = (s: State): boolean => s === 'FINISHED' || isCancelled(s)

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (value instanceof Error) return value.name
  return typeof value
}

function repr(m: Model): string {
  switch (m.state) {
    case 'PENDING':
      return '<Future state=pending>'
    case 'RUNNING':
      return '<Future state=running>'
    case 'CANCELLED':
    case 'CANCELLED_AND_NOTIFIED':
      return '<Future state=cancelled>'
    case 'FINISHED':
      return m.failed
        ? `<Future state=finished raised ${typeName(m.exception)}>`
        : `<Future state=finished returned ${typeName(m.value)}>`
  }
}

/** The done callbacks run: all pending ones, in order added, each once. */
function fire(m: Model): void {
  for (const cb of m.pending) {
    m.calls.push(cb.id)
    if (cb.throws) m.reported++
  }
  m.pending = []
}

/** Compares everything observable about the real future with the model. */
function compare(m: Model, r: Real): void {
  expect({
    running: r.f.running(),
    cancelled: r.f.cancelled(),
    done: r.f.done(),
    repr: r.f.toString(),
    calls: r.calls,
    reported: r.reported.length,
    criticals: r.criticals,
  }).toEqual({
    running: m.state === 'RUNNING',
    cancelled: isCancelled(m.state),
    done: isDone(m.state),
    repr: repr(m),
    calls: m.calls,
    reported: m.reported,
    criticals: m.criticals,
  })
}

type Cmd = fc.Command<Model, Real>

class Cancel implements Cmd {
  check = (): boolean => true
  run(m: Model, r: Real): void {
    const got = r.f.cancel()
    let want: boolean
    if (m.state === 'RUNNING' || m.state === 'FINISHED') want = false
    else if (m.state === 'PENDING') {
      m.state = 'CANCELLED'
      fire(m)
      want = true
    } else want = true // CPython: already cancelled → True, nothing changes
    expect(got).toBe(want)
    compare(m, r)
  }
  toString = (): string => 'cancel()'
}

class SetRunningOrNotifyCancel implements Cmd {
  check = (): boolean => true
  run(m: Model, r: Real): void {
    if (m.state === 'PENDING') {
      expect(r.f.setRunningOrNotifyCancel()).toBe(true)
      m.state = 'RUNNING'
    } else if (m.state === 'CANCELLED') {
      expect(r.f.setRunningOrNotifyCancel()).toBe(false)
      m.state = 'CANCELLED_AND_NOTIFIED'
    } else {
      const error = thrownBy(() => r.f.setRunningOrNotifyCancel())
      expect(Object.getPrototypeOf(error)).toBe(Error.prototype)
      expect((error as Error).message).toBe('Future in unexpected state')
      m.criticals.push(`Future ${repr(m)} in unexpected state: ${m.state}`)
    }
    compare(m, r)
  }
  toString = (): string => 'setRunningOrNotifyCancel()'
}

class SetResult implements Cmd {
  constructor(readonly value: number) {}
  check = (): boolean => true
  run(m: Model, r: Real): void {
    if (m.state === 'PENDING' || m.state === 'RUNNING') {
      r.f.setResult(this.value)
      m.state = 'FINISHED'
      m.value = this.value
      fire(m)
    } else {
      const error = thrownBy(() => r.f.setResult(this.value))
      expect(error).toBeInstanceOf(InvalidStateError)
      expect((error as Error).message).toBe(`${m.state}: ${repr(m)}`)
    }
    compare(m, r)
  }
  toString = (): string => `setResult(${this.value})`
}

class SetException implements Cmd {
  constructor(readonly exception: unknown) {}
  check = (): boolean => true
  run(m: Model, r: Real): void {
    if (m.state === 'PENDING' || m.state === 'RUNNING') {
      r.f.setException(this.exception)
      m.state = 'FINISHED'
      m.failed = true
      m.exception = this.exception
      fire(m)
    } else {
      const error = thrownBy(() => r.f.setException(this.exception))
      expect(error).toBeInstanceOf(InvalidStateError)
      expect((error as Error).message).toBe(`${m.state}: ${repr(m)}`)
    }
    compare(m, r)
  }
  toString = (): string => `setException(${fc.stringify(this.exception)})`
}

class AddDoneCallback implements Cmd {
  constructor(readonly throws: boolean) {}
  check = (): boolean => true
  run(m: Model, r: Real): void {
    const id = m.nextId++
    const { throws } = this
    r.f.addDoneCallback((g) => {
      r.calls.push(g === r.f && g.done() ? id : -id)
      if (throws) throw new Error(`callback ${id} failed`)
    })
    if (isDone(m.state)) {
      // CPython: on a done future the callback runs at once, inside add_done_callback.
      m.calls.push(id)
      if (throws) m.reported++
    } else m.pending.push({ id, throws })
    compare(m, r)
  }
  toString = (): string => `addDoneCallback(${this.throws ? 'throwing' : 'ok'})`
}

class ResultNow implements Cmd {
  check = (): boolean => true
  run(m: Model, r: Real): void {
    if (m.state === 'FINISHED' && !m.failed) expect(r.f.resultNow()).toBe(m.value)
    else {
      const error = thrownBy(() => r.f.resultNow())
      if (m.state === 'FINISHED') expect(error).toBe(m.exception)
      else if (isCancelled(m.state)) expect(error).toBeInstanceOf(CancelledError)
      else expect(error).toBeInstanceOf(InvalidStateError)
    }
    compare(m, r)
  }
  toString = (): string => 'resultNow()'
}

class ExceptionNow implements Cmd {
  check = (): boolean => true
  run(m: Model, r: Real): void {
    if (m.state === 'FINISHED') expect(r.f.exceptionNow()).toBe(m.failed ? m.exception : undefined)
    else {
      const error = thrownBy(() => r.f.exceptionNow())
      if (isCancelled(m.state)) expect(error).toBeInstanceOf(CancelledError)
      else expect(error).toBeInstanceOf(InvalidStateError)
    }
    compare(m, r)
  }
  toString = (): string => 'exceptionNow()'
}

const exceptions = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, 0, '', 'failure'),
  fc.string().map((message) => new Error(message)),
  fc.string().map((message) => new RangeError(message)),
)

const commands = [
  fc.constant(new Cancel()),
  fc.constant(new SetRunningOrNotifyCancel()),
  fc.integer().map((v) => new SetResult(v)),
  exceptions.map((e) => new SetException(e)),
  fc.boolean().map((throws) => new AddDoneCallback(throws)),
  fc.constant(new ResultNow()),
  fc.constant(new ExceptionNow()),
]

afterEach(() => {
  restoreLogger()
})

describe('the concurrent Future against a model of CPython’s state machine', () => {
  it('agrees with the model on every sequence of calls', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 30 }), (cmds) => {
        const real: Real = { f: new Future<number>(), calls: [], reported: [], criticals: [] }
        setLogger('concurrent.futures', {
          error: (_message, error) => real.reported.push(error),
          critical: (message) => real.criticals.push(message),
        })
        const model: Model = {
          state: 'PENDING',
          failed: false,
          value: undefined,
          exception: undefined,
          pending: [],
          calls: [],
          reported: 0,
          criticals: [],
          nextId: 1,
        }
        fc.modelRun(() => ({ model, real }), cmds)
      }),
      { numRuns: 200 },
    )
  })
})
