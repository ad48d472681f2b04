import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ALL_COMPLETED,
  asCompleted,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  Future,
  type ReturnWhen,
  TimeoutError,
  wait,
} from '../src/index.js'
import { drain, flush, useManualClock, waiterCount } from './helpers.js'

const clock = useManualClock()
const TIMEOUT = 1_000
const MODES: readonly ReturnWhen[] = [ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION]

/** Where a future starts. */
const INITIAL = ['PENDING', 'RUNNING', 'CANCELLED', 'NOTIFIED', 'OK', 'FAILED'] as const
type Initial = (typeof INITIAL)[number]
/** What happens to it during the run. */
type Action = 'none' | 'ok' | 'fail' | 'cancel' | 'cancelNotify' | 'notify'
const ACTIONS: Record<Initial, readonly Action[]> = {
  PENDING: ['ok', 'fail', 'cancelNotify', 'cancel', 'none'],
  RUNNING: ['ok', 'fail', 'none'],
  CANCELLED: ['notify', 'none'],
  NOTIFIED: ['none'],
  OK: ['none'],
  FAILED: ['none'],
}

interface Model {
  /** Done for wait/asCompleted: FINISHED or CANCELLED_AND_NOTIFIED. */
  settled: boolean
  failed: boolean
}

const futureSpec = fc.record({
  initial: fc.constantFrom(...INITIAL),
  action: fc.nat(),
  group: fc.nat({ max: 5 }),
})

const scenario = fc.record({
  specs: fc.array(futureSpec, { minLength: 1, maxLength: 8 }),
  duplicates: fc.array(fc.nat(), { maxLength: 4 }),
  // Whether the asCompleted consumer pauses (through the scheduler) between two next() calls.
  pauses: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
})

function make(initial: Initial): Future<number> {
  const f = new Future<number>()
  if (initial === 'RUNNING') f.setRunningOrNotifyCancel()
  else if (initial === 'CANCELLED') f.cancel()
  else if (initial === 'NOTIFIED') {
    f.cancel()
    f.setRunningOrNotifyCancel()
  } else if (initial === 'OK') f.setResult(1)
  else if (initial === 'FAILED') f.setException(new Error('failed'))
  return f
}

function act(f: Future<number>, action: Action, model: Model): void {
  switch (action) {
    case 'ok':
      f.setResult(2)
      model.settled = true
      break
    case 'fail':
      f.setException(new Error('fails'))
      model.settled = true
      model.failed = true
      break
    case 'cancel':
      f.cancel()
      break
    case 'cancelNotify':
      f.cancel()
      f.setRunningOrNotifyCancel()
      model.settled = true
      break
    case 'notify':
      f.setRunningOrNotifyCancel()
      model.settled = true
      break
    case 'none':
      break
  }
}

function satisfied(returnWhen: ReturnWhen, models: readonly Model[]): boolean {
  const done = models.filter((m) => m.settled)
  if (done.length === models.length) return true
  if (returnWhen === FIRST_COMPLETED) return done.length > 0
  if (returnWhen === FIRST_EXCEPTION) return done.some((m) => m.failed)
  return false
}

