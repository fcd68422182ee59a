#!/usr/bin/env bash
# Installs, builds, migrates, seeds the demo data and runs api + worker + web UI until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

export PORT="${PORT:-3000}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/aiedu}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
# One secret shared by this run's processes; set TOKEN_SECRET yourself to keep tokens across restarts.
export TOKEN_SECRET="${TOKEN_SECRET:-$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"

ensure_node_modules
ensure_services
echo "==> build"
npm run build --silent
echo "==> migrate"
npm run migrate --silent
echo "==> demo data"
npm run seed:demo --silent

node dist/apps/worker/src/main.js &
worker=$!
node dist/apps/api/src/main.js &
api=$!
trap 'kill $api $worker 2>/dev/null; wait 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 60); do
  if node -e "fetch('http://127.0.0.1:${PORT}/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"; then break; fi
  sleep 0.5
done
cat <<MSG

  서울특별시교육청 AI 교육 플랫폼 is running
    Web UI:   http://localhost:${PORT}/
    API docs: http://localhost:${PORT}/api/docs
  Demo accounts (password aiedu-demo-2026):
    admin@sen.go.kr          교육청 관리자 (city_admin)
    gangnam@sen.go.kr        강남서초교육지원청 (district_admin)
    principal@gaepo.es.kr    서울개포초등학교 교장 (principal)
    teacher@gaepo.es.kr      서울개포초등학교 교사 (teacher)
  Ctrl-C stops api and worker.

MSG
wait -n $api $worker
