#!/usr/bin/env bash
# A private PostgreSQL cluster for tests and benchmarks: var/pg, 127.0.0.1:54329, trust auth.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=54329
DATA="$PWD/var/pg/data"
RUN="$PWD/var/pg/run"
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

start() {
  mkdir -p var/pg
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
    chown postgres: var/pg
    chmod o+x "$PWD" "$PWD/var"
  fi
  if [ ! -s "$DATA/PG_VERSION" ]; then
    as_pg "$BIN/initdb -D '$DATA' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null"
  fi
  as_pg "mkdir -p '$RUN'"
  if ! as_pg "$BIN/pg_ctl -D '$DATA' status" >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl -D '$DATA' -l '$PWD/var/pg/server.log' -w start -o \"-p $PORT -k '$RUN' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c max_connections=60\"" >/dev/null
  fi
  psql -h 127.0.0.1 -p $PORT -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='fazhi'" | grep -q 1 \
    || psql -h 127.0.0.1 -p $PORT -U postgres -qc "CREATE ROLE fazhi LOGIN CREATEDB SUPERUSER"
  psql -h 127.0.0.1 -p $PORT -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='fazhi'" | grep -q 1 \
    || psql -h 127.0.0.1 -p $PORT -U postgres -qc "CREATE DATABASE fazhi OWNER fazhi"
  echo "PostgreSQL on 127.0.0.1:$PORT"
}

stop() {
  [ -s "$DATA/PG_VERSION" ] && as_pg "$BIN/pg_ctl -D '$DATA' -m fast stop" >/dev/null 2>&1 || true
}

"${1:-start}"