describe('wait and asCompleted under random completion orders (fast-check scheduler; CW-02..CW-07, CW-12, CW-20, CW-22, CW-29)', () => {
  it('CW-20 CW-29 asCompleted yields each distinct future once, done ones first, then in completion order; wait splits correctly for each returnWhen', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), scenario, async (s, { specs, duplicates, pauses }) => {
        const futures = specs.map((spec) => make(spec.initial))
        const models: Model[] = specs.map((spec) => ({
          settled:
            spec.initial === 'OK' || spec.initial === 'FAILED' || spec.initial === 'NOTIFIED',
          failed: spec.initial === 'FAILED',
        }))
        const index = new Map(futures.map((f, i) => [f, i]))
        const input = [
          ...futures,
          ...duplicates.map((d) => futures[d % futures.length] as Future<number>),
        ]
        const initiallySettled = futures.filter((_, i) => models[i]?.settled)

        // Start the three waits and the iteration before anything happens.
        const waits = MODES.map((returnWhen) => ({
          returnWhen,
          expected: satisfied(returnWhen, models)
            ? futures.filter((_, i) => models[i]?.settled)
            : undefined,
          promise: wait(input, { returnWhen, timeout: TIMEOUT }),
        }))
        const iterator = asCompleted(input, { timeout: TIMEOUT })
        const yielded: Future<number>[] = []
        const consumer = (async () => {
          for (let n = 0; ; n++) {
            let result: IteratorResult<Future<number>>
            try {
              result = await iterator.next()
            } catch (error) {
              return error
            }
            if (result.done === true) return undefined
            yielded.push(result.value)
            if (pauses[n % pauses.length] === true)
              await s.schedule(Promise.resolve(), 'consumer busy')
          }
        })()

        // Each group of actions runs in one synchronous step; the scheduler orders the steps.
        const completionOrder: Future<number>[] = []
        const groups = new Map<number, number[]>()
        specs.forEach((spec, i) => {
          const actions = ACTIONS[spec.initial]
          const action = actions[spec.action % actions.length] as Action
          if (action === 'none') return
          const members = groups.get(spec.group) ?? []
          members.push(i)
          groups.set(spec.group, members)
        })
        for (const [group, members] of groups) {
          s.schedule(Promise.resolve(), `step ${group}`).then(
            () => {
              for (const i of members) {
                const spec = specs[i] as (typeof specs)[number]
                const model = models[i] as Model
                const actions = ACTIONS[spec.initial]
                const before = model.settled
                act(
                  futures[i] as Future<number>,
                  actions[spec.action % actions.length] as Action,
                  model,
                )
                if (!before && model.settled) completionOrder.push(futures[i] as Future<number>)
              }
              // What each wait should answer if this step is the one that satisfies it.
              for (const w of waits) {
                if (w.expected === undefined && satisfied(w.returnWhen, models)) {
                  w.expected = futures.filter((_, i) => models[i]?.settled)
                }
              }
            },
            () => {},
          )
        }

        do {
          await s.waitIdle()
          await flush()
        } while (s.count() > 0)
        clock().advance(TIMEOUT)
        const error = await consumer
        const finalSettled = futures.filter((_, i) => models[i]?.settled)

        // asCompleted: every distinct future that became done, exactly once.
        expect(new Set(yielded).size).toBe(yielded.length)
        // The already-done ones first, in no promised order; sets of futures are compared by
        // index, since two futures in the same state are deeply equal.
        const head = yielded.slice(0, initiallySettled.length)
        expect(head.map((f) => index.get(f)).sort()).toEqual(
          initiallySettled.map((f) => index.get(f)).sort(),
        )
        expect(yielded.slice(initiallySettled.length).map((f) => index.get(f))).toEqual(
          completionOrder.map((f) => index.get(f)),
        )
        const unfinished = futures.length - finalSettled.length
        if (unfinished === 0) expect(error).toBeUndefined()
        else {
          expect(error).toBeInstanceOf(TimeoutError)
          expect((error as Error).message).toBe(
            `${unfinished} (of ${futures.length}) futures unfinished`,
          )
        }

        // wait: done is what was settled when its condition first held (or at the timeout).
        for (const w of waits) {
          const { done, notDone } = await w.promise
          const expected = w.expected ?? finalSettled
          expect([...done].map((f) => index.get(f)).sort()).toEqual(
            expected.map((f) => index.get(f)).sort(),
          )
          expect(done.size + notDone.size).toBe(futures.length)
          for (const f of notDone) expect(done.has(f)).toBe(false)
        }
        expect(futures.map(waiterCount)).toEqual(futures.map(() => 0))
        expect(clock().pendingTimers).toBe(0)
      }),
      { numRuns: 150 },
    )
  })

  it('CW-12 CW-21 asCompleted over a random multiset of done futures yields each distinct one once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (n, picks) => {
          const futures = Array.from({ length: n }, (_, i) => {
            const f = new Future<number>()
            f.setResult(i)
            return f
          })
          const input = picks.map((p) => futures[p % n] as Future<number>)
          const distinct = [...new Set(input)].map((f) => f.resultNow()).sort()
          const { yielded } = await drain(asCompleted(input, { timeout: 0 }))
          expect(yielded.map((f) => f.resultNow()).sort()).toEqual(distinct)
          const { done, notDone } = await wait(input, { timeout: 0 })
          expect(done.size).toBe(new Set(input).size)
          expect(notDone.size).toBe(0)
        },
      ),
      { numRuns: 100 },
    )
  })
})
