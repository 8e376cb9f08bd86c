/*
 * Where the e2e portal listens and what it is started with: one token per
 * run, shared by the portal (RELIABILITY_API_TOKEN) and the checks.
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
  // What the scripts of the journeys do with the token: beyond the default
  // (reads, ingest, incidents) they define SLOs and rotations. Never an
  // approval: the plugin refuses those to any token.
  TOKEN_PERMISSIONS: [
    'reliability.entity.read',
    'reliability.tiers.read',
    'reliability.oncall.read',
    'reliability.slo.ingest',
    'reliability.incident.manage',
    'reliability.slo.manage',
    'reliability.oncall.manage',
  ].join(','),
  CHROMIUM: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
};
