#!/usr/bin/env bash
# End-to-end timing of `flows plugins list` as a user runs it: a fresh process each time, so
# start-up, DI, discovery and rendering all count. The issue's target: 200 installed plugins cost
# at most 1.5x one plugin (discovery reads manifests only). Exits 1 when a median ratio exceeds
# MAX_RATIO, 2 on a setup error.
#
# The build bundles two plugins next to the binary; the benchmark runs a copy of the build with the
# Salesforce one alone, so:
#   "1 plugin"    = the bundled one, with an empty FLOWS_HOME;
#   "200 plugins" = the bundled one + 199 copies of it in FLOWS_HOME/plugins, each with its own
#                   plugin id and account-type ids (identical copies would be Superseded or
#                   conflicting, which is a different, cheaper scenario).
#
# Usage: bench/plugins-list.sh   (RUNS=20 WARMUP=3 MAX_RATIO=1.5 HYPERFINE=auto|no may be overridden)
# Uses hyperfine when present (installs it with apt-get when missing and running as root),
# otherwise a plain loop over `date +%s%N`.
set -euo pipefail

RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
MAX_RATIO=${MAX_RATIO:-1.5}
repo=$(cd "$(dirname "$0")/.." && pwd)
build="$repo/host/Flows.Cli/bin/Release/net10.0"

dotnet build "$repo/host/Flows.Cli" -c Release -nologo -v q >/dev/null

work=$(mktemp -d -t flows-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
out="$work/bin"
cp -r "$build" "$out"
find "$out/plugins" -mindepth 1 -maxdepth 1 ! -name salesforce -exec rm -rf {} +
flows="$out/flows"
mkdir -p "$work/one" "$work/many/plugins"
for i in $(seq -f '%04g' 1 199); do
  dir="$work/many/plugins/p$i"
  cp -r "$out/plugins/salesforce" "$dir"
  sed -i -e "s/\"id\": \"flows\.salesforce\"/\"id\": \"bench.p$i\"/" \
         -e "s/\"id\": \"salesforce\./\"id\": \"bench-p$i./" \
         -e "s/\"replacedBy\": \"salesforce\./\"replacedBy\": \"bench-p$i./" "$dir/plugin.json"
done

# Benchmarking the wrong scenario is worse than none: all 200 must be found and Active.
active=$(FLOWS_HOME="$work/many" "$flows" plugins list --json | grep -c '"status": "active"' || true)
if [[ "$active" != 200 ]]; then
  echo "setup error: expected 200 active plugins, got $active" >&2
  exit 2
fi

hyperfine=${HYPERFINE:-auto}   # HYPERFINE=no forces the bash loop
if [[ $hyperfine == auto ]] && ! command -v hyperfine >/dev/null && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  { apt-get install -y -qq hyperfine || { apt-get update -qq && apt-get install -y -qq hyperfine; }; } >/dev/null 2>&1 || true
fi
[[ $hyperfine == auto ]] && command -v hyperfine >/dev/null && hyperfine=yes || hyperfine=no

# Prints "mean_ms median_ms" for one case; the command's own output is discarded.
measure() {
  local home=$1; shift
  if [[ $hyperfine == yes ]]; then
    local csv="$work/result.csv"
    # -N: no intermediate shell, so its start-up is not in the numbers.
    hyperfine -N --style none --warmup "$WARMUP" --runs "$RUNS" --export-csv "$csv" \
      "env FLOWS_HOME=$home $flows $*" >/dev/null
    awk -F, 'NR == 2 { printf "%.1f %.1f\n", $2 * 1000, $4 * 1000 }' "$csv"
  else
    local i start
    for ((i = 0; i < WARMUP; i++)); do FLOWS_HOME=$home "$flows" "$@" >/dev/null; done
    for ((i = 0; i < RUNS; i++)); do
      start=$(date +%s%N)
      FLOWS_HOME=$home "$flows" "$@" >/dev/null
      echo $(( $(date +%s%N) - start ))
    done | sort -n | awk '{ t[NR] = $1; s += $1 }
      END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.1f %.1f\n", s / NR / 1e6, m / 1e6 }'
  fi
}

echo "flows plugins list: $RUNS runs after $WARMUP warm-up runs per case ($([[ $hyperfine == yes ]] && echo hyperfine || echo 'bash loop'))"
printf '%-26s %9s %9s %9s %9s %11s %13s\n' command "1 mean" "1 median" "200 mean" "200 median" "ratio mean" "ratio median"
failed=0
for args in "plugins list" "plugins list --json"; do
  # shellcheck disable=SC2086 # $args is deliberately split into words.
  read -r m1 d1 < <(measure "$work/one" $args) || true
  # shellcheck disable=SC2086
  read -r m200 d200 < <(measure "$work/many" $args) || true
  if [[ -z "${m1:-}" || -z "${m200:-}" ]]; then
    echo "error: timing 'flows $args' failed" >&2
    exit 2
  fi
  rmean=$(awk -v a="$m200" -v b="$m1" 'BEGIN { printf "%.2f", a / b }')
  rmedian=$(awk -v a="$d200" -v b="$d1" 'BEGIN { printf "%.2f", a / b }')
  printf '%-26s %6s ms %6s ms %6s ms %7s ms %10sx %12sx\n' "flows $args" "$m1" "$d1" "$m200" "$d200" "$rmean" "$rmedian"
  # Gate on medians: on a shared 2-core VM single runs stall for 100+ ms, which moves means but not medians.
  if awk -v r="$rmedian" -v max="$MAX_RATIO" 'BEGIN { exit !(r > max) }'; then
    echo "FAIL: 'flows $args' with 200 plugins costs ${rmedian}x one plugin (median); the target is at most ${MAX_RATIO}x" >&2
    failed=1
  fi
done
exit "$failed"
