#!/usr/bin/env bash
# The test command (README.md, and what .ci/run calls): installs what is missing, builds the
# native and WASM targets, then runs every suite through CTest: the Boost.Test suites, the
# JSONata conformance runners (native and WASM), and the Node suites over the WASM build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
echo "[test] running all suites"
exec ctest --test-dir build/native --output-on-failure -j "${JOBS:-$(nproc)}"
