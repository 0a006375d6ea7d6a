#!/usr/bin/env bash
# Installs what is missing and builds what the caller needs. Idempotent: a second run with
# nothing changed only checks and returns quickly.
#   scripts/setup.sh demo   the WASM package only (wasm/dist): what ./scripts/demo.sh runs
#   scripts/setup.sh test   everything every suite needs: the WASM package, the native tree
#                           (build/native), the ASan+UBSan tree with the fuzz targets
#                           (build/sanitize), and Debian 12's Node 18 beside a newer Node
#                           (build/node18), so the Node suites run on both
# Every Debian package a build or a suite uses is named below: nothing relies on apt's
# "recommends" or on what a particular image happens to have.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODE="${1:-test}"
case "$MODE" in demo | test) ;; *) echo "usage: scripts/setup.sh [demo|test]" >&2; exit 2 ;; esac
JOBS="${JOBS:-$(nproc)}"

# Each line carries the seconds since setup started, so a slow step shows in CI's log.
log() { printf '\033[1m[setup +%ss]\033[0m %s\n' "$SECONDS" "$*"; }

# Builds quietly; shows warnings, errors and the size report, or the whole log on failure.
build() {
  local what="$1" dir="$2"
  log "building $what (log: $dir/build.log)"
  if ! cmake --build "$dir" -j "$JOBS" >"$dir/build.log" 2>&1; then
    cat "$dir/build.log" >&2
    echo "[setup] $what build failed (log: $dir/build.log)" >&2
    exit 1
  fi
  grep -E 'warning:|^size:' "$dir/build.log" || true
  log "built $what"
}

# The WASM, ASan+UBSan and native trees together under one jobserver (scripts/trees.mk):
# built one after the other, each tree's serial end (the WASM link, the last links) left a
# core idle.
build_trees() {
  log "building the WASM package, the ASan+UBSan tree and the native tree, $JOBS jobs shared (logs: build/<tree>/build.log)"
  if ! make -s -j "$JOBS" -f scripts/trees.mk >/dev/null 2>&1; then
    local dir
    for dir in build/wasm build/sanitize build/native; do
      if [ ! -f "$dir/build.ok" ] && [ -s "$dir/build.log" ]; then
        cat "$dir/build.log" >&2
        echo "[setup] the build in $dir failed (log: $dir/build.log)" >&2
      fi
    done
    echo "[setup] building the trees failed (make -j $JOBS -f scripts/trees.mk)" >&2
    exit 1
  fi
  grep -hE 'warning:|^size:' build/wasm/build.log build/sanitize/build.log build/native/build.log || true
  log "built the three trees"
}

# The widget downloads the engine: always show what it weighs.
show_size() {
  node -e 'const s=require("./wasm/dist/size.json");for(const[n,v]of Object.entries(s))console.log(`[setup] ${n}: ${(v.raw/1024).toFixed(1)} KiB raw, ${(v.gzip/1024).toFixed(1)} KiB gzip`)'
}

apt_updated=""
apt_install() {
  local SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  if [ -z "$apt_updated" ]; then
    $SUDO apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. Debian packages. The WASM package needs CMake, Emscripten (which brings clang, lld,
#    binaryen, python3 and Debian's Node modules its optimizer loads), nlohmann/json and Node
#    (curl for the commands the demo suggests);
#    the suites add g++ and Boost.Test (native), clang with its sanitizer and libFuzzer
#    runtimes (libclang-rt-14-dev: only "recommended" by clang, so named here), lld (the
#    native trees link their sixty-odd programs with it: a minute less per build), the Node
#    modules Debian's Node 18 loads at start-up (scripts/node18.sh), and Chromium, in which the
#    bundler suite runs the package's browser builds (headless, driven by playwright-core), and
#    redis-server, of which the store suites start their own on loopback ports. Request
#    Tracker 5 (request-tracker5 rt5-db-sqlite rt5-standalone) is installed by the RT suite's
#    own helper, tests/rt/rt-server.mjs, the first time it runs: it must answer debconf's
#    questions first (no system database, no cron jobs), and a machine without apt or root
#    reports that suite as skipped instead of failing.
PKGS=(ca-certificates curl cmake make emscripten nlohmann-json3-dev nodejs npm)
if [ "$MODE" = test ]; then
  PKGS+=(g++ clang lld libclang-rt-14-dev libboost-test-dev node-cjs-module-lexer node-undici chromium redis-server)
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node and npm may come from outside Debian (a newer Node on PATH): accept those.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
  read -r -a missing <<<"${missing[*]}"
fi
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  apt_install "${missing[@]}"
fi
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if ((NODE_MAJOR < 18)); then
  echo "[setup] Node $(node --version) is too old: ticketbridge needs Node 18.19 or later (Debian 12 ships 18.20)." >&2
  exit 1
fi
log "using Node $(node --version), npm $(npm --version)"

# 2. npm packages, only when the lock file changed since the last install. Warnings (an
#    engine mismatch, say) are shown, not hidden.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci (packages pinned in package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=warn
  touch node_modules/.package-lock.json
fi

# 3. The WASM build (the npm package in wasm/dist). Emscripten's optimizer needs acorn from
#    Debian's Node modules.
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
if [ ! -f build/wasm/CMakeCache.txt ]; then
  log "configuring the WASM build"
  mkdir -p build/wasm
  if ! emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=MinSizeRel >build/wasm/configure.log 2>&1; then
    cat build/wasm/configure.log >&2
    echo "[setup] configuring the WASM build failed" >&2
    exit 1
  fi
fi
if [ "$MODE" = demo ]; then
  build WASM build/wasm
  show_size
  exit 0
fi

# 4. Native builds: the suites, conformance runner and benchmarks (build/native), and the
#    same suites plus the fuzz targets under ASan + UBSan with clang (build/sanitize).
log "configuring native builds"
"$ROOT/scripts/node18.sh" build/node18
NODE18="$(cat build/node18/path 2>/dev/null || true)"
# The sanitizer tree builds what its suites run and nothing else (no benchmarks, no install
# rules), with line tables only: that is all ASan and UBSan need to name file and line in a
# report, and full debug info doubled the tree's compile and link time. (The Debug build
# type's own "-g" comes after CMAKE_CXX_FLAGS and would win, so it is replaced too.)
# Both native trees compile the product core in batches of files (TB_UNITY_CORE: the top-level
# CMakeLists.txt says why), a third of its compile time.
cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="-O1" \
  -DCMAKE_CXX_FLAGS_DEBUG="-gline-tables-only" \
  -DTB_SANITIZE=ON -DTB_FUZZ=ON -DTICKETBRIDGE_BENCHMARKS=OFF -DTICKETBRIDGE_INSTALL=OFF -DTB_UNITY_CORE=ON >/dev/null
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release -DTB_SANITIZE_DIR="$ROOT/build/sanitize" \
  -DTB_NODE18="$NODE18" -DTB_UNITY_CORE=ON >/dev/null
build_trees
show_size
