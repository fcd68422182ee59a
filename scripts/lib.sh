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

# PostgreSQL and Redis must be reachable; on this project's machines they are local services,
# started here when they are installed but stopped.
ensure_services() {
  local pg_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/aiedu}"
  if ! node -e "const {Client}=require('pg');const u=new URL(process.argv[1]);u.pathname='/postgres';const c=new Client({connectionString:u.toString()});c.connect().then(()=>c.end()).catch(()=>process.exit(1))" "$pg_url" 2>/dev/null; then
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
      echo "==> starting PostgreSQL"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
      sleep 2
    fi
  fi
  if ! node -e "const R=require('ioredis').Redis;const r=new R(process.argv[1],{lazyConnect:true,maxRetriesPerRequest:0,retryStrategy:()=>null});r.connect().then(()=>r.ping()).then(()=>{r.disconnect()}).catch(()=>process.exit(1))" "${REDIS_URL:-redis://127.0.0.1:6379}" 2>/dev/null; then
    if command -v redis-server >/dev/null; then
      echo "==> starting Redis"
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp >/dev/null
      sleep 1
    fi
  fi
}
