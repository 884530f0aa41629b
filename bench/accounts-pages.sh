#!/usr/bin/env bash
# Paged accounts with 10,000 accounts under one connector: what the connector page and the account
# list API send and how long they take, on the real `flows serve` over HTTP.
#   - seeds COUNT (10,000) Salesforce.com accounts through the store in process
#     (`Flows.Benchmarks seed-accounts`), every hundredth labelled "Billing …";
#   - times with curl (RUNS requests after WARMUP, median and slowest, bytes of the answer):
#     the connector page, the connector page searched (?find=billing), GET /api/accounts (first page,
#     100), GET /api/accounts?labelContains=billing (a filtered page) and ?limit=500 (the largest page);
#   - with OLD=<a flows.dll built from before paging>, the same requests against that build on the
#     same data directory: its connector page and its /api/accounts send every account.
# Exits 2 on a setup error or an answer that is not 200.
#
# Usage: bench/accounts-pages.sh   (COUNT=10000 RUNS=20 WARMUP=3 OLD=/path/to/old/flows.dll may be set)
# Needs curl.
set -euo pipefail

COUNT=${COUNT:-10000}
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
OLD=${OLD:-}
repo=$(cd "$(dirname "$0")/.." && pwd)
flows="$repo/host/Flows.Cli/bin/Release/net10.0/flows.dll"
benchmarks="$repo/tests/Flows.Benchmarks/bin/Release/net10.0/Flows.Benchmarks.dll"
connector=/connectors/flows.salesforce

setup_error() {
  echo "setup error: $*" >&2
  exit 2
}

command -v curl >/dev/null || setup_error "curl is not installed"
[[ -z $OLD || -f $OLD ]] || setup_error "OLD=$OLD is not a file"

work=$(mktemp -d -t flows-pages-bench-XXXXXX)
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

mkdir -p "$work/home"
seed=$(dotnet "$benchmarks" seed-accounts --home "$work/home" --count "$COUNT") || setup_error "seeding failed"
echo "$seed"

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

start_server() {
  FLOWS_HOME="$work/home" dotnet "$1" serve --urls "$base" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then
      return
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; server_pid=; setup_error "flows serve exited"; }
    sleep 0.25
  done
  setup_error "$base/healthz does not answer"
}

# Prints "median_ms slowest_ms bytes" of RUNS GETs of a path (after WARMUP uncounted ones).
measure() {
  local path=$1 i out code bytes
  local times=()
  for i in $(seq 1 $((WARMUP + RUNS))); do
    out=$(curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_total}' "$base$path") || setup_error "GET $path failed"
    read -r code bytes seconds <<<"$out"
    [[ $code == 200 ]] || setup_error "GET $path answered $code"
    (( i > WARMUP )) && times+=("$seconds")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v b="$bytes" '{ v[NR] = $1 * 1000 } END { printf "%.1f %.1f %d\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[NR], b }'
}

report() {
  local build=$1 name=$2 path=$3 result
  result=$(measure "$path")
  read -r median slowest bytes <<<"$result"
  printf '%-6s %-58s %10s %10s %12s\n' "$build" "$name" "$median" "$slowest" "$bytes"
}

printf '%-6s %-58s %10s %10s %12s\n' build request "median ms" "max ms" bytes
start_server "$flows"
# The answers must be what is claimed: a page of 100 with a next link, the billing accounts only.
links=$(curl -sS -D - -o "$work/first.json" "$base/api/accounts" | grep -ci '^link: <' || true)
[[ $links == 1 ]] || setup_error "GET /api/accounts gave no Link rel=next with $COUNT accounts"
report new "GET $connector" "$connector"
report new "GET $connector?find=billing" "$connector?find=billing"
report new "GET /api/accounts (first page: 100)" "/api/accounts"
report new "GET /api/accounts?labelContains=billing (limit 100)" "/api/accounts?labelContains=billing"
report new "GET /api/accounts?limit=500" "/api/accounts?limit=500"
stop_server

if [[ -n $OLD ]]; then
  start_server "$OLD"
  report old "GET $connector (every account in the dropdown)" "$connector"
  report old "GET /api/accounts (every account)" "/api/accounts"
  stop_server
fi
