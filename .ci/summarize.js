#!/usr/bin/env node
// Sums jest JSON results (numPassedTests/numFailedTests) and the e2e
// results ({passed, failed}) into the one closing line CI reads.
// A run that executed no test at all is a failure, not a green.
const fs = require('fs');

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const result = JSON.parse(fs.readFileSync(file, 'utf8'));
  const p = result.numPassedTests ?? result.passed ?? 0;
  const f =
    (result.numFailedTests ?? result.failed ?? 0) +
    (result.numRuntimeErrorTestSuites ?? 0);
  console.log(`${file.split('/').pop()}: ${p} passed, ${f} failed`);
  if (p + f === 0) {
    console.log(`${file}: no test ran`);
    failed += 1;
  }
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
