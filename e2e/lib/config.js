/*
 * Where the e2e portal listens and what it is started with: one token per
 * run, shared by the portal (RELIABILITY_API_TOKEN, which
 * app-config.e2e.yaml scopes) and the checks.
 */
const path = require('path');

const e2eDir = path.resolve(__dirname, '..');

module.exports = {
  root: path.resolve(e2eDir, '..'),
  e2eDir,
  screenshots: path.join(e2eDir, 'screenshots'),
  APP: 'http://localhost:3100',
  BACKEND: 'http://localhost:7107',
  TOKEN: `e2e-${process.pid}-${Date.now()}`,
  CHROMIUM: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
};
