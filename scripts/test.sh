#!/usr/bin/env bash
# ./edp test: type check, API reports, config files, lint, every package's unit tests, the install into stock apps
# (scripts/install-check: both Backstage lines), the browser suite in headless Chromium,
# then the secret scan (scripts/secret-scan) over the frontend config and what the browser suite captured.
# Ends with one line `N passed, N failed` counting every test (unit and browser; a failed type check, config
# check, API report, changelog and catalog-entry check, repository-boundary check, golden-path content check, format check, stock-app install or lint counts as one failure) and exits non-zero when anything failed.
#   --skip-e2e   unit stages only        --only-e2e   browser suite only
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"
cd "$EDP_ROOT"

run_unit=1 run_e2e=1
for arg in "$@"; do
  case "$arg" in
    --skip-e2e) run_e2e=0 ;;
    --only-e2e) run_unit=0 ;;
    *) echo "usage: ./edp test [--skip-e2e|--only-e2e]" >&2; exit 2 ;;
  esac
done

edp_ensure_node || exit 1
edp_ensure_deps || exit 1
results="$EDP_ROOT/e2e-results"
mkdir -p "$results"
passed=0 failed=0
stage() { printf '\n=== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }
count_json() { # file -> "passed failed" from a Jest or Playwright JSON report
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    if (r.stats) console.log(r.stats.expected, r.stats.unexpected + (r.stats.flaky || 0));
    else console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites || 0));
  ' "$1" 2>/dev/null || echo "0 1"
}

