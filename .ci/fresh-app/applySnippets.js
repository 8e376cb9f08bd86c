/*
 * Installs the plugin into a fresh create-app app with the READMEs' own
 * snippets and nothing else: the backend README's `backend-index` block
 * goes into packages/backend/src/index.ts before `backend.start()`, and
 * the frontend README's `app-features` block adds its imports to
 * packages/app/src/App.tsx and its features to createApp's list, and the
 * backend README's `policy-module` becomes packages/backend/src/
 * permissionPolicy.ts in place of the template's allow-all policy. A
 * snippet that is missing or changed shape stops the run, so the READMEs
 * cannot drift from what the test installs.
 *
 *   node applySnippets.js <repo-root> <app-dir>
 */
const fs = require('fs');
const path = require('path');

const [repo, app] = process.argv.slice(2).map(p => path.resolve(p));

/** The code of the fenced block right after `<!-- snippet: name -->`. */
function snippet(readme, name) {
  const text = fs.readFileSync(path.join(repo, readme), 'utf8');
  const marker = `<!-- snippet: ${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${readme}: no '${marker}'`);
  const block = /^\s*```[a-z]*\n([\s\S]*?)\n```/.exec(
    text.slice(at + marker.length),
  );
  if (!block) throw new Error(`${readme}: no code block after '${marker}'`);
  return block[1];
}

function edit(file, change) {
  const full = path.join(app, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`${file}: the snippet changed nothing`);
  fs.writeFileSync(full, after);
  console.log(`--- ${file}\n${after}`);
}

// The backend: its lines before backend.start().
const backend = snippet(
  'plugins/reliability-backend/README.md',
  'backend-index',
);
edit('packages/backend/src/index.ts', source => {
  if (!source.includes('backend.start();')) {
    throw new Error('packages/backend/src/index.ts: no backend.start()');
  }
  return source.replace('backend.start();', `${backend}\n\nbackend.start();`);
});

// The frontend: the snippet's imports, and its features added to the app's.
const frontend = snippet('plugins/reliability/README.md', 'app-features');
const imports = frontend.split('\n').filter(line => line.startsWith('import '));
const listed = /features:\s*\[([^\]]*)\]/.exec(frontend);
if (imports.length === 0 || !listed) {
  throw new Error(
    'plugins/reliability/README.md: app-features needs imports and a features list',
  );
}
const features = listed[1]
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .split(',')
  .map(item => item.trim())
  .filter(Boolean);
edit('packages/app/src/App.tsx', source => {
  const lastImport = source.lastIndexOf('\nimport ');
  const endOfImports = source.indexOf('\n', source.indexOf(';', lastImport));
  const withImports = `${source.slice(0, endOfImports + 1)}${imports.join(
    '\n',
  )}\n${source.slice(endOfImports + 1)}`;
  const appFeatures = /features:\s*\[([^\]]*)\]/;
  if (!appFeatures.test(withImports)) {
    throw new Error('packages/app/src/App.tsx: no createApp features list');
  }
  return withImports.replace(
    appFeatures,
    (_, existing) =>
      `features: [${[existing.trim().replace(/,$/, ''), ...features]
        .filter(Boolean)
        .join(', ')}]`,
  );
});

// The permission policy: the file its first line names, in place of the
// allow-all module, as the README says.
const policy = snippet(
  'plugins/reliability-backend/README.md',
  'policy-module',
);
const policyFile = /^\/\/ (packages\/backend\/src\/\S+\.ts)\n/.exec(policy);
if (!policyFile) {
  throw new Error('policy-module: its first line must name its file');
}
fs.writeFileSync(path.join(app, policyFile[1]), policy);
console.log(`--- ${policyFile[1]}: ${policy.split('\n').length} lines`);
edit('packages/backend/src/index.ts', source => {
  const allowAll =
    /backend\.add\(\s*import\('@backstage\/plugin-permission-backend-module-allow-all-policy'\),?\s*\);/;
  if (!allowAll.test(source)) {
    throw new Error(
      'packages/backend/src/index.ts: no allow-all policy module',
    );
  }
  return source.replace(allowAll, "backend.add(import('./permissionPolicy'));");
});
