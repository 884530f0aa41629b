#!/usr/bin/env bash
# Times `flows forms check` over the published-spec corpus (tests/Fixtures/CorpusPlugin/specs), as
# an author runs it: a fresh process each time. Prints, per spec, the median of ROUNDS runs, then
# the median of ROUNDS runs over all specs in one call, and the sum of the per-spec medians.
# Builds flows once (nothing when it is up to date); exits 2 on a setup error. A spec that fails
# its check is timed all the same and marked ✖ (the corpus tests say why).
#
# Usage: bench/forms-check.sh   (ROUNDS=3 may be overridden)
set -euo pipefail

ROUNDS=${ROUNDS:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
flows="$repo/host/Flows.Cli/bin/Release/net10.0/flows"
specs=("$repo"/tests/Fixtures/CorpusPlugin/specs/*.schema.json)

dotnet build "$repo/host/Flows.Cli" -c Release -nologo -v q >/dev/null
if [[ ! -x "$flows" || ${#specs[@]} -eq 0 ]]; then
  echo "setup error: no flows build at $flows or no specs" >&2
  exit 2
fi

home=$(mktemp -d -t flows-bench-XXXXXX)
trap 'rm -rf "$home"' EXIT

# Prints the median wall time in ms of ROUNDS runs of flows with the given arguments, then "ok"
# or "failed" for the last run's exit code.
median_ms() {
  local i start status=0
  local times=()
  for ((i = 0; i < ROUNDS; i++)); do
    start=$(date +%s%N)
    FLOWS_HOME=$home "$flows" "$@" >/dev/null 2>&1 && status=0 || status=$?
    times+=($(( $(date +%s%N) - start )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v s="$status" '{ t[NR] = $1 }
    END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.0f %s\n", m / 1e6, s == 0 ? "ok" : "failed" }'
}

echo "flows forms check: median of $ROUNDS runs, a fresh process each"
printf '%-48s %8s %7s\n' spec "KB" "median"
total=0
for spec in "${specs[@]}"; do
  read -r ms status < <(median_ms forms check "$spec")
  total=$((total + ms))
  printf '%-48s %8.1f %4s ms %s\n' "$(basename "$spec")" "$(($(stat -c %s "$spec")))e-3" "$ms" "$([[ $status == ok ]] && echo ✔ || echo ✖)"
done
read -r all status < <(median_ms forms check "${specs[@]}")
printf '%-48s %8s %4s ms\n' "sum of the per-spec medians (${#specs[@]} processes)" "" "$total"
printf '%-48s %8s %4s ms %s\n' "all ${#specs[@]} specs in one call" "" "$all" "$([[ $status == ok ]] && echo '(all passed)' || echo '(some failed: see the corpus tests)')"
