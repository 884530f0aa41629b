#!/usr/bin/env bash
# Group commit, measured side by side in one run: with 8 concurrent callers (CONCURRENCY),
#   raw     - SQLite itself at one commit per row (BEGIN IMMEDIATE; INSERT; COMMIT per row, WAL,
#             synchronous=FULL, every writer on its own connection): `Flows.Benchmarks raw-sqlite-rate`;
#   alone   - AccountStore.SaveAsync with every save committed alone (--per-commit 1: the store as it
#             was before group commit);
#   grouped - AccountStore.SaveAsync as it is: the saves waiting together share one commit.
# ROUNDS rounds, the three cases back to back in each (alternating order), medians judged. The issue's
# goal: grouped >= 2x alone (the store's earlier figure) and grouped > raw. Exits 1 when missed, 2 on a
# setup error.
#
# Usage: bench/store-commit.sh   (ROUNDS=3 SECONDS_PER_CASE=8 CONCURRENCY=8 may be overridden)
set -euo pipefail

ROUNDS=${ROUNDS:-3}
SECONDS_PER_CASE=${SECONDS_PER_CASE:-8}
CONCURRENCY=${CONCURRENCY:-8}
repo=$(cd "$(dirname "$0")/.." && pwd)
benchmarks="$repo/tests/Flows.Benchmarks/bin/Release/net10.0/Flows.Benchmarks.dll"

dotnet build "$repo/tests/Flows.Benchmarks" -c Release -nologo -v q >/dev/null || { echo "setup error: build failed" >&2; exit 2; }

rate() { # prints the first number after "=" on the line: commits or saves per second
  dotnet "$benchmarks" "$@" --seconds "$SECONDS_PER_CASE" --concurrency "$CONCURRENCY" | sed -E 's/^[^=]*=([0-9.]+).*/\1/'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

raw=() alone=() grouped=()
echo "group commit: $ROUNDS rounds, $SECONDS_PER_CASE s per case, $CONCURRENCY concurrent writers"
printf '%-6s %12s %12s %12s\n' round raw/s alone/s grouped/s
for ((round = 1; round <= ROUNDS; round++)); do
  if ((round % 2)); then
    r=$(rate raw-sqlite-rate); a=$(rate store-rate --per-commit 1); g=$(rate store-rate)
  else
    g=$(rate store-rate); a=$(rate store-rate --per-commit 1); r=$(rate raw-sqlite-rate)
  fi
  raw+=("$r") alone+=("$a") grouped+=("$g")
  printf '%-6s %12s %12s %12s\n' "$round" "$r" "$a" "$g"
done

mr=$(printf '%s\n' "${raw[@]}" | median)
ma=$(printf '%s\n' "${alone[@]}" | median)
mg=$(printf '%s\n' "${grouped[@]}" | median)
printf '%-6s %12s %12s %12s\n' median "$mr" "$ma" "$mg"
ratio_alone=$(awk -v g="$mg" -v a="$ma" 'BEGIN { printf "%.2f", g / a }')
ratio_raw=$(awk -v g="$mg" -v r="$mr" 'BEGIN { printf "%.2f", g / r }')
echo "grouped / alone = ${ratio_alone}x (goal >= 2); grouped / raw = ${ratio_raw}x (goal > 1)"
awk -v a="$ratio_alone" -v r="$ratio_raw" 'BEGIN { exit !(a >= 2 && r > 1) }' || { echo "FAIL: group commit missed its goal" >&2; exit 1; }
