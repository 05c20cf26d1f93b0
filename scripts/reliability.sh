#!/usr/bin/env bash
# The reliability and security suite (README: "Guarantees"; results in RELIABILITY.md).
#
#   scripts/reliability.sh           the long run (about 20 minutes): 10,000 hostile requests generated from the
#                                    OpenAPI document, object-level authorization over every id-taking operation,
#                                    PostgreSQL restarted under two publishing instances, platform chaos, the kill
#                                    test; writes RELIABILITY.md
#   scripts/reliability.sh --smoke   CI's part: the database restart and platform chaos at small sizes on the
#                                    packaged artefacts (the hostile-input and authorization suites already ran with
#                                    the tests, seeded, 300 requests); writes target/reliability/RELIABILITY-smoke.md
#   add --native to run the service instances as the native binary
#
# The database restart stops and starts a PostgreSQL cluster of its own (15/faults on port 5439, created here on
# first use), never the shared one the tests and benchmarks use.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh

smoke=false
native_flag=()
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=true ;;
    --native) native_flag=(--native) ;;
    *) echo "unknown option $arg (known: --smoke --native)" >&2; exit 2 ;;
  esac
done
log() { echo "[reliability] $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

out=target/reliability
mkdir -p "$out"
bash scripts/ensure-postgres.sh >/dev/null  # installs PostgreSQL when missing, starts the shared cluster

# The faults cluster: a cluster of its own, so stopping it touches nothing else.
faults_port=${RELIABILITY_FAULTS_PORT:-5439}
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "faults" { found = 1 } END { exit !found }'; then
  log "creating PostgreSQL cluster $version/faults on port $faults_port"
  as_root pg_createcluster "$version" faults --port "$faults_port" >&2
fi
as_root pg_ctlcluster "$version" faults start >&2 2>/dev/null || true

# Bench scenarios 8 (database restart) and 9 (platform chaos), on the faults cluster.
run_faults() {
  POSTSTRIDE_DB_PORT=$faults_port BENCH_FAULTS_CLUSTER="$version/faults" \
    BENCH_WORK_DIR="$out/bench" bash scripts/bench.sh "$@" "${native_flag[@]}" --scenarios 8,9 \
    --report "$out/faults.md"
}

if [ "$smoke" = true ]; then
  status=0
  run_faults --smoke || status=$?
  { echo "# Post Stride reliability — smoke run (CI; small sizes)"; echo
    sed '1,/^## 8/{/^## 8/!d}' "$out/faults.md"; } > "$out/RELIABILITY-smoke.md"
  log "report: $out/RELIABILITY-smoke.md"
  exit "$status"
fi

status=0
log "hostile input (10,000 requests) and object-level authorization"
requests=${RELIABILITY_REQUESTS:-10000}
seed=${RELIABILITY_SEED:-$(date +%s)}
bash scripts/test.sh -Dtest='HostileInputSuiteTest,ObjectLevelAuthorizationTest' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dpoststride.fuzz.requests="$requests" -Dpoststride.fuzz.seed="$seed" > "$out/suites.log" 2>&1 || status=$?
grep -E "Tests run:|FAIL" "$out/suites.log" | tail -3 >&2 || true
log "database restart and platform chaos"
run_faults || status=$?
log "kill test"
BENCH_WORK_DIR="$out/bench" bash scripts/bench.sh "${native_flag[@]}" --scenarios 7 --report "$out/kill.md" \
  || status=$?

{
  echo "# Post Stride reliability"
  echo
  echo "Written by \`scripts/reliability.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD),"
  echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg). What each part checks: README, *Guarantees*."
  echo
  echo "## 1. Hostile input generated from the OpenAPI document"
  echo
  echo '```json'
  python3 -c "import json; r = json.load(open('$out/hostile-input.json'));
r.pop('failed_requests'); print(json.dumps(r, indent=2))" 2>/dev/null || echo "(no report: see $out/suites.log)"
  echo '```'
  echo
  echo "Object-level authorization: $(grep -E 'Tests run:.*ObjectLevelAuthorizationTest' "$out/suites.log" \
    | sed 's/.*Tests run/Tests run/' || echo 'see suites.log')"
  echo
  sed '1,/^## 8/{/^## 8/!d}' "$out/faults.md" \
    | sed -E 's/^## 8\. (.*)/## 2. \1 (bench scenario 8)/; s/^## 9\. (.*)/## 3. \1 (bench scenario 9)/'
  echo
  sed '1,/^## 7/{/^## 7/!d}' "$out/kill.md" | sed -E 's/^## 7\. (.*)/## 4. \1 (bench scenario 7)/'
} > RELIABILITY.md.new
mv RELIABILITY.md.new RELIABILITY.md
log "report: RELIABILITY.md (exit $status)"
exit "$status"
