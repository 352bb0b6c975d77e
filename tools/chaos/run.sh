#!/usr/bin/env bash
# Runs the chaos suite. Without AMQP_URL and DATABASE_URL it starts a private PostgreSQL 15 and RabbitMQ
# through .ci/services.sh (PORTBASE picks their ports, default 57000) and stops them afterwards; the suite
# then kills and restarts that RabbitMQ itself. Arguments go to the suite: `--writes 1000`.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${AMQP_URL:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
  base=${PORTBASE:-57000}
  export PGPORT=$base AMQP_PORT=$((base + 10)) REDIS_PORT=$((base + 20))
  # shellcheck source=../../.ci/services.sh
  source .ci/services.sh
  services_install
  pg_up
  rmq_up
  trap 'set +e; rmq_down; pg_down; rm -rf "$SVC_ROOT"' EXIT
  # Lets the suite restart this broker with the same node, ports and data.
  export QUIRE_CHAOS_RMQ_ROOT=$SVC_ROOT
fi
node --import tsx tools/chaos/src/main.ts "$@"
