#!/usr/bin/env bash
# Build the mediasoup worker once per machine and version (no prebuilt download is reachable):
# $HOME/.cache/livedrill/mediasoup-worker-<version>/mediasoup-worker, the path
# electron/services/sfu/worker-bin.ts looks at. Needs the apt packages listed in .ci/run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PKG="$ROOT/node_modules/mediasoup"
VERSION="$(node -p "require('$PKG/package.json').version")"
OUT="${MEDIASOUP_WORKER_BIN:-${LIVEDRILL_CACHE_DIR:-$HOME/.cache/livedrill}/mediasoup-worker-$VERSION/mediasoup-worker}"
if [ -x "$OUT" ]; then echo "mediasoup worker $VERSION cached: $OUT"; exit 0; fi
MS_BUILD_DIR="$(mktemp -d)/build" "$ROOT/scripts/mediasoup/build-worker-debian.sh" "$PKG" "$OUT"
