#!/usr/bin/env bash
# Makes a local PostgreSQL answer for Post Stride's dev mode and tests, idempotently:
# installs Debian/Ubuntu's postgresql package when missing, starts a cluster, and creates the
# role and the two databases (dev and test). Prints nothing on stdout but the env lines to use.
#
# Skipped when a container runtime answers: Quarkus Dev Services then starts PostgreSQL itself.
set -euo pipefail

DB_USER=${POSTSTRIDE_DB_USER:-poststride}
DB_PASSWORD=${POSTSTRIDE_DB_PASSWORD:-poststride}
DB_PORT=${POSTSTRIDE_DB_PORT:-5432}
DATABASES=(poststride poststride_test)
# --fresh NAME: (re)creates database NAME empty, owned by the role (the benchmark's own database).
FRESH=""
if [ "${1:-}" = "--fresh" ]; then FRESH=${2:?--fresh needs a database name}; fi

log() { echo "[ensure-postgres] $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

answers() {
  pg_isready -q -h 127.0.0.1 -p "$DB_PORT" 2>/dev/null
}

if [ "${POSTSTRIDE_USE_DEV_SERVICES:-auto}" != "false" ] && command -v docker >/dev/null 2>&1 \
    && docker info >/dev/null 2>&1; then
  log "container runtime found: Quarkus Dev Services will start PostgreSQL"
  echo "POSTSTRIDE_DEV_SERVICES=true"
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing the postgresql package (needs root or sudo)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

if ! answers; then
  # The cluster listening on $DB_PORT, whatever its name: other clusters may exist beside it (the reliability
  # suite's 15/faults on its own port sorts before main, and is not the one to start here).
  read -r version cluster < <(pg_lsclusters -h | awk -v p="$DB_PORT" '$3 == p { print $1, $2; exit }') || true
  if [ -z "${cluster:-}" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    cluster=main
    if pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
      cluster=poststride
    fi
    log "creating cluster $version/$cluster on port $DB_PORT"
    as_root pg_createcluster "$version" "$cluster" --port "$DB_PORT" >&2
  fi
  log "starting cluster $version/$cluster"
  as_root pg_ctlcluster "$version" "$cluster" start >&2 || true
  for _ in $(seq 1 30); do answers && break; sleep 1; done
  answers || { log "PostgreSQL did not answer on 127.0.0.1:$DB_PORT"; exit 1; }
fi

psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -q -p "$DB_PORT" -d postgres "$@"; }

if [ "$(psql_admin -tAc "select 1 from pg_roles where rolname = '$DB_USER'")" != "1" ]; then
  log "creating role $DB_USER"
  psql_admin -c "create role \"$DB_USER\" login password '$DB_PASSWORD'"
fi
for db in "${DATABASES[@]}"; do
  if [ "$(psql_admin -tAc "select 1 from pg_database where datname = '$db'")" != "1" ]; then
    log "creating database $db"
    psql_admin -c "create database \"$db\" owner \"$DB_USER\""
  fi
done

if [ -n "$FRESH" ]; then
  log "creating an empty database $FRESH"
  psql_admin -c "drop database if exists \"$FRESH\" with (force)"
  psql_admin -c "create database \"$FRESH\" owner \"$DB_USER\""
fi

log "PostgreSQL ready on 127.0.0.1:$DB_PORT"
echo "POSTSTRIDE_DEV_SERVICES=false"
echo "POSTSTRIDE_DB_HOST=127.0.0.1"
echo "POSTSTRIDE_DB_PORT=$DB_PORT"
echo "POSTSTRIDE_DB_USER=$DB_USER"
echo "POSTSTRIDE_DB_PASSWORD=$DB_PASSWORD"
