#!/usr/bin/env bash
# Installs what is missing (Debian packages, npm packages from the lock file), then builds the
# native tree (build/native) and the WASM package (wasm/dist). Idempotent: a second run with
# nothing changed only checks and returns quickly. Sourced by demo.sh and test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JOBS="${JOBS:-$(nproc)}"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Builds quietly; shows warnings, errors and the size report, or the whole log on failure.
build() {
  local what="$1" dir="$2"
  log "building $what"
  if ! cmake --build "$dir" -j "$JOBS" >"$dir/build.log" 2>&1; then
    cat "$dir/build.log" >&2
    echo "[setup] $what build failed (log: $dir/build.log)" >&2
    exit 1
  fi
  grep -E 'warning:|^size:' "$dir/build.log" || true
}

# 1. Debian packages.
PKGS=(cmake g++ clang make curl emscripten nlohmann-json3-dev libboost-test-dev nodejs npm)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node and npm may come from outside Debian (e.g. a newer Node on PATH): accept those.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
  read -r -a missing <<<"${missing[*]}"
fi
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. npm packages, only when the lock file changed since the last install.
if [ -f package-lock.json ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules/.package-lock.json
  fi
fi

# 3. Native builds: the suites, conformance runner and benchmarks (build/native), and the
#    same suites plus the fuzz targets under ASan + UBSan with clang (build/sanitize).
log "configuring native builds"
cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="-O1 -g" \
  -DTB_SANITIZE=ON -DTB_FUZZ=ON >/dev/null
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release -DTB_SANITIZE_DIR="$ROOT/build/sanitize" >/dev/null
build native build/native
build "native (ASan+UBSan, fuzzers)" build/sanitize

# 4. WASM build (the npm package in wasm/dist). Emscripten's optimizer needs acorn from Debian.
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
if [ ! -f build/wasm/CMakeCache.txt ]; then
  log "configuring WASM build"
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=MinSizeRel >/dev/null 2>&1
fi
build WASM build/wasm

# The widget downloads the engine: always show what it weighs.
node -e 'const s=require("./wasm/dist/size.json");for(const[n,v]of Object.entries(s))console.log(`[setup] ${n}: ${(v.raw/1024).toFixed(1)} KiB raw, ${(v.gzip/1024).toFixed(1)} KiB gzip`)'
