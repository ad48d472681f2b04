import { describe, expectTypeOf, it } from 'vitest'
import type * as BrowserHost from '../src/host-browser.js'
import type * as NodeHost from '../src/host-node.js'

describe('the host seam', () => {
  it('the browser host exports what the Node host does (the browser build swaps them)', () => {
    expectTypeOf<keyof typeof BrowserHost>().toEqualTypeOf<keyof typeof NodeHost>()
    expectTypeOf<typeof BrowserHost.scheduleMacrotask>().toEqualTypeOf<
      typeof NodeHost.scheduleMacrotask
    >()
    expectTypeOf<typeof BrowserHost.outsideTaskContext>().toEqualTypeOf<
      typeof NodeHost.outsideTaskContext
    >()
    expectTypeOf<typeof BrowserHost.taskContext>().toEqualTypeOf<typeof NodeHost.taskContext>()
    expectTypeOf<typeof BrowserHost.whenHostIdle>().toEqualTypeOf<typeof NodeHost.whenHostIdle>()
    // The captured context is opaque: each host runs what it captured.
    expectTypeOf<ReturnType<typeof BrowserHost.captureContext>>().toEqualTypeOf<
      Parameters<typeof BrowserHost.runInHostContext>[0]
    >()
    expectTypeOf<BrowserHost.HostContext>().not.toBeFunction()
  })
})
