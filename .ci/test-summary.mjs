// Sums the vitest JSON reports (packages/*/reports/vitest.json) into one line:
//   tests: N passed, N failed
// Exits 1 when a report is missing for a package that has tests, when a test failed, or when
// nothing passed, so a run that executed no test is visible and fails.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

let passed = 0
let failed = 0
let problems = 0
for (const dir of readdirSync('packages')) {
  const testDir = join('packages', dir, 'test')
  if (!existsSync(testDir)) continue
  const report = join('packages', dir, 'reports', 'vitest.json')
  if (!existsSync(report)) {
    console.error(`no vitest report for packages/${dir}`)
    problems++
    continue
  }
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed += json.numPassedTests
  failed += json.numFailedTests
  if (!json.success) problems++
}
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exit(problems > 0 || failed > 0 || passed === 0 ? 1 : 0)
