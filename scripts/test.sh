#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL: the JVM tests, and with --native also the
# native binary build and the same HTTP tests (*IT) against it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
source scripts/db-env.sh

native=false
maven_args=()
for arg in "$@"; do
  case "$arg" in
    --native) native=true ;;
    *) maven_args+=("$arg") ;;
  esac
done

if [ "$native" = true ]; then
  source scripts/native-env.sh
  ./mvnw -B verify -Dnative "${maven_args[@]}"
else
  ./mvnw -B verify "${maven_args[@]}"
fi
