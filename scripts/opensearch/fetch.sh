#!/usr/bin/env bash
# Fetch OpenSearch's integ-test zip from Maven Central (cached) and unpack it.
#
#   scripts/opensearch/fetch.sh        # OPENSEARCH_VERSION (default 2.19.6)
#
# The zip is the bare server OpenSearch publishes for plugin tests: no JDK, no
# plugins, only the transport module. Prints the distribution's directory.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:$OS_VERSION:zip"

fetch_zip() {
    [ -s "$OS_ZIP" ] && return 0
    command -v mvn >/dev/null 2>&1 || die "no mvn found: install Maven (apt-get install maven)"
    say "fetching $ARTIFACT from Maven Central"
    local log="$OS_DIR/fetch.log"
    # Run outside the repository so Maven uses its stand-alone project.
    if ! (cd "$OS_DIR" && mvn -q -B "$DEPENDENCY_PLUGIN:copy" -Dartifact="$ARTIFACT" \
            -DoutputDirectory="$OS_DIR" -Dmdep.overWriteReleases=true) >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "could not fetch $ARTIFACT (Maven's output above, all of it in $log)"
    fi
    [ -s "$OS_ZIP" ] || die "Maven ran but $OS_ZIP is missing (see $log)"
}

unpack() {
    [ -x "$OS_DIST/bin/opensearch" ] && return 0
    tmp="$OS_DIR/.unpack-$$"
    rm -rf "$tmp"
    trap 'rm -rf "$tmp"' EXIT
    if command -v unzip >/dev/null 2>&1; then
        unzip -q "$OS_ZIP" -d "$tmp" || die "$OS_ZIP does not unpack; delete it to fetch it again"
    else
        python3 -m zipfile -e "$OS_ZIP" "$tmp" || die "$OS_ZIP does not unpack; delete it to fetch it again"
    fi
    [ -d "$tmp/opensearch-$OS_VERSION/bin" ] || die "$OS_ZIP holds no opensearch-$OS_VERSION/bin"
    chmod -R a+rX,go-w "$tmp"
    chmod a+x "$tmp/opensearch-$OS_VERSION"/bin/*
    # A rename, so a killed unpack never leaves a half distribution in place.
    mv "$tmp/opensearch-$OS_VERSION" "$OS_DIST"
}

mkdir -p "$OS_DIR"
chmod 755 "$OS_DIR"
fetch_zip
unpack
echo "$OS_DIST"
