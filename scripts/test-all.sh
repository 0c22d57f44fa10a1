#!/usr/bin/env bash
# The one test command (README, .ci/run): typecheck, engine tests on PGlite in Node,
# then the built site in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
echo "== typecheck"; npm run -s typecheck
echo "== unit + integration (vitest, PGlite in Node)"; npx vitest run
echo "== build"; npm run -s build
echo "== e2e (Playwright, Debian chromium)"; npm run -s test:e2e
