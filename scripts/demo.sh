#!/usr/bin/env bash
# Installs, builds, migrates, seeds the demo data and runs api + worker + web UI until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

export PORT="${PORT:-3000}"
# One secret shared by this run's processes; set TOKEN_SECRET yourself to keep tokens across restarts.
export TOKEN_SECRET="${TOKEN_SECRET:-$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"

# AIEDU_DEMO_PREBUILT=1 (tests): use node_modules and dist as they are.
if [ -z "${AIEDU_DEMO_PREBUILT:-}" ]; then ensure_node_modules; fi
# PostgreSQL and Redis at DATABASE_URL / REDIS_URL or the defaults; with nothing there, an embedded
# PostgreSQL and a redis-server of this run's own, stopped when the demo stops.
ensure_services
trap stop_services EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/aiedu}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
if [ -z "${AIEDU_DEMO_PREBUILT:-}" ] || [ ! -f dist/apps/api/src/main.js ]; then
  echo "==> build"
  npm run build --silent
fi
echo "==> migrate"
npm run migrate --silent
echo "==> demo data"
npm run seed:demo --silent

node dist/apps/worker/src/main.js &
worker=$!
node dist/apps/api/src/main.js &
api=$!
stop() {
  kill $api $worker 2>/dev/null
  wait 2>/dev/null
  stop_services
}
trap stop EXIT

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
  Ctrl-C stops api and worker (and the services this run started).

MSG
wait -n $api $worker
