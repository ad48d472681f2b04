import { describe, expectTypeOf, it } from 'vitest'
import {
  type Future,
  ProcessPoolExecutor,
  type TaskRef,
  ThreadPoolExecutor,
  task,
} from '../src/index.js'

describe('executor types', () => {
  const pool = new ThreadPoolExecutor()

  it('submit infers the result, awaiting an async function', () => {
    expectTypeOf(pool.submit((a: number, b: number) => a + b, 1, 2)).toEqualTypeOf<Future<number>>()
    expectTypeOf(pool.submit(async (s: string) => s.length, 'x')).toEqualTypeOf<Future<number>>()
  })

  it('submit checks the arguments against the function', () => {
    // @ts-expect-error a string where a number is expected
    pool.submit((a: number) => a, 'one')
    // @ts-expect-error a missing argument
    pool.submit((a: number, b: number) => a + b, 1)
  })

  it('task() carries its signature into submit and map', () => {
    const fib = task<[number], number>('file:///tasks.js', 'fib')
    expectTypeOf(fib).toEqualTypeOf<TaskRef<[number], number>>()
    expectTypeOf(pool.submit(fib, 30)).toEqualTypeOf<Future<number>>()
    expectTypeOf(pool.map(fib, [1, 2, 3])).toEqualTypeOf<AsyncIterableIterator<number>>()
  })

  it('map zips iterables and takes options last', () => {
    const process = new ProcessPoolExecutor()
    expectTypeOf(
      process.map((a: number, b: string) => `${a}${b}`, [1], ['x'], { chunksize: 10 }),
    ).toEqualTypeOf<AsyncIterableIterator<string>>()
  })

  it('submitWith takes its options first', () => {
    expectTypeOf(pool.submitWith({ timeout: 10 }, (x: number) => x * 2, 1)).toEqualTypeOf<
      Future<number>
    >()
  })
})
