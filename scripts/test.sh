#!/usr/bin/env bash
# The whole test suite: unit, e2e over real HTTP + PostgreSQL + Redis, and the browser tests in Chromium.
# Extra arguments go to Jest (e.g. `npm test -- test/schools`).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_node_modules
ensure_chromium
# TEST_DATABASE_URL / TEST_REDIS_URL or the defaults; with nothing there, an embedded PostgreSQL for
# the template database and a redis-server, stopped again when the tests end.
ensure_services test
trap stop_services EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
echo "==> build (api, worker, cli, web UI)"
npm run build --silent

mkdir -p var
rm -rf var/openapi-validated  # each jest worker writes <pid>.json: responses checked against the OpenAPI document
status=0
npx jest --json --outputFile=var/jest-results.json "$@" || status=$?
node -e '
const fs = require("fs");
const dir = "var/openapi-validated";
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
const n = files.reduce((sum, f) => sum + JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8")).responses, 0);
console.log(`openapi: ${n} responses validated against the served document`);
' || true
# One plain closing line for CI tooling that does not read Jest's own summary.
node -e '
const r = require("./var/jest-results.json");
const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`${r.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit $status
