#!/usr/bin/env bash
# ./edp start: the portal (frontend :3000, backend :7007) with the sandbox's stand-ins, until Ctrl-C.
# ./edp start --scale: the same on PostgreSQL and Redis, two backend replicas behind HAProxy on :7007
# (scripts/scale/start.ts; installs postgresql, redis-server and haproxy when root and missing).
set -uo pipefail
scale=0
if [ "${1:-}" = "--scale" ]; then scale=1; shift; fi
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"
cd "$EDP_ROOT"

edp_ensure_node || exit 1
edp_ensure_deps || exit 1
if [ $scale -eq 1 ]; then
  edp_check_ports "${EDP_PORTS[@]}" "${EDP_SCALE_PORTS[@]}" || exit 1
else
  edp_check_ports "${EDP_PORTS[@]}" || exit 1
fi

files=(app-config.yaml app-config.sandbox.yaml)
if [ $scale -eq 1 ]; then
  files+=(app-config.scale.yaml)
  # Read by app-config.scale.yaml; the ports are scripts/scale/start.ts's SCALE_PORTS. The replicas
  # also get jemalloc (LD_PRELOAD, when libjemalloc2 is installed) and glibc malloc settings
  # (MALLOC_ARENA_MAX, MALLOC_TRIM_THRESHOLD_) from scripts/scale/cluster.ts,
  # so the memory a load took comes back once it stops; values exported here win.
  export EDP_SCALE_POSTGRES_PORT=7120 EDP_SCALE_REDIS_PORT=7121 EDP_SCALE_BASE_URL=http://localhost:7007
fi
[ -f app-config.local.yaml ] && files+=(app-config.local.yaml)
configs=()
for f in "${files[@]}"; do configs+=(--config "$EDP_ROOT/$f"); done

node scripts/check-config-files.js "${files[@]}" packages/sandbox/sandbox.yaml || {
  echo "edp: fix the YAML above and run again." >&2
  exit 1
}
# Validate the merged config up front: a malformed file or key is reported with its name here,
# rather than as a stack trace from whichever plugin reads it first.
if ! yarn backstage-cli config:check --lax "${configs[@]}" >/tmp/edp-config-check.$$ 2>&1; then
  echo "edp: the portal's configuration is not valid (files: ${files[*]}):" >&2
  cat /tmp/edp-config-check.$$ >&2
  rm -f /tmp/edp-config-check.$$
  exit 1
fi
rm -f /tmp/edp-config-check.$$

if [ $scale -eq 1 ]; then
  EDP_YARN_RELEASE="$(ls "$EDP_ROOT"/.yarn/releases/yarn-*.cjs | tail -n 1)" exec node \
    --require @backstage/cli/config/nodeTransform.cjs scripts/scale/start.ts "${files[@]}"
fi

pids=()
# A reader that goes away first (`./edp start | less`, then Ctrl-C) must not kill this script with SIGPIPE
# before it has stopped its children; the children are stopped before anything is written.
trap '' PIPE
cleanup() {
  trap - INT TERM EXIT
  [ -n "${announcer:-}" ] && kill "$announcer" 2>/dev/null
  # Each child leads its own process group (setsid), so its whole tree goes with it.
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
  echo "edp: stopping" >&2 2>/dev/null || true
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && return
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null; done
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

yarn_release="$(ls .yarn/releases/yarn-*.cjs | tail -n 1)"

setsid node packages/sandbox/bin/sandbox start &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fsS http://127.0.0.1:7100/ready >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "edp: the sandbox did not start (see above)" >&2; exit 1; }
  sleep 0.5
done

setsid node "$yarn_release" backstage-cli repo start "${configs[@]}" &
pids+=($!)

# Announce the URL once the frontend answers.
(
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null http://localhost:3000 2>/dev/null; then
      echo ""
      echo "edp: the portal is ready at http://localhost:3000 (sign in as Guest). Ctrl-C stops everything."
      echo "edp: backend http://localhost:7007, sandbox admin http://127.0.0.1:7100/ready"
      exit 0
    fi
    sleep 1
  done
) &
announcer=$!

# Stop everything as soon as the sandbox or the portal stops by itself.
wait -n "${pids[0]}" "${pids[1]}"
status=$?
echo "edp: a process exited with status $status; stopping the rest" >&2
exit "$status"
