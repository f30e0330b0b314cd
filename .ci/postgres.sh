#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks, on 127.0.0.1 only (Debian's
# `postgresql` package, installed when missing and we are root).
#
#   eval "$(bash .ci/postgres.sh start)"   # starts it; prints `export STORYLINE_TEST_PG=<url>`
#   bash .ci/postgres.sh stop              # stops it and removes its data folder
#
# The URL names an empty database `storyline` that user `storyline` owns and may create
# databases (tests make one database each). Settings: STORYLINE_PG_PORT (54329),
# STORYLINE_PG_DIR (/tmp/storyline-pg). Status messages go to stderr, so `eval` sees only the
# export line.
set -euo pipefail

PORT="${STORYLINE_PG_PORT:-54329}"
DIR="${STORYLINE_PG_DIR:-/tmp/storyline-pg}"
say() { echo "postgres.sh: $*" >&2; }

bindir() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$found" ] && command -v pg_ctl >/dev/null 2>&1; then
    found="$(dirname "$(command -v pg_ctl)")"
  fi
  echo "$found"
}

# Run a server binary as the data folder's owner: initdb and postgres refuse to run as root.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local bin
  bin="$(bindir)"
  if [ -z "$bin" ]; then
    if [ "$(id -u)" != "0" ]; then
      say "PostgreSQL is not installed and we are not root: install Debian's postgresql"
      exit 1
    fi
    say "installing postgresql (Debian package)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin="$(bindir)"
  fi
  if [ -f "$DIR/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    say "already running in $DIR on port $PORT"
  else
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = "0" ] && chown postgres: "$DIR"
    as_owner "$bin/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # 127.0.0.1 only, no Unix socket outside the data folder, small and fast (throwaway data).
    as_owner "$bin/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -o \
      "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c fsync=off \
       -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" start >/dev/null
    "$bin/psql" -h 127.0.0.1 -p "$PORT" -U postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE storyline LOGIN CREATEDB" \
      -c "CREATE DATABASE storyline OWNER storyline" >/dev/null
    say "started in $DIR on 127.0.0.1:$PORT"
  fi
  echo "export STORYLINE_TEST_PG=postgresql+psycopg://storyline@127.0.0.1:$PORT/storyline"
}

stop() {
  local bin
  bin="$(bindir)"
  if [ -n "$bin" ] && [ -f "$DIR/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null || true
    say "stopped"
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