if [ $run_unit -eq 1 ]; then
  stage "type check"
  if yarn tsc; then echo "type check passed"; else echo "type check FAILED"; failed=$((failed + 1)); fi

  stage "API reports, changelogs and catalog entries"
  # Each published package's public API (the declarations the type check just wrote to dist-types) must match
  # its checked-in report*.api.md, as in Backstage's own repositories: an API change is seen in review.
  # Each also keeps a catalog-info.yaml and a CHANGELOG.md whose newest entry is its version.
  if yarn build:api-reports:only --ci; then echo "API reports passed"
  else
    echo "API reports FAILED: run 'yarn build:api-reports' and commit the changed report*.api.md files"; failed=$((failed + 1))
  fi
  if node --test scripts/package-habits/*.test.js >/dev/null; then echo "changelogs and catalog entries passed"
  else
    node --test scripts/package-habits/*.test.js 2>&1 | grep -E '^not ok' || true
    echo "changelogs and catalog entries FAILED"; failed=$((failed + 1))
  fi

  stage "config files"
  # Every shipped app-config parses, and each portal setup passes the config schemas of all packages
  # (--lax: the production file reads its values from environment variables).
  if node scripts/check-config-files.js app-config*.yaml &&
    yarn backstage-cli config:check --lax --config app-config.yaml --config app-config.sandbox.yaml &&
    yarn backstage-cli config:check --lax --config app-config.yaml --config app-config.production.yaml; then
    echo "config files passed"
  else
    echo "config files FAILED"; failed=$((failed + 1))
  fi

  stage "repository boundary"
  # Nothing may read outside the clone: a user's clone has no folder beside it.
  if node --test scripts/*.test.js >/dev/null && node scripts/check-repo-boundary.js; then
    echo "repository boundary passed"
  else
    node --test scripts/*.test.js 2>&1 | grep -E '^not ok|error:' || true
    echo "repository boundary FAILED"; failed=$((failed + 1))
  fi

  stage "golden-path content"
  # The templates, stacks and Terraform modules a platform engineer takes from this repository are
  # where the README says, every template asks only for stacks, modules and actions that exist, and a
  # portal reads the templates and stacks by URL from a Forgejo copy of it (the sandbox's, on a free port).
  if node --test scripts/golden-paths/*.test.js >/dev/null; then echo "golden-path content passed"
  else
    node --test scripts/golden-paths/*.test.js 2>&1 | grep -E '^not ok|error:' || true
    echo "golden-path content FAILED"; failed=$((failed + 1))
  fi

  stage "format"
  if yarn prettier --check . >/dev/null; then echo "format passed (prettier --check .)"
  else
    yarn prettier --list-different . || true
    echo "format FAILED: the files above need 'yarn prettier --write .'"; failed=$((failed + 1))
  fi

  stage "lint"
  if yarn backstage-cli repo lint; then echo "lint passed"; else echo "lint FAILED"; failed=$((failed + 1)); fi

  stage "unit tests"
  rm -f "$results/unit.json"
  CI=true yarn backstage-cli repo test --json --outputFile="$results/unit.json"
  read -r p f < <(count_json "$results/unit.json")
  echo "unit tests: $p passed, $f failed"
  passed=$((passed + p)) failed=$((failed + f))

  stage "installs into a stock app"
  # What a platform engineer does with our packages: pack them, install the tarballs into a stock app of
  # our Backstage release and of the newest one as the READMEs say, type-check, start the backend against
  # the sandbox (ports 7200-7219), build the frontend. Lists each check (scripts/install-check/run.sh).
  if bash scripts/install-check/run.sh --no-tsc; then echo "stock app install passed"
  else echo "stock app install FAILED"; failed=$((failed + 1)); fi
fi

ensure_chromium() {
  [ -x "${EDP_CHROMIUM:-/usr/bin/chromium}" ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "edp: installing Debian's chromium for the browser tests (one-off)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) && return 0
  fi
  echo "edp: the browser tests need Chromium at /usr/bin/chromium. Install it with 'sudo apt-get install chromium'," >&2
  echo "     or point EDP_CHROMIUM at a Chromium binary, or run './edp test --skip-e2e'." >&2
  return 1
}

if [ $run_e2e -eq 1 ]; then
  # The portal on the legacy frontend system (packages/app-legacy, our legacy exports only): built here,
  # then tests/legacyApp.spec.ts serves the build on :3001 against the suite's backend, no second one.
  stage "legacy app build"
  if (cd packages/app-legacy && yarn build >/dev/null); then echo "legacy app build passed"
  else
    rm -rf packages/app-legacy/dist # no stale build for the spec to pass on
    echo "legacy app build FAILED"; failed=$((failed + 1))
  fi

  stage "browser tests"
  if ! ensure_chromium; then
    failed=$((failed + 1))
  elif ! edp_check_ports 3001 7007 7100 7101 7102 7111 7112 7113 7114; then
    echo "edp: the browser suite needs these ports free (is './edp start' running?)" >&2
    failed=$((failed + 1))
  elif ! (cd packages/app && yarn backstage-cli package build); then
    echo "app build FAILED"
    failed=$((failed + 1))
  else
    rm -f "$results/results.json"
    # The lock keeps two browser runs on one machine from fighting over the fixed ports.
    flock /tmp/edp-e2e.lock node "$(ls .yarn/releases/yarn-*.cjs | tail -n 1)" playwright test --config e2e/playwright.config.ts
    read -r p f < <(count_json "$results/results.json")
    echo "browser tests: $p passed, $f failed (screenshots in e2e-results/screenshots)"
    passed=$((passed + p)) failed=$((failed + f))

    # The golden paths once more on ./edp start --scale's layout (PostgreSQL, Redis, two replicas
    # behind HAProxy; Debian's postgresql, redis-server and haproxy, installed when root): 2-3 min.
    stage "browser tests on --scale"
    rm -f "$results/results-scale.json"
    if edp_check_ports 7007 "${EDP_SCALE_PORTS[@]}"; then
      flock /tmp/edp-e2e.lock node "$(ls .yarn/releases/yarn-*.cjs | tail -n 1)" playwright test --config e2e/playwright.scale.config.ts
    fi
    read -r p f < <(count_json "$results/results-scale.json")
    echo "browser tests on --scale: $p passed, $f failed"
    passed=$((passed + p)) failed=$((failed + f))
  fi
fi

stage "secret scan"
# No credential of the sandbox or the app-config files (plain or base64) in what the browser receives as
# config, nor in a card response or task log the browser suite saved (e2e-results/captured, failed runs too).
scan_targets=()
[ $run_e2e -eq 1 ] && scan_targets+=("$results/captured")
if node --test scripts/secret-scan/*.test.js >/dev/null && node scripts/secret-scan/scan.js --config-print "${scan_targets[@]}"; then
  echo "secret scan passed"
else
  node --test scripts/secret-scan/*.test.js 2>&1 | grep -E '^not ok' || true
  echo "secret scan FAILED"; failed=$((failed + 1))
fi

echo ""
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
