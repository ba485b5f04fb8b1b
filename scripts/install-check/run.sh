#!/usr/bin/env bash
# The "installs into a stock app" stage of ./edp test: does with our packages what a platform engineer
# does with published Backstage plugins, on two Backstage release lines:
#   1. builds every package (type declarations first) and packs each one with `yarn pack`;
#   2. creates a stock app with @backstage/create-app, installs the tarballs and wires them in as each
#      plugins/*/README.md says (scripts/install-check/wire.js reads the READMEs' Install sections);
#   3. checks: none of our packages brings its own copy of a @backstage package, the app type-checks,
#      the READMEs' config examples pass the packages' config schemas, the backend starts against the
#      sandbox, its scaffolder lists our actions, our card routes answer, the frontend builds.
# Lines: "ours" = the app of our Backstage release, locked to this repository's yarn.lock; "newest" =
# the same app with every @backstage/* dependency moved to its newest release (`yarn up '@backstage/*'`,
# what `backstage-cli versions:bump` does when the release manifest is reachable).
#   scripts/install-check/run.sh [--no-tsc|--no-build] [ours] [newest]     (default: both lines)
#   --no-tsc: `yarn tsc` just ran (./edp test's type check): build the packages from its dist-types
#   --no-build: pack what the last `yarn build` left in each package's dist/
# Ports 7200-7219 (EDP_INSTALL_CHECK_PORT_BASE moves them). Prints each check, then `N passed, N failed`.
# EDP_INSTALL_CHECK_KEEP=1 keeps the work folder (printed) for a look at the apps.
# The whole script is one block, read before it runs: editing the file during a run cannot derail it.
{
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../toolchain.sh"
cd "$EDP_ROOT" || exit 1
edp_ensure_node || exit 1

# @backstage/create-app 0.9.2 writes the app of Backstage 1.55.0 (backstage.json of this repository);
# it is also the newest create-app release the registry has, so both lines start from it. The newest line
# then gets the packages of the newest Backstage release (1.57, 2026-11-17 at the time of writing: cli
# 0.36.8, frontend-plugin-api 1.0.0, plugin-catalog-react 4.0.0, backend-plugin-api 1.12.0); the stage
# prints the versions each app ended up with.
CREATE_APP_VERSION=0.9.2
base="${EDP_INSTALL_CHECK_PORT_BASE:-7200}"
backend_port=$base
sandbox_ports=(--port admin=$((base + 1)) --port forgejo=$((base + 2)) --port kubernetes=$((base + 3))
  --port argocd-alpha=$((base + 11)) --port argocd-beta=$((base + 12)) --port argocd-gamma=$((base + 13))
  --port argocd-platform=$((base + 14)))
build=1 lines=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --no-tsc) build=2 ;;
    ours | newest) lines+=("$arg") ;;
    *) echo "usage: scripts/install-check/run.sh [--no-tsc|--no-build] [ours] [newest]" >&2; exit 2 ;;
  esac
