# Shared by scripts/run, scripts/test and scripts/bench: install what is
# missing, then build. Sourced, not run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${MSWA_BUILD_DIR:-$ROOT/build}

BUILD_PACKAGES=(
  cmake ninja-build g++ pkg-config
  libboost1.81-dev libsoci-dev libsqlite3-dev libpq-dev
  libsodium-dev nlohmann-json3-dev libfmt-dev libcli11-dev prometheus-cpp-dev libicu-dev zlib1g-dev
)
TEST_PACKAGES=(googletest libgtest-dev postgresql curl libxml2-utils python3-jsonschema chromium fonts-noto-ui-core)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages given that are not installed yet.
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# build TARGET [cmake options...]: configure, then build what changed.
# Warnings are errors in CI (CI=true) and wherever MSWA_WERROR=ON.
build() {
  local target=$1
  shift
  # Only ever switched on here, so a build directory is not rebuilt back and forth.
  local werror=()
  if [ "${CI:-}" = true ] || [ "${MSWA_WERROR:-}" = ON ]; then werror=(-DMSWA_WERROR=ON); fi
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${werror[@]}" "$@" >/dev/null
  cmake --build "$BUILD_DIR" --target "$target" --parallel "$(nproc)"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A throwaway PostgreSQL cluster in a temp dir on a free port, stopped by an
# EXIT trap whatever happens. Sets PG_URL (superuser, database postgres).
start_test_cluster() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(as_postgres mktemp -d /tmp/mswa-pg.XXXXXX)
  trap stop_test_cluster EXIT
  PG_PORT=55432
  while ! port_free "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_test_cluster() {
  [ -n "${PG_DIR:-}" ] || return 0
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  as_root rm -rf "$PG_DIR"
}
