# Sourced by the scripts: makes PostgreSQL available and exports the URLs the %dev and %test profiles read.
# With a container runtime, nothing is exported and Quarkus Dev Services starts PostgreSQL instead.
db_env=$(bash "$(dirname "${BASH_SOURCE[0]}")/ensure-postgres.sh")
while IFS='=' read -r key value; do
  [ -n "$key" ] && export "$key=$value"
done <<< "$db_env"
if [ -n "${POSTSTRIDE_DB_HOST:-}" ]; then
  export POSTSTRIDE_DEV_DB_URL="jdbc:postgresql://$POSTSTRIDE_DB_HOST:$POSTSTRIDE_DB_PORT/poststride"
  export POSTSTRIDE_TEST_DB_URL="jdbc:postgresql://$POSTSTRIDE_DB_HOST:$POSTSTRIDE_DB_PORT/poststride_test"
fi
