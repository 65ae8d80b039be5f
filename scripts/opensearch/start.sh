#!/usr/bin/env bash
# Start a local OpenSearch (fetched if needed) bound to 127.0.0.1, wait until it answers.
#
#   scripts/opensearch/start.sh             # one node, discovery.type=single-node, :9200
#   scripts/opensearch/start.sh --nodes 2   # two nodes forming one cluster, :9200 and :9201
#
# Idempotent: nodes already running are left alone, missing ones are started
# (so after `stop.sh --node 2`, `start.sh --nodes 2` brings node 2 back).
# As root, the nodes run as the system user $OPENSEARCH_USER (default
# `opensearch`, created if missing); otherwise as the user who runs this.
# Prints the URL of node 1 on stdout.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NODES=1
while [ $# -gt 0 ]; do
    case "$1" in
        --nodes) NODES="${2:-}"; shift 2 ;;
        --nodes=*) NODES="${1#*=}"; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (use --nodes N)" ;;
    esac
done
case "$NODES" in 1|2|3) ;; *) die "--nodes must be 1, 2 or 3, not '$NODES'" ;; esac

# Create the system user OpenSearch runs as when we are root.
ensure_user() {
    [ "$(id -u)" -eq 0 ] || return 0
    if ! id -u "$OS_USER" >/dev/null 2>&1; then
        say "creating system user $OS_USER"
        useradd --system --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$OS_USER" || die "could not create user $OS_USER"
    fi
    runuser -u "$OS_USER" -- test -r "$OS_DIST/bin/opensearch" ||
        die "user $OS_USER cannot read $OS_DIST (a parent directory is not world-readable)"
}

as_node_user() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u "$OS_USER" -- "$@"; else "$@"; fi
}

# discovery settings: one node alone, or node 1 as the cluster manager and data
# node with the others as data nodes (two manager-eligible nodes cannot survive
# losing either: the voting set of two keeps only one).
discovery_settings() {
    local index="$1" i hosts=""
    if [ "$NODES" -eq 1 ]; then
        echo "discovery.type: single-node"
        return
    fi
    for i in $(seq 1 "$NODES"); do hosts="$hosts${hosts:+, }\"127.0.0.1:$(transport_port "$i")\""; done
    echo "discovery.seed_hosts: [$hosts]"
    echo "cluster.initial_cluster_manager_nodes: [\"node-1\"]"
    [ "$index" -eq 1 ] || echo "node.roles: [data, ingest]"
}

write_config() {
    local index="$1" dir="$2"
    mkdir -p "$dir/config" "$dir/data" "$dir/logs"
    cp "$OS_DIST/config/log4j2.properties" "$dir/config/"
    # The distribution's JVM options, with the heap from OPENSEARCH_JAVA_OPTS and
    # the GC log and dumps in this node's directory, not in the read-only dist.
    sed -e '/^-Xm[sx]/d' \
        -e "s#file=logs/gc.log#file=$dir/logs/gc.log#; s#filecount=32,filesize=64m#filecount=2,filesize=16m#" \
        -e "s#HeapDumpPath=data#HeapDumpPath=$dir/data#; s#ErrorFile=logs/#ErrorFile=$dir/logs/#" \
        "$OS_DIST/config/jvm.options" >"$dir/config/jvm.options"
    mkdir -p "$dir/config/jvm.options.d"
    cat >"$dir/config/opensearch.yml" <<EOF
# Written by scripts/opensearch/start.sh; rewritten at every start.
cluster.name: $CLUSTER_NAME
node.name: node-$index
path.data: $dir/data
path.logs: $dir/logs
network.host: 127.0.0.1
http.port: $(http_port "$index")
transport.port: $(transport_port "$index")
$(discovery_settings "$index")
# A dev node on a shared disk: never refuse replicas because the disk is 85% full.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
    if [ "$(id -u)" -eq 0 ]; then chown -R "$OS_USER:" "$dir"; fi
}

start_node() {
    local index="$1" dir http transport pid
    dir="$(node_dir "$NODES" "$index")"
    http="$(http_port "$index")"
    transport="$(transport_port "$index")"
    if [ -n "$(node_pid "$dir")" ]; then
        say "node-$index already running (pid $(node_pid "$dir"), http://127.0.0.1:$http)"
        return
    fi
    port_busy "$http" && die "port $http is in use by another program (set OPENSEARCH_PORT to move the nodes)"
    port_busy "$transport" && die "port $transport is in use by another program (set OPENSEARCH_TRANSPORT_PORT)"
    write_config "$index" "$dir"
    rm -f "$dir/opensearch.pid"
    say "starting node-$index on http://127.0.0.1:$http (transport $transport, heap $HEAP)"
    (cd "$dir" && as_node_user env OPENSEARCH_JAVA_HOME="$JAVA_HOME_FOUND" \
        OPENSEARCH_PATH_CONF="$dir/config" OPENSEARCH_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
        "$OS_DIST/bin/opensearch" -d -p "$dir/opensearch.pid") >"$dir/stdout.log" 2>&1 ||
        { tail -n 20 "$dir/stdout.log" >&2; die "node-$index did not start (see $dir/stdout.log)"; }
}

# Poll node INDEX's HTTP port until it answers, at most START_TIMEOUT seconds.
wait_for_node() {
    local index="$1" dir url waited=0
    dir="$(node_dir "$NODES" "$index")"
    url="http://127.0.0.1:$(http_port "$index")"
    until curl -fs -o /dev/null "$url/"; do
        if ! node_alive "$dir"; then
            tail -n 30 "$dir/logs/$CLUSTER_NAME.log" "$dir/stdout.log" 2>/dev/null >&2 || true
            die "node-$index exited while starting (logs: $dir/logs)"
        fi
        [ "$waited" -lt "$START_TIMEOUT" ] || die "node-$index did not answer on $url within ${START_TIMEOUT}s (logs: $dir/logs)"
        sleep 1; waited=$((waited + 1))
    done
}

other="$(running_setups | grep -vx "$NODES" || true)"
[ -z "$other" ] || die "a ${other}-node OpenSearch is running; stop it first (make opensearch-stop)"
command -v curl >/dev/null 2>&1 || die "curl is needed to wait for the node"
JAVA_HOME_FOUND="$(find_java_home)"
"$HERE/fetch.sh" >/dev/null
ensure_user
for i in $(seq 1 "$NODES"); do start_node "$i"; done
for i in $(seq 1 "$NODES"); do wait_for_node "$i"; done
URL="http://127.0.0.1:$(http_port 1)"
if [ "$NODES" -gt 1 ]; then
    curl -fsS -o /dev/null "$URL/_cluster/health?wait_for_nodes=$NODES&timeout=${START_TIMEOUT}s" ||
        die "the $NODES nodes did not form one cluster (logs: $OS_DIR/nodes-$NODES/node-*/logs)"
fi
say "$NODES node(s) answering; stop with: make opensearch-stop"
echo "$URL"
