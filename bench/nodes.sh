#!/usr/bin/env bash
# Creates per second on a PostgreSQL store: one `flows serve` node against three nodes on the same
# database, measured side by side in one run (ROUNDS rounds, alternating). Each node is the real
# server on loopback with its own data directory; wrk posts Apply of a Salesforce account with a
# unique label (bench/web.lua "create") for DURATION: with one node, CONNECTIONS connections to it;
# with three, the same number of connections spread over the three (one wrk per node, rates summed).
# The database is a throwaway cluster (initdb, pg_ctl on a free loopback port; fsync on, as in
# production). Exits 2 on a setup error or when any request failed.
#
# Usage: bench/nodes.sh   (ROUNDS=3 DURATION=10s WARMUP=3s CONNECTIONS=9 may be overridden)
# Needs PostgreSQL's server binaries (Debian: postgresql), wrk and curl; installs wrk/postgresql with
# apt-get when missing and running as root.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-9}
repo=$(cd "$(dirname "$0")/.." && pwd)
flows="$repo/host/Flows.Cli/bin/Release/net10.0/flows"
lua="$repo/bench/web.lua"

setup_error() { echo "setup error: $*" >&2; exit 2; }

if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null 2>&1 || true
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt-get install -y -qq postgresql >/dev/null 2>&1 || true
fi
command -v wrk >/dev/null || setup_error "wrk is not installed"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$pgbin/initdb" ]] || setup_error "PostgreSQL's initdb is not installed"
dotnet build "$repo/host/Flows.Cli" -c Release -nologo -v q >/dev/null || setup_error "build failed"

work=$(mktemp -d -t flows-nodes-bench-XXXXXX)
chmod 755 "$work"
pids=()
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# The database.
pgport=$(free_port)
mkdir -p "$work/pg"
[[ $(id -u) == 0 ]] && chown postgres:postgres "$work/pg"
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nmax_connections = 100\n" "$pgport" "$work/pg" >> "$work/pg/postgresql.conf"
as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w start >/dev/null
as_pg "$pgbin/psql" -h "$work/pg" -p "$pgport" -U postgres -q -c "CREATE DATABASE flows" >/dev/null
store="postgres://postgres@127.0.0.1:$pgport/flows"
key=$(head -c 32 /dev/urandom | base64)

start_node() { # prints the node's base URL
  local port home
  port=$(free_port)
  home="$work/node-$port"
  mkdir -p "$home"
  FLOWS_HOME=$home FLOWS_STORE=$store FLOWS_SECRET_KEY=$key "$flows" serve --urls "http://127.0.0.1:$port" >"$home/out.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null 2>&1 && { echo "http://127.0.0.1:$port"; return; }
    sleep 0.2
  done
  setup_error "a node did not become ready: $(cat "$home/out.log")"
}

nodes=("$(start_node)" "$(start_node)" "$(start_node)")

run_wrk() { # url connections duration prefix -> rate
  local line
  line=$(wrk -t1 -c"$2" -d"$3" -s "$lua" "$1" -- create "$4" | grep '^web-lua requests=')
  if ! grep -q ' non2xx=0 socket_errors=0 ' <<<"$line"; then
    echo "requests failed: $line" >&2
    exit 2
  fi
  sed -E 's/.* rate=([0-9.]+).*/\1/' <<<"$line"
}

one_node() { run_wrk "${nodes[0]}" "$CONNECTIONS" "$1" "$2"; }

three_nodes() {
  local per=$((CONNECTIONS / 3)) i files=()
  for i in 0 1 2; do
    run_wrk "${nodes[$i]}" "$per" "$1" "$2-n$i" >"$work/rate-$i" &
    files+=("$work/rate-$i")
  done
  wait
  cat "${files[@]}" | awk '{ s += $1 } END { printf "%.1f\n", s }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

one_node "$WARMUP" warm1 >/dev/null
three_nodes "$WARMUP" warm3 >/dev/null
ones=() threes=()
echo "creates/s on one PostgreSQL database: $ROUNDS rounds, $DURATION each, $CONNECTIONS connections in all"
printf '%-6s %12s %12s\n' round "1 node" "3 nodes"
for ((round = 1; round <= ROUNDS; round++)); do
  if ((round % 2)); then
    o=$(one_node "$DURATION" "one-r$round"); t=$(three_nodes "$DURATION" "three-r$round")
  else
    t=$(three_nodes "$DURATION" "three-r$round"); o=$(one_node "$DURATION" "one-r$round")
  fi
  ones+=("$o") threes+=("$t")
  printf '%-6s %12s %12s\n' "$round" "$o" "$t"
done
mo=$(printf '%s\n' "${ones[@]}" | median)
mt=$(printf '%s\n' "${threes[@]}" | median)
printf '%-6s %12s %12s   (3 nodes / 1 node = %s)\n' median "$mo" "$mt" "$(awk -v a="$mt" -v b="$mo" 'BEGIN { printf "%.2fx", a / b }')"
accounts=$(as_pg "$pgbin/psql" -h "$work/pg" -p "$pgport" -U postgres -d flows -tAc "SELECT count(*) FROM accounts")
echo "accounts in the database: $accounts (every 201 is one)"
