/*
 * Fails when installing the plugin's tarballs put a second version of a
 * package into the app: every package the app had before must have the
 * same versions after. Packages new to the app (the plugin's own and what
 * only they use) are listed, not refused.
 *
 *   node compareTrees.js <before.json> <after.json>
 */
const fs = require('fs');

const [before, after] = process.argv
  .slice(2)
  .map(file => JSON.parse(fs.readFileSync(file, 'utf8')));

const second = [];
const added = [];
for (const [name, versions] of Object.entries(after)) {
  const had = before[name];
  if (!had) {
    added.push(`${name}@${versions.join(',')}`);
  } else {
    const extra = versions.filter(v => !had.includes(v));
    if (extra.length > 0) {
      second.push(
        `${name}: ${extra.join(', ')} beside the app's ${had.join(', ')}`,
      );
    }
  }
}
console.log(`new to the app (${added.length}): ${added.join(' ')}`);
const duplicated = Object.entries(after).filter(
  ([name, versions]) => name.startsWith('@backstage/') && versions.length > 1,
);
console.log(
  `@backstage packages with more than one version: ${
    duplicated.map(([n, v]) => `${n}@${v.join(',')}`).join(' ') || 'none'
  }`,
);
if (second.length > 0) {
  console.error(
    `second copies the plugin's tarballs brought in:\n  ${second.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('no second copies: every package the app had keeps its versions');
