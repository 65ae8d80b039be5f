#!/usr/bin/env bash
# Stop the local OpenSearch nodes started by start.sh, by the pids in their pid files.
#
#   scripts/opensearch/stop.sh            # every running node
#   scripts/opensearch/stop.sh --node 2   # only node 2 (of the running set-up)
#
# SIGTERM first (a clean shutdown), SIGKILL after STOP_TIMEOUT seconds.
# Stopping what is not running is not an error.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ONLY=""
while [ $# -gt 0 ]; do
    case "$1" in
        --node) ONLY="${2:-}"; shift 2 ;;
        --node=*) ONLY="${1#*=}"; shift ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (use --node I)" ;;
    esac
done
case "$ONLY" in ''|[1-9]) ;; *) die "--node must be a node number, not '$ONLY'" ;; esac

stop_node() {
    local dir="$1" pid waited=0
    pid="$(node_pid "$dir")"
    [ -n "$pid" ] || pid="$(node_jvm_pid "$dir")"     # still starting: no pid file yet
    [ -n "$pid" ] || return 1
    say "stopping ${dir##*/} (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$waited" -ge "$STOP_TIMEOUT" ]; then
            say "${dir##*/} still running after ${STOP_TIMEOUT}s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 1; waited=$((waited + 1))
    done
    rm -f "$dir/opensearch.pid"
}

stopped=0
# Every node directory, not only those of set-ups with a pid file: a node started
# by an interrupted start.sh may have none yet (start.sh runs one set-up at a time).
for dir in "$OS_DIR"/nodes-*/node-*; do
    [ -d "$dir" ] || continue
    [ -z "$ONLY" ] || [ "${dir##*/}" = "node-$ONLY" ] || continue
    stop_node "$dir" && stopped=$((stopped + 1))
done
[ "$stopped" -gt 0 ] || say "no node running"