done
[ ${#lines[@]} -eq 0 ] && lines=(ours newest)

work="$(mktemp -d "${TMPDIR:-/tmp}/edp-install-check.XXXXXX")"
passed=0 failed=0 pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null; done
  # Two apps' node_modules take a while to delete: in the background, so the stage ends when its checks do.
  [ "${EDP_INSTALL_CHECK_KEEP:-0}" = 1 ] && echo "install check: work folder kept: $work" || (rm -rf "$work" &)
}
trap cleanup EXIT
# Yarn for the apps: ours (the same release a stock app commits), one cache shared by both apps and
# by this repository, so a warm run downloads nothing. CI=true would make installs immutable.
yarn_release="$(ls "$EDP_ROOT"/.yarn/releases/yarn-*.cjs | tail -n 1)"
mkdir -p "$work/bin"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$yarn_release" >"$work/bin/yarn" && chmod +x "$work/bin/yarn"
export PATH="$work/bin:$PATH" YARN_ENABLE_IMMUTABLE_INSTALLS=false YARN_ENABLE_TELEMETRY=0 YARN_ENABLE_PROGRESS_BARS=0
elapsed() { echo "$(($(date +%s) - $1))s"; }
ok() { echo "  ok: $1"; passed=$((passed + 1)); }
fail() { echo "  FAILED: $1"; failed=$((failed + 1)); }
check() { # description, command...: runs the command with its output in the log file
  local what="$1" t0 log
  shift
  t0=$(date +%s) log="$work/log-$((passed + failed)).txt"
  if "$@" >"$log" 2>&1; then ok "$what ($(elapsed "$t0"))"; else
    fail "$what ($(elapsed "$t0")); last lines of its output:"
    tail -n 25 "$log" | sed 's/^/    /'
    return 1
  fi
}

echo "install check: packages"
[ -z "${EDP_INSTALL_CHECK_TARBALLS:-}" ] && check "no undeclared or unused dependency in plugins/* (yarn lint:deps: knip)" yarn lint:deps
if [ $build -eq 1 ]; then
  check "yarn build: type declarations (tsc), then every package (backstage-cli repo build)" yarn build || exit 1
elif [ $build -eq 2 ]; then
  check "every package builds from the type check's declarations (backstage-cli repo build)" yarn backstage-cli repo build || exit 1
fi
pack_all() { # every published package (plugins/*), a few at a time: each pack starts backstage-cli twice
  mkdir -p "$work/tarballs"
  yarn workspaces foreach --all --no-private --include '@edp/plugin-*' --parallel --jobs 3 \
    pack --out "$work/tarballs/%s.tgz" || return 1
  # name -> tarball, for wire.js and the apps' resolutions (yarn names @scope/x's file @scope-x.tgz)
  node -e '
    const fs = require("fs"); const dir = process.argv[1]; const out = {};
    for (const d of fs.readdirSync("plugins")) {
      if (!fs.existsSync(`plugins/${d}/package.json`)) continue;
      const pkg = JSON.parse(fs.readFileSync(`plugins/${d}/package.json`, "utf8"));
      if (pkg.private) continue;
      const file = `${dir}/${pkg.name.replace("/", "-")}.tgz`;
      if (!fs.existsSync(file)) { console.error(`${pkg.name} was not packed`); process.exit(1); }
      out[pkg.name] = file;
    }
    fs.writeFileSync(`${dir}.json`, JSON.stringify(out, null, 2));
  ' "$work/tarballs"
}
if [ -n "${EDP_INSTALL_CHECK_TARBALLS:-}" ]; then # a kept work folder's tarballs: iterate on the app steps
  cp -r "$EDP_INSTALL_CHECK_TARBALLS" "$work/tarballs" && sed "s|$EDP_INSTALL_CHECK_TARBALLS|$work/tarballs|" "$EDP_INSTALL_CHECK_TARBALLS.json" >"$work/tarballs.json"
else
  check "yarn pack in every package under plugins/" pack_all || exit 1
fi
echo "  packed: $(ls "$work/tarballs" | sed 's/\.tgz$//' | tr '\n' ' ')"

# The sandbox the apps' backends talk to, on this stage's own ports and data folder.
sandbox_config() { # the portal's sandbox config with this stage's ports and absolute paths
  node -e '
    const [file, base, root, entities] = process.argv.slice(1);
    const moved = { 7100: 1, 7101: 2, 7102: 3, 7111: 11, 7112: 12, 7113: 13, 7114: 14 };
    let text = require("fs").readFileSync(file, "utf8");
    text = text.replace(/\b(71\d\d)\b/g, p => (p in moved ? String(Number(base) + moved[p]) : p));
    text = text.split("../sandbox/").join(root + "/packages/sandbox/");
    // One component whose cards have something to show: the Forgejo stand-in\x27s platform/web-shop and
    // the ArgoCD application web-shop of instance alpha (entities.yaml beside this config).
    text = text.replace(/^catalog:\n/m, `catalog:\n  locations:\n    - type: file\n      target: ${entities}\n`);
    process.stdout.write(text);
  ' app-config.sandbox.yaml "$base" "$EDP_ROOT" "$work/entities.yaml"
  cat <<YAML
backend:
  baseUrl: http://localhost:$backend_port
  listen:
    port: $backend_port
YAML
}
sandbox_config >"$work/app-config.local.yaml"
cat >"$work/entities.yaml" <<'YAML'
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: edp-install-check
  annotations:
    forgejo.org/repo-slug: platform/web-shop
    argocd/app-name: web-shop
    argocd/instance-name: alpha
spec:
  type: website
  lifecycle: production
  owner: guests
YAML
source scripts/ports.sh
check "ports $base-$((base + 14)) are free" edp_check_ports $(seq "$base" $((base + 14))) || exit 1
# Its kubernetes HTTPS port (for kubectl; the portal uses HTTP) on a free port, not the browser suite's.
sed 's/^\(  *httpsPort:\).*/\1 0/' packages/sandbox/sandbox.yaml >"$work/sandbox.yaml"
EDP_SANDBOX_DATA_DIR="$work/sandbox-data" setsid node packages/sandbox/bin/sandbox start --config "$work/sandbox.yaml" \
  "${sandbox_ports[@]}" >"$work/sandbox.log" 2>&1 &
pids+=($!)

sandbox_ready() {
  local i
  for i in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$((base + 1))/ready" >/dev/null && return 0
    sleep 1
  done
  tail -n 20 "$work/sandbox.log"
  return 1
}
backend_up() { # waits for the backend's readiness, or its process to end
  local i
  for i in $(seq 1 240); do
    curl -sf "http://localhost:$backend_port/.backstage/health/v1/readiness" >/dev/null && return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}
guest_token() {
  curl -sf -H 'X-Requested-With: XMLHttpRequest' "http://localhost:$backend_port/api/auth/guest/refresh" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))'
}
actions_listed() {
  local token actions missing=0 id
  token="$(guest_token)" || return 1
  actions="$(curl -sf -H "Authorization: Bearer $token" "http://localhost:$backend_port/api/scaffolder/v2/actions")" || return 1
  for id in publish:forgejo edp:defaults:resolve edp:kubernetes:apply edp:stack:provision edp:argocd:application:create edp:terraform:run; do
    if grep -q "\"id\":\"$id\"" <<<"$actions"; then echo "listed: $id"; else echo "missing: $id"; missing=1; fi
  done
  return $missing
}
# A card route answers when our router replies with its own JSON: an entity that does not exist is a
# NotFoundError naming it (a route that is not mounted answers 404 without that body).
card_shows() { # route, text: the route answers 200 with the text (the catalog reads the entity file first)
  local token body i
  token="$(guest_token)" || return 1
  for i in $(seq 1 60); do
    body="$(curl -sf -H "Authorization: Bearer $token" "http://localhost:$backend_port$1")" && break
    sleep 1
  done
  echo "$1 -> $(head -c 600 <<<"$body")"
  grep -qF "$2" <<<"$body"
}
card_route_answers() {
  local token body
  token="$(guest_token)" || return 1
  body="$(curl -s -H "Authorization: Bearer $token" "http://localhost:$backend_port$1")"
  echo "$1 -> $body"
  grep -q 'NotFoundError' <<<"$body" && grep -qi 'component:default/no-such-component\|no-such-component' <<<"$body"
}
no_second_copies() { # no @backstage package installed a second time under one of ours
  local dup
  dup="$(cd "$1" && find node_modules/@edp/*/node_modules/@backstage packages/*/node_modules/@edp/*/node_modules/@backstage \
    -mindepth 1 -maxdepth 1 2>/dev/null)"
  [ -z "$dup" ] && return 0
  echo "second copies of @backstage packages under ours (a dependency range that excludes the app's version):"
  echo "$dup"
  return 1
}
sqlite_binding() { # this repository's better-sqlite3 build when the app has the same version, else its own
  local app="$1" ours theirs
  ours="$(node -p 'require("better-sqlite3/package.json").version')"
  theirs="$(cd "$app" && node -p 'require("better-sqlite3/package.json").version')" || return 1
  if [ "$ours" = "$theirs" ]; then
    echo "better-sqlite3 $theirs: this repository's build"
    cp -r node_modules/better-sqlite3/build "$app/node_modules/better-sqlite3/"
  else
    echo "better-sqlite3 $theirs (ours $ours): building it"
    (cd "$app" && node -e '
      const fs = require("fs"); const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
      delete pkg.dependenciesMeta["better-sqlite3"]; fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");
    ' && yarn install)
  fi
}
bundle_has() { # dir, strings...: each string is in one of the bundle's scripts
  local dir="$1" missing=0 word
  shift
  for word in "$@"; do
    if grep -rqF --include='*.js' "$word" "$dir"; then echo "found: $word"; else echo "missing: $word"; missing=1; fi
  done
  return $missing
}
backstage_versions() { # the Backstage versions the app ended up with
  (cd "$1" && node -e '
    const v = n => { try { return require(require.resolve(n + "/package.json", { paths: ["packages/app", "packages/backend"] })).version; } catch { return "-"; } };
    console.log(`backstage.json ${require("./backstage.json").version}; ` + ["@backstage/cli", "@backstage/frontend-plugin-api", "@backstage/plugin-catalog-react", "@backstage/backend-plugin-api", "@backstage/plugin-scaffolder-node"].map(n => `${n.replace("@backstage/", "")} ${v(n)}`).join(", "));
  ')
}

check_line() {
  local line="$1" app="$work/app-$1" t0 pid
  t0=$(date +%s)
  echo ""
  echo "install check: line '$line' ($(date +%H:%M:%S))"
  check "create a stock app with @backstage/create-app@$CREATE_APP_VERSION" \
    env BACKSTAGE_APP_NAME="stock-$line" npx --yes "@backstage/create-app@$CREATE_APP_VERSION" --path "$app" --skip-install || return
  # The tarballs stand in for the registry: our packages' dependencies on each other resolve to them.
  node -e '
    const [app, tarballs] = process.argv.slice(1); const fs = require("fs");
    const pkg = JSON.parse(fs.readFileSync(app + "/package.json", "utf8"));
    pkg.resolutions = { ...pkg.resolutions, ...Object.fromEntries(Object.entries(JSON.parse(fs.readFileSync(tarballs, "utf8"))).map(([n, f]) => [n, "file:" + f])) };
    // CI time: native builds that none of the checks loads are skipped, and better-sqlite3 (the
    // backend\x27s in-memory database) takes this repository\x27s build when the version is the same.
    pkg.dependenciesMeta = Object.fromEntries(["keytar", "tree-sitter", "cpu-features", "better-sqlite3"].map(n => [n, { built: false }]));
    fs.writeFileSync(app + "/package.json", JSON.stringify(pkg, null, 2) + "\n");
  ' "$app" "$work/tarballs.json"
  [ "$line" = ours ] && cp yarn.lock "$app/yarn.lock" # what create-app's yarn.lock seed does: stay on one release
  check "wire the packages in as plugins/*/README.md say" node scripts/install-check/wire.js "$app" "$work/tarballs.json" plugins/*/README.md || return
  sed 's/^/    /' "$work/log-$((passed + failed - 1)).txt"
  if [ "$line" = newest ]; then
    check "yarn up '@backstage/*' (every Backstage package to its newest release) and install" \
      bash -c "cd '$app' && yarn up '@backstage/*'" || return
  else
    check "yarn install" bash -c "cd '$app' && yarn install" || return
  fi
  check "better-sqlite3 built" sqlite_binding "$app" || return
  echo "  versions: $(backstage_versions "$app")"
  check "no second copy of a @backstage package under ours" no_second_copies "$app"
  check "the app type-checks (yarn tsc)" bash -c "cd '$app' && yarn tsc"
  check "the READMEs' config examples pass the config schemas (config:check --lax)" \
    bash -c "cd '$app' && yarn backstage-cli config:check --lax --config app-config.yaml $(cd "$app" && printf -- '--config %s ' app-config.readme-*.yaml)"
  cp "$work/app-config.local.yaml" "$app/app-config.local.yaml"
  (cd "$app/packages/backend" && exec setsid yarn start >"$work/backend-$line.log" 2>&1) &
  pid=$!
  pids+=($pid)
  if check "the backend starts against the sandbox (readiness on :$backend_port)" backend_up "$pid"; then
    check "the scaffolder lists our actions" actions_listed
    check "Forgejo card route answers (/api/forgejo)" card_route_answers /api/forgejo/entity/component/default/no-such-component/overview
    check "ArgoCD card route answers (/api/edp-argocd)" card_route_answers /api/edp-argocd/entity/component/default/no-such-component/overview
    check "the Forgejo card of a component shows its repository (platform/web-shop)" \
      card_shows /api/forgejo/entity/component/default/edp-install-check/overview web-shop
    check "the ArgoCD card of a component shows its application (web-shop on alpha)" \
      card_shows /api/edp-argocd/entity/component/default/edp-install-check/overview web-shop
    check "Terraform card route answers (/api/edp-terraform)" card_route_answers /api/edp-terraform/entity/component/default/no-such-component/state
  else
    tail -n 30 "$work/backend-$line.log" | sed 's/^/    /'
  fi
  kill -- -"$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  check "the frontend builds (yarn workspace app build)" bash -c "cd '$app' && yarn workspace app build" &&
    check "feature discovery put our plugins in the bundle (forgejo, edp-argocd, edp-terraform, EdpPlacement)" \
      bundle_has "$app/packages/app/dist/static" forgejo edp-argocd edp-terraform EdpPlacement
  echo "  line '$line' took $(elapsed "$t0")"
}

check "the sandbox answers on ports $((base + 1))-$((base + 14))" sandbox_ready || exit 1
for line in "${lines[@]}"; do check_line "$line"; done
echo ""
echo "install check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
exit
}
