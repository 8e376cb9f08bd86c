/*
 * Checks and their results: each check is named, timed and recorded; a
 * failure is printed and recorded, and the run goes on with the next one.
 */
const fs = require('fs');
const path = require('path');
const { screenshots } = require('./config');

function createChecks() {
  const results = [];

  async function check(name, fn) {
    const started = Date.now();
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      results.push({ name, ok: false, error: String(error && error.message) });
      console.log(`FAIL ${name}: ${error && error.message}`);
    }
  }

  /** Writes results.json (read by .ci/run) and returns the counts. */
  function writeResults() {
    const passed = results.filter(r => r.ok).length;
    const failed = results.length - passed;
    fs.writeFileSync(
      path.join(screenshots, 'results.json'),
      JSON.stringify({ passed, failed, results }, null, 2),
    );
    return { passed, failed };
  }

  return { check, writeResults };
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Polls `fn` every second until it returns truthy; its last error explains a timeout. */
async function waitFor(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await fn()) return;
    } catch (e) {
      lastError = e;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `Timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
  );
}

module.exports = { createChecks, assert, waitFor };
