import { describe, expect, it } from 'vitest'
import {
  CANCELLED,
  CANCELLED_AND_NOTIFIED,
  CONCURRENT_TRANSITIONS,
  canTransition,
  FINISHED,
  type FutureState,
  isCancelledState,
  isDoneState,
  isSettledForWait,
  PENDING,
  RUNNING,
  stateLabel,
  typeLabel,
} from '../src/index.js'

const ALL: FutureState[] = [PENDING, RUNNING, CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]

describe('states and transitions (CPython concurrent.futures._base)', () => {
  it("spell the states as CPython's constants", () => {
    expect(ALL).toEqual(['PENDING', 'RUNNING', 'CANCELLED', 'CANCELLED_AND_NOTIFIED', 'FINISHED'])
  })

  it('allow exactly the moves CPython makes', () => {
    const legal = ALL.flatMap((from) =>
      ALL.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`),
    )
    expect(legal.sort()).toEqual(
      [
        'PENDING>RUNNING',
        'PENDING>CANCELLED',
        'PENDING>FINISHED',
        'RUNNING>FINISHED',
        'CANCELLED>CANCELLED_AND_NOTIFIED',
      ].sort(),
    )
    expect(CONCURRENT_TRANSITIONS[FINISHED]).toEqual([])
  })

  it('answer done/cancelled/settled-for-wait per the CF-02 table', () => {
    expect(ALL.map(isDoneState)).toEqual([false, false, true, true, true])
    expect(ALL.map(isCancelledState)).toEqual([false, false, true, true, false])
    expect(ALL.map(isSettledForWait)).toEqual([false, false, false, true, true])
  })

  it('label states the way the repr prints them', () => {
    expect(ALL.map(stateLabel)).toEqual([
      'pending',
      'running',
      'cancelled',
      'cancelled',
      'finished',
    ])
  })

  it('name result types for the repr', () => {
    expect(typeLabel(1)).toBe('number')
    expect(typeLabel('s')).toBe('string')
    expect(typeLabel(undefined)).toBe('undefined')
    expect(typeLabel(null)).toBe('null')
    expect(typeLabel(new TypeError('x'))).toBe('TypeError')
    expect(typeLabel(new Map())).toBe('Map')
    expect(typeLabel(Object.create(null))).toBe('Object')
    expect(typeLabel(() => 1)).toBe('function')
  })
})
