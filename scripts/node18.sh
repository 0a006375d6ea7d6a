#!/usr/bin/env bash
# Debian 12 ships Node 18.20, and that is what a user's fresh machine gets from apt, while
# many machines (this project's CI among them) run a newer Node. So that the Node suites hold
# on both, this unpacks Debian's own nodejs 18 build into a folder (nothing is installed
# system-wide, the Node on PATH is untouched) and writes the path of a `node` that runs it
# to <dir>/path. It writes an empty path, and the suites run once, when the Node on PATH is
# itself 18 or when no Debian Node 18 is to be had (not a Debian 12 machine).
#   scripts/node18.sh build/node18
set -euo pipefail
DIR="$1"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
note() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if [ "$(node -p 'process.versions.node.split(".")[0]')" = 18 ]; then
  : >"$DIR/path"
  exit 0
fi
if [ -x "$DIR/root/usr/bin/node" ] && [ -x "$DIR/node" ] && "$DIR/node" -e '' 2>/dev/null; then
  echo "$DIR/node" >"$DIR/path"
  exit 0
fi
command -v apt-cache >/dev/null || { note "no apt: the Node suites run on $(node --version) only"; : >"$DIR/path"; exit 0; }
version="$(apt-cache madison nodejs 2>/dev/null | awk '$3 ~ /^18\./ { print $3; exit }')"
if [ -z "$version" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  version="$(apt-cache madison nodejs 2>/dev/null | awk '$3 ~ /^18\./ { print $3; exit }')"
fi
if [ -z "$version" ]; then
  note "Debian offers no Node 18 here: the Node suites run on $(node --version) only"
  : >"$DIR/path"
  exit 0
fi
note "unpacking Debian's nodejs $version into $DIR, to run the Node suites on Node 18 too"
rm -rf "$DIR/debs" "$DIR/root"
mkdir -p "$DIR/debs" "$DIR/root"
# apt-get download writes into the current folder; as root it warns that the _apt user
# cannot write there, which is harmless.
(cd "$DIR/debs" && apt-get download -qq "nodejs=$version" "libnode108=$version" 2>&1 | grep -v 'unsandboxed' || true)
for deb in "$DIR"/debs/*.deb; do dpkg-deb -x "$deb" "$DIR/root"; done
# Debian's Node 18 loads undici (fetch) and cjs-module-lexer from /usr/share/nodejs: setup
# installs node-undici and node-cjs-module-lexer for that.
libdir="$(dirname "$(find "$DIR/root" -name 'libnode.so.*' | head -n 1)")"
cat >"$DIR/node" <<EOF
#!/bin/sh
LD_LIBRARY_PATH="$libdir\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec "$DIR/root/usr/bin/node" "\$@"
EOF
chmod +x "$DIR/node"
"$DIR/node" -e 'if (!process.version.startsWith("v18.")) process.exit(1)'
echo "$DIR/node" >"$DIR/path"
