# Shared settings and helpers of the local OpenSearch scripts (sourced, not run).
#
# Everything lives under instance/opensearch/ (git-ignored):
#   opensearch-VERSION.zip        the integ-test zip from Maven Central (cache)
#   opensearch-VERSION/           the unpacked distribution (read-only to the node)
#   nodes-N/node-I/               one node of an N-node set-up: config/, data/, logs/,
#                                 opensearch.pid, stdout.log
# A one-node and a two-node set-up keep separate data: a node that once formed a
# single-node cluster can never join another cluster.

set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

#: Newest 2.19.x integ-test zip on Maven Central that runs on JDK 17 (3.x needs Java 21);
#: see docs/opensearch.md for the versions that resolve.
OS_VERSION="${OPENSEARCH_VERSION:-2.19.6}"
OS_DIR="${OPENSEARCH_DIR:-$ROOT/instance/opensearch}"
OS_DIST="$OS_DIR/opensearch-$OS_VERSION"
OS_ZIP="$OS_DIR/opensearch-$OS_VERSION.zip"
#: Node I listens on HTTP_BASE+I-1 and TRANSPORT_BASE+I-1 (OpenSearch's usual ports).
HTTP_BASE="${OPENSEARCH_PORT:-9200}"
TRANSPORT_BASE="${OPENSEARCH_TRANSPORT_PORT:-9300}"
#: Heap per node: the machine is shared, and a small news index needs little.
HEAP="${OPENSEARCH_HEAP:-512m}"
#: OpenSearch refuses to run as root; as root we run it as this system user.
OS_USER="${OPENSEARCH_USER:-opensearch}"
CLUSTER_NAME="indic-news-search"
#: Seconds to wait for a node to answer HTTP (a cold start takes 15-40 s here).
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
#: Seconds to wait for a node to exit after SIGTERM before SIGKILL.
STOP_TIMEOUT=60
#: The dependency plugin version that has `copy -Dartifact` (Maven 3.8's default 2.8 does not).
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

die() { echo "error: $*" >&2; exit 1; }
say() { echo "opensearch: $*" >&2; }

# The JDK to run OpenSearch with: OPENSEARCH_JAVA_HOME, JAVA_HOME, or the `java` on PATH.
find_java_home() {
    local home="${OPENSEARCH_JAVA_HOME:-${JAVA_HOME:-}}"
    if [ -z "$home" ]; then
        command -v java >/dev/null 2>&1 || die "no java found: install a JDK 17 (apt-get install openjdk-17-jdk-headless) or set OPENSEARCH_JAVA_HOME"
        home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    fi
    [ -x "$home/bin/java" ] || die "no java at $home/bin/java (set OPENSEARCH_JAVA_HOME to a JDK 17)"
    local major
    major="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    case "$major" in
        11|17|21) ;;
        *) die "OpenSearch $OS_VERSION runs on Java 11, 17 or 21; $home has Java ${major:-unknown} (set OPENSEARCH_JAVA_HOME)" ;;
    esac
    echo "$home"
}

node_dir() { echo "$OS_DIR/nodes-$1/node-$2"; }         # nodes, index
http_port() { echo $((HTTP_BASE + $1 - 1)); }
transport_port() { echo $((TRANSPORT_BASE + $1 - 1)); }

# Is something listening on 127.0.0.1:PORT?
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The pid in a node's pid file if that process is an OpenSearch node, else nothing.
node_pid() {
    local file="$1/opensearch.pid" pid
    [ -s "$file" ] || return 0
    pid="$(cat "$file")"
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'org.opensearch.bootstrap.OpenSearch'; then
        echo "$pid"
    fi
}

# The pid of the JVM of the node whose directory is DIR, found by its command line
# (it has a pid file only once it is well into starting), or nothing. Read with
# builtins only: a grep for the path would find its own command line.
node_jvm_pid() {
    local cmdline args conf="-Dopensearch.path.conf=$1/config" main="org.opensearch.bootstrap.OpenSearch"
    for cmdline in /proc/[0-9]*/cmdline; do
        mapfile -d '' args 2>/dev/null <"$cmdline" || continue
        case " ${args[*]} " in
            *" $conf "*" $main "*) cmdline="${cmdline#/proc/}"; echo "${cmdline%/cmdline}"; return 0 ;;
        esac
    done
}

# Is a JVM of the node whose directory is DIR alive (pid file written or not yet)?
node_alive() { [ -n "$(node_jvm_pid "$1")" ]; }

# The N of the set-up whose nodes are running (nodes-N with a live pid), or nothing.
running_setups() {
    local dir
    for dir in "$OS_DIR"/nodes-*; do
        [ -d "$dir" ] || continue
        for node in "$dir"/node-*; do
            if [ -n "$(node_pid "$node")" ]; then echo "${dir##*/nodes-}"; break; fi
        done
    done
}
