#!/usr/bin/env bash
# `npm start`, the main job: install dependencies if needed, build, package the .vsix, then run the
# linter CLI on examples/ and print what it finds. Findings (even errors, exit 1) are the point of
# the run and do not fail it; a failed build or package, or a CLI crash or usage error, does.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [ ! -d node_modules ] || [ ! -e node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
node scripts/build.mjs
node scripts/package.mjs

echo
echo "==> cnpg-tools lint examples/"
status=0
node dist/cli.js lint examples || status=$?
case "$status" in
  0) echo "start: the examples are clean." ;;
  1) echo "start: the linter reported errors in the examples (shown above); that is what this run demonstrates." ;;
  *) echo "start: the linter failed (exit $status)" >&2; exit "$status" ;;
esac
