#!/usr/bin/env bash
# The full test command (`npm test`): npm dependencies, type check, ESLint (which also enforces that
# src/core and src/server never import vscode), build, unit tests, then the integration suite in a
# real VS Code, from the source tree and from the installed .vsix (scripts/vscode-test.sh).
# Every step runs even after an earlier one failed (except the VS Code suite, which needs the
# build); the exit status is non-zero when any step failed. CNPG_TEST_SKIP_VSCODE=1 leaves out the
# VS Code suite for a quick local run (CI never sets it).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

LOG_DIR=$(mktemp -d)
trap 'rm -rf "$LOG_DIR"' EXIT
FAILED_STEPS=()
START=$SECONDS

# Runs a named step, keeps its output for the summary and records a failure.
step() {
  local name=$1
  shift
  local t0=$SECONDS
  echo
  echo "==> $name"
  if "$@" 2>&1 | tee "$LOG_DIR/$name.log"; then
    echo "<== $name: ok ($((SECONDS - t0)) s)"
  else
    echo "<== $name: FAILED ($((SECONDS - t0)) s)"
    FAILED_STEPS+=("$name")
    return 1
  fi
}

# npm ci when node_modules is missing or older than the lock file.
deps_stale() {
  [ ! -d node_modules ] || [ ! -e node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]
}
if deps_stale; then
  step npm-ci npm ci --no-audit --no-fund || exit 1
fi

step typecheck npx --no-install tsc --noEmit -p .
step eslint npx --no-install eslint src test scripts
if step build node scripts/build.mjs; then BUILT=1; else BUILT=0; fi
step unit npx --no-install mocha
if [ -n "${CNPG_TEST_SKIP_VSCODE:-}" ]; then
  echo "==> vscode: skipped (CNPG_TEST_SKIP_VSCODE is set)"
elif [ "$BUILT" = 1 ]; then
  step vscode bash scripts/vscode-test.sh
else
  echo "==> vscode: skipped (the build failed)"
  FAILED_STEPS+=(vscode)
fi

# One plain line for people and CI logs: tests passed and failed across unit and VS Code runs.
last_count() { grep -oE "^\s*[0-9]+ $1" "$2" 2>/dev/null | awk '{n=$1} END {print n+0}'; }
vscode_count() { grep -oE '^vscode-test: [a-z]+: [0-9]+ passing, [0-9]+ failing' "$LOG_DIR/vscode.log" 2>/dev/null | awk -v f="$1" '{s+=$f} END {print s+0}'; }
passed=$(($(last_count passing "$LOG_DIR/unit.log") + $(vscode_count 3)))
failed=$(($(last_count failing "$LOG_DIR/unit.log") + $(vscode_count 5)))
echo
echo "test-all: $((SECONDS - START)) s"
if [ ${#FAILED_STEPS[@]} -gt 0 ]; then
  echo "test-all: failed steps: ${FAILED_STEPS[*]}"
fi
echo "$passed passed, $failed failed"
[ ${#FAILED_STEPS[@]} -eq 0 ]
