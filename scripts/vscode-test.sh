#!/usr/bin/env bash
# Runs the integration suite (test/vscode) inside a real VS Code, offline.
#
# @vscode/test-electron needs to download VS Code, which this machine cannot reach, so the suite runs
# in code-server (VS Code 1.100.3 from npm) driven by Debian's Chromium through playwright-core. The
# browser workbench loads the extension and runs the mocha suite in code-server's Node extension
# host, exactly as VS Code's own browser integration tests do (see scripts/run-vscode-tests.mjs).
#
# Usage: scripts/vscode-test.sh [--dev-only | --installed-only | --tools-only | --compile-only]
#   (default)         package the .vsix, then run the suite from the source tree and then the
#                     smoke suite against the .vsix installed into the test VS Code
#   --dev-only        only the suite from the source tree (extensionDevelopmentPath)
#   --installed-only  only the installed-.vsix run (packages first)
#   --tools-only      install the system packages and the cached tools, nothing else
#   --compile-only    compile the suite and test/runElectron.ts into out/test/
# Environment: VSCODE_TEST_SCREENSHOT=<png> keeps a picture of the final state of the main run;
#   VSCODE_TEST_TIMEOUT=<seconds> bounds each run (default 300); VSCODE_TEST_TOOLS=<dir> moves the
#   tool cache (default .vscode-test-offline/, git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
MODE=${1:-all}
case "$MODE" in all | --dev-only | --installed-only | --tools-only | --compile-only) ;; *)
  echo "usage: $0 [--dev-only | --installed-only | --tools-only | --compile-only]" >&2
  exit 2
  ;;
esac

CODE_SERVER_VERSION=4.100.3 # VS Code 1.100.3: the newest line that runs on Node 20
PLAYWRIGHT_VERSION=1.65.1
RIPGREP_CACHE_VERSION=1.15.11 # the @vscode/ripgrep that code-server 4.100.3 pulls in
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
TOOLS=${VSCODE_TEST_TOOLS:-$ROOT/.vscode-test-offline}
STAMP="$TOOLS/.installed-code-server-$CODE_SERVER_VERSION-playwright-$PLAYWRIGHT_VERSION"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Chromium drives the workbench; code-server's native modules (node-pty, kerberos, argon2) compile
# from source, which needs a compiler, python3 and the gssapi headers; ripgrep replaces the binary
# @vscode/ripgrep would download from GitHub.
ensure_system_packages() {
  local missing=() t0=$SECONDS
  command -v chromium >/dev/null || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  [ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
  { command -v make >/dev/null && command -v g++ >/dev/null; } || missing+=(build-essential)
  command -v python3 >/dev/null || missing+=(python3)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "vscode-test: installing ${missing[*]} with apt-get"
  if [ -z "${CNPG_APT_UPDATED:-}" ]; then as_root apt-get update -qq && export CNPG_APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "vscode-test: system packages installed in $((SECONDS - t0)) s"
}

ensure_tools() {
  [ -e "$STAMP" ] && [ -x "$TOOLS/node_modules/.bin/code-server" ] && return 0
  local t0=$SECONDS
  echo "vscode-test: installing code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_VERSION into $TOOLS (one time, about a minute)"
  rm -rf "$TOOLS"
  mkdir -p "$TOOLS"
  echo '{"private":true,"description":"Tools for scripts/vscode-test.sh; safe to delete."}' >"$TOOLS/package.json"
  # Seed @vscode/ripgrep's download cache with Debian's rg so its postinstall needs no GitHub.
  local rg_tmp cache
  rg_tmp=$(mktemp -d)
  cp "$(command -v rg)" "$rg_tmp/rg"
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
  mkdir -p "$cache"
  tar czf "$cache/$RIPGREP_ASSET" -C "$rg_tmp" rg
  rm -rf "$rg_tmp"
  # The running Node's own headers for the native builds (node-gyp would download them);
  # unsafe_perm lets code-server's postinstall run as root; yes=true lets node-pty's
  # `npx node-gyp` run when the user npmrc says yes=false.
  local prefix
  prefix=$(node -p 'require("path").resolve(process.execPath, "..", "..")')
  if [ -e "$prefix/include/node/node_api.h" ]; then export npm_config_nodedir="$prefix"; fi
  (cd "$TOOLS" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION")
  touch "$STAMP"
  echo "vscode-test: tools installed in $((SECONDS - t0)) s"
}

run() { node scripts/run-vscode-tests.mjs "$@"; }

if [ "$MODE" = --compile-only ]; then
  run compile
  exit 0
fi
ensure_system_packages
ensure_tools
[ "$MODE" = --tools-only ] && exit 0

VSIX=""
if [ "$MODE" != --dev-only ]; then
  # Packaging rebuilds dist/ for production; the development build below replaces it again.
  pack_log=$(mktemp)
  node scripts/package.mjs --print-path | tee "$pack_log"
  VSIX=$(tail -n 1 "$pack_log")
  rm -f "$pack_log"
fi
status=0
if [ "$MODE" != --installed-only ]; then
  node scripts/build.mjs
  run dev ${VSCODE_TEST_SCREENSHOT:+--screenshot "$VSCODE_TEST_SCREENSHOT"} || status=1
fi
# The installed run also goes ahead after a failed main run: each keeps its own failure artifacts.
if [ -n "$VSIX" ]; then
  run installed --vsix "$VSIX" || status=1
fi
exit "$status"
