#!/usr/bin/env bash
# The issue's two speed goals for `flows serve`, measured against the real server over HTTP, with
# both sides of each ratio taken in the same run:
#   1. the Salesforce account form page (GET /connectors/flows.salesforce/new/salesforce.standard,
#      a fresh antiforgery token in every answer) at >= FORM_MIN (0.30) of the request rate of
#      GET /healthz on the same server;
#   2. creating an account through the API (POST /api/accounts, Apply: schema check + encryption +
#      durable SQLite commit) at >= API_MIN (0.80) of the account store's own save rate
#      (AccountStore.SaveAsync in process, `Flows.Benchmarks store-rate`, with as many concurrent
#      callers as wrk has connections).
# The in-process rate of AccountService.ApplyAsync (the API's work minus HTTP and JSON) is printed too.
# Exits 1 when a ratio misses its goal, 2 on a setup error or when any request failed under load
# (a non-2xx answer or a socket error makes the figures meaningless).
#
# Usage: bench/web.sh   (ROUNDS=3 DURATION=10s WARMUP=3s THREADS=2 CONNECTIONS=8 FORM_MIN=0.30 API_MIN=0.80
#                        may be overridden; DURATION and WARMUP take wrk's units: 500ms, 10s, 1m)
# Needs wrk (installs it with apt-get when missing and running as root) and curl.
set -euo pipefail

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
ROUNDS=${ROUNDS:-3}
FORM_MIN=${FORM_MIN:-0.30}
API_MIN=${API_MIN:-0.80}
repo=$(cd "$(dirname "$0")/.." && pwd)
flows="$repo/host/Flows.Cli/bin/Release/net10.0/flows.dll"
benchmarks="$repo/tests/Flows.Benchmarks/bin/Release/net10.0/Flows.Benchmarks.dll"
lua="$repo/bench/web.lua"
form_path=/connectors/flows.salesforce/new/salesforce.standard

setup_error() {
  echo "setup error: $*" >&2
  exit 2
}

# wrk's duration units as seconds, for store-rate.
seconds_of() {
  awk -v d="$1" 'BEGIN {
    if (d ~ /^[0-9.]+ms$/) { sub(/ms$/, "", d); print d / 1000; exit }
    if (d ~ /^[0-9.]+s?$/) { sub(/s$/, "", d); print d; exit }
    if (d ~ /^[0-9.]+m$/)  { sub(/m$/, "", d); print d * 60; exit }
    if (d ~ /^[0-9.]+h$/)  { sub(/h$/, "", d); print d * 3600; exit }
    exit 1 }'
}
duration_s=$(seconds_of "$DURATION") || setup_error "DURATION=$DURATION is not a duration (e.g. 10s)"
warmup_s=$(seconds_of "$WARMUP") || setup_error "WARMUP=$WARMUP is not a duration (e.g. 3s)"
(( CONNECTIONS >= THREADS && THREADS >= 1 )) || setup_error "need CONNECTIONS >= THREADS >= 1"

if ! command -v wrk >/dev/null && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; } >/dev/null 2>&1 || true
fi
command -v wrk >/dev/null || setup_error "wrk is not installed (apt-get install wrk)"
command -v curl >/dev/null || setup_error "curl is not installed"

work=$(mktemp -d -t flows-web-bench-XXXXXX)
server_pid=
stop_server() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

for project in host/Flows.Cli tests/Flows.Benchmarks; do
  dotnet build "$repo/$project" -c Release -nologo -v q >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; setup_error "building $project failed"; }
done

# A free loopback port: nothing answers on it now.
port=
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
[[ -n $port ]] || setup_error "no free port found"
base="http://127.0.0.1:$port"

# The real server on an empty data directory (only the bundled Salesforce plugin), no access token:
# on loopback the Host check is the only gate.
mkdir -p "$work/home"
FLOWS_HOME="$work/home" dotnet "$flows" serve --urls "$base" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; server_pid=; setup_error "flows serve exited"; }
  sleep 0.25
done
[[ $(curl -sS "$base/healthz") == ok ]] || { cat "$work/server.log" >&2; setup_error "$base/healthz does not answer ok"; }

# Benchmarking the wrong scenario is worse than none: the form page must be the real form with its
# token, and the API must create (201) the account the load will create.
form_status=$(curl -sS -D "$work/form.headers" -o "$work/form.html" -w '%{http_code}' "$base$form_path")
[[ $form_status == 200 ]] && grep -q 'name="__af"' "$work/form.html" && grep -qi '^set-cookie: flows_af=' "$work/form.headers" \
  || setup_error "GET $form_path answered $form_status without a form and antiforgery token"
api_status=$(curl -sS -o "$work/api.json" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary \
  '{"accountTypeId":"salesforce.standard","label":"bench-check","values":{"username":"u@example.com","password":"p","securityToken":"t","loginUrl":"https://login.salesforce.com/","sandbox":false},"validate":false}' \
  "$base/api/accounts")
[[ $api_status == 201 ]] || { cat "$work/api.json" >&2; echo >&2; setup_error "POST /api/accounts answered $api_status, not 201"; }

