/*
 * Fails when installing the plugin's tarballs put a second copy of a
 * package into the app: every package the app had before must have the
 * same versions, each in as many copies, after. Packages new to the app
 * (the plugin's own and what only they use) are listed, not refused.
 *
 *   node compareTrees.js <before.json> <after.json>
 */
const fs = require('fs');

const [before, after] = process.argv
  .slice(2)
  .map(file => JSON.parse(fs.readFileSync(file, 'utf8')));

const describe = versions =>
  Object.entries(versions)
    .map(([version, copies]) =>
      copies > 1 ? `${version} ×${copies}` : version,
    )
    .join(', ');

const second = [];
const added = [];
for (const [name, versions] of Object.entries(after)) {
  const had = before[name];
  if (!had) {
    added.push(`${name}@${describe(versions)}`);
  } else if (
    Object.entries(versions).some(
      ([version, copies]) => copies > (had[version] ?? 0),
    )
  ) {
    second.push(`${name}: ${describe(versions)}, the app had ${describe(had)}`);
  }
}
console.log(`new to the app (${added.length}): ${added.join(' ')}`);
const duplicated = Object.entries(after).filter(
  ([name, versions]) =>
    name.startsWith('@backstage/') &&
    Object.values(versions).reduce((a, b) => a + b, 0) > 1,
);
console.log(
  `@backstage packages installed more than once: ${
    duplicated.map(([n, v]) => `${n}@${describe(v)}`).join(' ') || 'none'
  }`,
);
if (second.length > 0) {
  console.error(
    `second copies the plugin's tarballs brought in:\n  ${second.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  'no second copies: every package the app had keeps its versions and copies',
);
