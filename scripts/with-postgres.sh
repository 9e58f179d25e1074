#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL server:
#   scripts/with-postgres.sh CMD [ARG...]
# Installs Debian's postgresql when missing, runs initdb in a temp folder (as the postgres user when run as
# root: the server refuses to run as root), starts it on a free loopback port with fsync off, creates the
# database "podium", runs CMD with PODIUM_DATABASE_URL (and PODIUM_TEST_POSTGRES_URL, which the test
# harnesses use to make a fresh database per test) exported, then stops the server and removes the folder,
# whatever CMD did. CMD's exit status is this script's.
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "with-postgres: installing Debian's postgresql" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
dir="$(mktemp -d /tmp/podium-pg.XXXXXX)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_server=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_server=(runuser -u postgres --)
fi
stop() {
  "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as_server[@]}" "$bin/initdb" -D "$dir/data" -U podium --auth=trust -E UTF8 >/dev/null
"${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$port" -U podium podium
export PODIUM_DATABASE_URL="postgres://podium@127.0.0.1:$port/podium"
export PODIUM_TEST_POSTGRES_URL="$PODIUM_DATABASE_URL"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (PODIUM_DATABASE_URL=$PODIUM_DATABASE_URL)" >&2
status=0
"$@" || status=$?
exit $status
