#!/usr/bin/env bash
# Runs Post Stride in dev mode (live reload, Swagger UI at /q/swagger-ui) on http://localhost:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
source scripts/db-env.sh
exec ./mvnw quarkus:dev "$@"
