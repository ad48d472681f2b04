import { describe, expectTypeOf, it } from 'vitest'
import type * as BrowserHost from '../src/host-browser.js'
import type * as NodeHost from '../src/host-node.js'

describe('the host seam', () => {
  it('the browser host exports exactly what the Node host does (the browser build swaps them)', () => {
    expectTypeOf<typeof BrowserHost>().toEqualTypeOf<typeof NodeHost>()
  })
})
