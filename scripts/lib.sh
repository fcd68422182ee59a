# Shared by scripts/demo.sh, scripts/test.sh and .ci/run.

ensure_node_modules() {
  # Reinstall when the lockfile changed since the last install.
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> npm ci"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  if [ "$(id -u)" = 0 ]; then
    echo "==> installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install chromium' (the browser tests drive /usr/bin/chromium)." >&2
    exit 1
  fi
}

# PostgreSQL and Redis must be reachable. With DATABASE_URL / REDIS_URL set (`ensure_services test`:
# TEST_DATABASE_URL / TEST_REDIS_URL), those; the machine's own services are started when they are
# installed but stopped. Unset, the default addresses (127.0.0.1:5432 and :6379; AIEDU_DEFAULT_PG_PORT and
# AIEDU_DEFAULT_REDIS_PORT move them, for tests); when nothing answers there, an embedded PostgreSQL
# (scripts/services.mjs: npm's embedded-postgres, data kept in var/pgdata, port 54329) and the
# machine's redis-server (installed with apt-get as root on Debian/Ubuntu), and the URL variables are
# exported to point at them. stop_services stops what this shell started.
ensure_services() {
  local mode="${1:-}" pg_set redis_set pg_out
  if [ "$mode" = test ]; then pg_set="${TEST_DATABASE_URL:-}"; redis_set="${TEST_REDIS_URL:-}"; else pg_set="${DATABASE_URL:-}"; redis_set="${REDIS_URL:-}"; fi
  pg_out=$(node scripts/services.mjs postgres "$pg_set") || exit 1
  AIEDU_EMBEDDED_PG_URL=""
  eval "$pg_out"
  if [ -n "$AIEDU_EMBEDDED_PG_URL" ]; then
    if [ "$mode" = test ]; then export TEST_DATABASE_URL="$AIEDU_EMBEDDED_PG_URL/postgres"; else export DATABASE_URL="$AIEDU_EMBEDDED_PG_URL/aiedu"; fi
  fi
  # The test suite starts Redis servers of its own (test/support/own-redis.ts).
  if [ "$mode" = test ]; then install_redis; fi
  if redis_answers "${redis_set:-redis://127.0.0.1:${AIEDU_DEFAULT_REDIS_PORT:-6379}}"; then return; fi
  if [ -n "$redis_set" ]; then
    if command -v redis-server >/dev/null; then
      echo "==> starting Redis"
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp >/dev/null
      sleep 1
    fi
    return
  fi
  local port="${AIEDU_DEFAULT_REDIS_PORT:-6379}"
  install_redis
  # Debian's package may have started its own service on 6379.
  if redis_answers "redis://127.0.0.1:$port"; then return; fi
  mkdir -p var
  AIEDU_STARTED_REDIS_PIDFILE="$PWD/var/redis-$port.pid"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "${TMPDIR:-/tmp}" \
    --pidfile "$AIEDU_STARTED_REDIS_PIDFILE" --logfile "$PWD/var/redis-$port.log" >/dev/null
  for _ in $(seq 1 50); do
    if redis_answers "redis://127.0.0.1:$port"; then break; fi
    sleep 0.1
  done
  echo "Redis: nothing at 127.0.0.1:$port, started redis-server (port $port, nothing kept on disk)"
  if [ "$mode" = test ]; then export TEST_REDIS_URL="redis://127.0.0.1:$port"; else export REDIS_URL="redis://127.0.0.1:$port"; fi
}

redis_answers() {
  node -e "const R=require('ioredis').Redis;const r=new R(process.argv[1],{lazyConnect:true,maxRetriesPerRequest:0,retryStrategy:()=>null});r.connect().then(()=>r.ping()).then(()=>{r.disconnect()}).catch(()=>process.exit(1))" "$1" 2>/dev/null
}

# BullMQ needs a real Redis: Debian's, installed when we may; otherwise one line saying what to run.
install_redis() {
  if command -v redis-server >/dev/null; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> installing Debian's redis-server (the job queues need Redis)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "Redis is missing: run 'sudo apt-get install redis-server' (macOS: 'brew install redis'), or set REDIS_URL to a Redis server." >&2
    exit 1
  fi
}

# Stops the embedded PostgreSQL and the redis-server that ensure_services started in this shell.
stop_services() {
  if [ -n "${AIEDU_STARTED_REDIS_PIDFILE:-}" ]; then
    local pid
    pid=$(cat "$AIEDU_STARTED_REDIS_PIDFILE" 2>/dev/null || true)
    if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$AIEDU_STARTED_REDIS_PIDFILE"
    AIEDU_STARTED_REDIS_PIDFILE=""
  fi
  if [ -n "${AIEDU_EMBEDDED_PGDATA:-}" ]; then
    node scripts/services.mjs postgres-stop "$AIEDU_EMBEDDED_PGDATA" || true
    AIEDU_EMBEDDED_PGDATA=""
  fi
}