# Runs wrk (warm-up first, not counted) and prints "rate p50_ms p99_ms"; exits 2 on any error.
# Call it as `x=$(load ...)` (not in a pipe or <(...)), so that its exit ends the script.
# Optional third argument: a label prefix, for the API create case.
load() {
  local name=$1 url=$2 prefix=${3:-}
  local phase out duration line bad errors
  for phase in warmup run; do
    duration=$DURATION
    [[ $phase == warmup ]] && duration=$WARMUP
    # Arguments after `--` reach the Lua init(); the labels differ between the phases.
    local script_args=()
    [[ -n $prefix ]] && script_args=(-- create "$prefix-$phase")
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s -s "$lua" "$url" "${script_args[@]}") \
      || { echo "$out" >&2; setup_error "wrk failed on $name"; }
    line=$(grep '^web-lua requests=' <<<"$out") || { echo "$out" >&2; setup_error "no result from wrk on $name"; }
    bad=$(sed -E 's/.* non2xx=([0-9]+).*/\1/' <<<"$line")
    errors=$(sed -E 's/.* socket_errors=([0-9]+).*/\1/' <<<"$line")
    if [[ $bad != 0 || $errors != 0 ]]; then
      echo "$out" >&2
      echo "FAIL: $name ($phase): $bad answers outside 2xx, $errors socket errors; first bad answer: $(grep '^web-lua first_bad=' <<<"$out" | cut -d= -f2- || echo none)" >&2
      exit 2
    fi
  done
  sed -E 's/.* rate=([0-9.]+) .* p50_ms=([0-9.]+) p99_ms=([0-9.]+).*/\1 \2 \3/' <<<"$line"
}

echo "flows serve on $base: $ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS -d$DURATION per case (after a $WARMUP warm-up) and in-process saves with $CONNECTIONS concurrent callers for ${duration_s}s"
printf '%-6s %-62s %10s %9s %9s\n' round case "req/s" "p50 ms" "p99 ms"
form_ratios=() api_ratios=() apply_ratios=()
# The two sides of each ratio are measured back to back, round after round, so that a machine
# busier in one minute than the next moves both sides; the medians over the rounds are judged.
for round in $(seq 1 "$ROUNDS"); do
  health=$(load "GET /healthz" "$base/healthz")
  form=$(load "GET $form_path" "$base$form_path")
  api=$(load "POST /api/accounts" "$base/api/accounts" "bench-$$-r$round")
  read -r health_rate health_p50 health_p99 <<<"$health"
  read -r form_rate form_p50 form_p99 <<<"$form"
  read -r api_rate api_p50 api_p99 <<<"$api"
  # The server sits idle (no requests) while the store is measured alone.
  store_line=$(dotnet "$benchmarks" store-rate --seconds "$duration_s" --warmup "$warmup_s" --concurrency "$CONNECTIONS" --dir "$work") \
    || setup_error "store-rate failed"
  store_rate=$(sed -nE 's/^store-rate .*saves_per_second=([0-9.]+).*/\1/p' <<<"$store_line")
  apply_rate=$(sed -nE 's/^store-rate .*apply_per_second=([0-9.]+).*/\1/p' <<<"$store_line")
  [[ -n $store_rate && -n $apply_rate ]] || setup_error "unexpected store-rate output: $store_line"

  printf '%-6s %-62s %10s %9s %9s\n' "$round" "GET /healthz" "$health_rate" "$health_p50" "$health_p99"
  printf '%-6s %-62s %10s %9s %9s\n' "$round" "GET $form_path" "$form_rate" "$form_p50" "$form_p99"
  printf '%-6s %-62s %10s %9s %9s\n' "$round" "POST /api/accounts (Apply, validate=false)" "$api_rate" "$api_p50" "$api_p99"
  printf '%-6s %-62s %10s\n' "$round" "AccountStore.SaveAsync, in process" "$store_rate"
  printf '%-6s %-62s %10s\n' "$round" "AccountService.ApplyAsync, in process" "$apply_rate"
  form_ratios+=("$(awk -v a="$form_rate" -v b="$health_rate" 'BEGIN { printf "%.2f", a / b }')")
  api_ratios+=("$(awk -v a="$api_rate" -v b="$store_rate" 'BEGIN { printf "%.2f", a / b }')")
  apply_ratios+=("$(awk -v a="$api_rate" -v b="$apply_rate" 'BEGIN { printf "%.2f", a / b }')")
done
stop_server

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : sprintf("%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
form_ratio=$(median "${form_ratios[@]}")
api_ratio=$(median "${api_ratios[@]}")
apply_ratio=$(median "${apply_ratios[@]}")
echo "form page / healthz:              $form_ratio median of ${form_ratios[*]} (goal >= $FORM_MIN)"
echo "API create / store SaveAsync:     $api_ratio median of ${api_ratios[*]} (goal >= $API_MIN)"
echo "API create / in-process Apply:    $apply_ratio median of ${apply_ratios[*]} (for information)"

failed=0
if awk -v r="$form_ratio" -v min="$FORM_MIN" 'BEGIN { exit !(r < min) }'; then
  echo "FAIL: the form page serves ${form_ratio}x the rate of /healthz; the goal is at least ${FORM_MIN}x" >&2
  failed=1
fi
if awk -v r="$api_ratio" -v min="$API_MIN" 'BEGIN { exit !(r < min) }'; then
  echo "FAIL: creating through the API runs at ${api_ratio}x the store's own save rate; the goal is at least ${API_MIN}x" >&2
  failed=1
fi
exit "$failed"
