#!/usr/bin/env bash
# Benchmarks Post Stride and writes BENCHMARKS.md (README: "Benchmarks").
#
#   scripts/bench.sh                 all seven scenarios on the JVM jar, 3 runs each (about 45 minutes)
#   scripts/bench.sh --native        the native binary beside the JVM jar (scenarios 1 and 2; the kill test's
#                                    instances are then native)
#   scripts/bench.sh --smoke         every scenario at a tiny size, reusing packaged artefacts (CI; ~3 minutes);
#                                    writes target/bench/BENCHMARKS-smoke.md and fails on any non-2xx answer or
#                                    when the fakes did not receive exactly the expected posts
#   scripts/bench.sh --scenarios 2,6 --runs 5
#   scripts/bench.sh --native --scenarios 2 --limiter-off
#                                    the native binary again with the API's rate limiter off, beside it on
#   scripts/bench.sh --scenarios 7  the kill test alone: 3 instances, one SIGKILLed every 10-20 s for 3 minutes,
#                                    2,500 targets, then a drain; fails on any duplicate, stuck target or live post
#                                    recorded as failed (the smoke run's version takes 90 s)
#
# The service, the fake platforms (src/test/java/dev/poststride/bench/FakePlatformsServer.java) and the load tools
# (wrk, pgbench) each run as a process of their own; the database is an empty poststride_bench on the local
# PostgreSQL that scripts/ensure-postgres.sh provides.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh

smoke=false
native=false
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=true ;;
    --native) native=true ;;
  esac
done
log() { echo "[bench] $*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (Debian package)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi

# A local PostgreSQL (pgbench needs the server itself, so never Dev Services) and an empty database for the run.
export BENCH_DB_NAME=poststride_bench
db_env=$(POSTSTRIDE_USE_DEV_SERVICES=false bash scripts/ensure-postgres.sh --fresh "$BENCH_DB_NAME")
while IFS='=' read -r key value; do
  [ -n "$key" ] && export "$key=$value"
done <<< "$db_env"

# Build what is missing or stale: a smoke run reuses what the CI run packaged; a full run measures this tree.
newest_source=$(find src pom.xml -type f -newer target/quarkus-app/quarkus-run.jar 2>/dev/null | head -1 || true)
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f target/test-classes/dev/poststride/bench/Bench.class ] \
    || { [ "$smoke" = false ] && [ -n "$newest_source" ]; }; then
  log "packaging the JVM jar"
  ./mvnw -B -q package -DskipTests >&2
fi
# BENCH_NATIVE_BINARY: a binary built elsewhere from this tree (e.g. by a CI run), used as it is.
runner=${BENCH_NATIVE_BINARY:-$(ls target/*-runner 2>/dev/null | head -1 || true)}
if [ "$native" = true ] && [ "$smoke" = false ] && [ -z "${BENCH_NATIVE_BINARY:-}" ] \
    && { [ -z "$runner" ] || [ -n "$(find src pom.xml -type f -newer "$runner" | head -1)" ]; }; then
  log "building the native binary"
  source scripts/native-env.sh
  ./mvnw -B -q package -DskipTests -Dnative >&2
fi
if [ ! -f target/bench.classpath ] || [ pom.xml -nt target/bench.classpath ]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
fi

export BENCH_COMMAND="scripts/bench.sh $*"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.poststride.bench.Bench "$@"
