#!/usr/bin/env bash
# A private PostgreSQL cluster for tests and benchmarks on 127.0.0.1:54329 (trust auth, no fsync).
# It lives outside the work tree (FAZHI_PG_DIR, default /tmp/fazhi-pg-<uid>) so that the
# postgres user can reach it wherever the repository is cloned. PostgreSQL refuses to run
# as root, so as root the cluster belongs to the postgres user.
set -euo pipefail
PORT=${FAZHI_PG_PORT:-54329}
ROOT=${FAZHI_PG_DIR:-/tmp/fazhi-pg-$(id -u)}
DATA="$ROOT/data"
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

ready() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; }

sql() { psql -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }

init() {
  mkdir -p "$ROOT"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
    chown postgres: "$ROOT"
  fi
  [ -s "$DATA/PG_VERSION" ] || as_pg "$BIN/initdb -D '$DATA' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null"
}

start() {
  if ! ready; then
    init
    as_pg "$BIN/pg_ctl -D '$DATA' -l '$ROOT/server.log' -w start -o \"-p $PORT -k '$ROOT' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c max_connections=60\"" >/dev/null
  fi
  [ "$(sql "SELECT count(*) FROM pg_roles WHERE rolname='fazhi'")" = 1 ] || sql "CREATE ROLE fazhi LOGIN CREATEDB SUPERUSER"
  [ "$(sql "SELECT count(*) FROM pg_database WHERE datname='fazhi'")" = 1 ] || sql "CREATE DATABASE fazhi OWNER fazhi"
  echo "PostgreSQL on 127.0.0.1:$PORT ($DATA)"
}

stop() {
  [ -s "$DATA/PG_VERSION" ] && as_pg "$BIN/pg_ctl -D '$DATA' -m fast stop" >/dev/null 2>&1 || true
}

"${1:-start}"
