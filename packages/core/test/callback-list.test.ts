import { describe, expect, it } from 'vitest'
import { CallbackList } from '../src/index.js'

type Cb = (arg: number) => void

describe('CallbackList', () => {
  it('calls every callback in the order added, the same function as often as added', () => {
    const list = new CallbackList<Cb>()
    const seen: string[] = []
    const a: Cb = (x) => seen.push(`a${x}`)
    const b: Cb = (x) => seen.push(`b${x}`)
    list.add(a)
    list.add(b)
    list.add(a)
    expect(list.size).toBe(3)
    list.callEach(7, () => {})
    expect(seen).toEqual(['a7', 'b7', 'a7'])
  })

  it('reports a throwing callback and still runs the ones after it', () => {
    const list = new CallbackList<Cb>()
    const seen: string[] = []
    const boom = new Error('boom')
    const bad: Cb = () => {
      throw boom
    }
    list.add(bad)
    list.add(() => seen.push('after'))
    list.add(bad)
    const reports: [unknown, Cb][] = []
    list.callEach(1, (error, fn) => reports.push([error, fn]))
    expect(seen).toEqual(['after'])
    expect(reports).toEqual([
      [boom, bad],
      [boom, bad],
    ])
  })

  it('removes every entry equal to the function and says how many', () => {
    const list = new CallbackList<Cb>()
    const a: Cb = () => {}
    const b: Cb = () => {}
    list.add(a)
    list.add(b)
    list.add(a)
    expect(list.remove(a)).toBe(2)
    expect(list.toArray()).toEqual([b])
    expect(list.remove(a)).toBe(0)
    expect(list.remove(b)).toBe(1)
    expect(list.size).toBe(0)
    expect(list.toArray()).toEqual([])
  })

  it('does nothing when empty', () => {
    const list = new CallbackList<Cb>()
    let reported = false
    list.callEach(1, () => {
      reported = true
    })
    expect(reported).toBe(false)
  })
})
