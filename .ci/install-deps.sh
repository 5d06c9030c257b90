#!/usr/bin/env bash
# Installs the system services the test suite needs on a fresh Debian 12 machine:
#   - redis-server (Debian package),
#   - pgvector for the preinstalled PostgreSQL 15, built from Debian 13's source package
#     (pgvector is not packaged for Debian 12; see ../shared/STACK.md),
#   - chromium (Debian package) for the workspace's browser tests (tests/web-*.test.ts).
# Idempotent: each step is skipped when what it installs is already there.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
PG_SHARE=/usr/share/postgresql/15

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: '$1' is missing and installing it needs root." >&2
    echo "install-deps: run 'sudo bash .ci/install-deps.sh' once, then run the tests again." >&2
    exit 1
  fi
}

apt_updated=0
apt_update() {
  if [ "$apt_updated" -eq 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
}

if [ ! -x "$PG_BIN/initdb" ]; then
  need_root "PostgreSQL 15"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi

if ! command -v redis-server >/dev/null 2>&1; then
  need_root "redis-server"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  # The package starts a system instance; the tests start their own on a free port.
  (systemctl disable --now redis-server >/dev/null 2>&1 || service redis-server stop >/dev/null 2>&1 || true)
fi

if [ ! -f "$PG_SHARE/extension/vector.control" ]; then
  need_root "pgvector for PostgreSQL 15"
  if ! grep -rqs "trixie" /etc/apt/sources.list.d/crm-agents-trixie-src.sources; then
    cat >/etc/apt/sources.list.d/crm-agents-trixie-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt_updated=0
  fi
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-server-dev-15 build-essential dpkg-dev >/dev/null
  build_dir=$(mktemp -d)
  (
    cd "$build_dir"
    apt-get source -qq pgvector >/dev/null 2>&1
    cd pgvector-*/
    make -s PG_CONFIG=$PG_BIN/pg_config >/dev/null
    make -s PG_CONFIG=$PG_BIN/pg_config install >/dev/null
  )
  rm -rf "$build_dir"
fi

if [ ! -x /usr/bin/chromium ]; then
  need_root "chromium"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

echo "install-deps: PostgreSQL 15 $( [ -f $PG_SHARE/extension/vector.control ] && echo with pgvector), $(redis-server --version | cut -d' ' -f3), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
