// Sums the vitest JSON reports (packages/*/reports/vitest.json, and the browser run's
// packages/*/reports/vitest-browser.json for packages with a `test:browser` script) into one line:
//   tests: N passed, N failed
// Exits 1 when a report is missing for a package that has tests (or a browser run), when a test
// failed, or when nothing passed, so a run that executed no test is visible and fails.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

let passed = 0
let failed = 0
let problems = 0
function add(report) {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed += json.numPassedTests
  failed += json.numFailedTests
  if (!json.success) problems++
}

for (const dir of readdirSync('packages')) {
  const testDir = join('packages', dir, 'test')
  if (!existsSync(testDir)) continue
  const reports = [join('packages', dir, 'reports', 'vitest.json')]
  const manifest = JSON.parse(readFileSync(join('packages', dir, 'package.json'), 'utf8'))
  if (manifest.scripts?.['test:browser'] !== undefined) {
    reports.push(join('packages', dir, 'reports', 'vitest-browser.json'))
  }
  for (const report of reports) {
    if (existsSync(report)) add(report)
    else {
      console.error(`no vitest report ${report}`)
      problems++
    }
  }
}
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exit(problems > 0 || failed > 0 || passed === 0 ? 1 : 0)
