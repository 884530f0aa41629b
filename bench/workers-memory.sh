#!/usr/bin/env bash
# Memory of `flows serve` with 20 active plugins, each with its worker process started by one check:
# the server's resident memory (VmRSS) and the sum of its workers', read from /proc; then the same
# after the workers' idle time has passed (they end by themselves and start again on next use).
#
# The 20 plugins: the two bundled connectors (Salesforce, PostgreSQL) and 18 copies of a minimal
# plugin built here (one account type, a check that answers at once), each copy with its own plugin
# id and account-type id in its plugin.json. (Copies of a real connector would not do: the host
# checks that the account types a plugin's code exports are the ones its manifest declares.) One
# account is created per plugin through the API with "validate": true. The real connectors' checks
# get 127.0.0.1:1, which they or the outbound policy refuse at once, so no network is needed; what
# counts is that every plugin's code is loaded in its running worker.
#
# Usage: bench/workers-memory.sh   (COPIES=18 IDLE_MINUTES=2 AFTER_IDLE=yes|no may be overridden;
# the idle time must outlast the 20 first checks, about 35 s on a quiet 2-core machine)
# Exits 2 on a setup error.
set -euo pipefail

COPIES=${COPIES:-18}
IDLE_MINUTES=${IDLE_MINUTES:-2}
AFTER_IDLE=${AFTER_IDLE:-yes}
PLUGINS=$((COPIES + 2))
repo=$(cd "$(dirname "$0")/.." && pwd)
build="$repo/host/Flows.Cli/bin/Release/net10.0"

work=$(mktemp -d -t flows-bench-XXXXXX)
server=
cleanup() {
  if [[ -n $server ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The minimal plugin: its account type is whatever the plugin.json next to it declares.
src="$work/plugin-src"
mkdir -p "$src/schemas"
cat >"$src/Directory.Build.props" <<XML
<Project>
  <Import Project="$repo/Directory.Build.props" />
  <Import Project="$repo/build/Flows.Plugin.props" />
</Project>
XML
cat >"$src/Directory.Build.targets" <<XML
<Project>
  <Import Project="$repo/build/Flows.Plugin.targets" />
</Project>
XML
cat >"$src/Directory.Packages.props" <<XML
<Project>
  <Import Project="$repo/Directory.Packages.props" />
</Project>
XML
cat >"$src/BenchPlugin.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <Version>1.0.0</Version>
  </PropertyGroup>
</Project>
XML
cp "$repo/tests/Fixtures/GoodPlugin/schemas/good.basic.schema.json" "$src/schemas/bench.schema.json"
cat >"$src/plugin.json" <<JSON
{
  "id": "bench.template",
  "displayName": "Bench plugin",
  "version": "1.0.0",
  "publisher": "Flows bench",
  "description": "A minimal plugin whose account type is the one this manifest declares.",
  "engines": { "flows": "^1.0.0" },
  "main": "BenchPlugin.dll",
  "contributes": {
    "accounts": [
      { "id": "bench-template.basic", "title": "Bench account", "description": "A host name and an API key.", "schema": "schemas/bench.schema.json" }
    ]
  }
}
JSON
cat >"$src/BenchPlugin.cs" <<'CS'
using System.Composition;
using System.Text.Json;
using Flows.Contracts;

namespace Flows.Bench;

internal static class Manifest
{
    private static readonly string Folder = Path.GetDirectoryName(typeof(Manifest).Assembly.Location)!;
    private static readonly JsonElement Account = Read();

    public static string Id => Account.GetProperty("id").GetString()!;

    public static string Title => Account.GetProperty("title").GetString()!;

    public static string Description => Account.GetProperty("description").GetString()!;

    public static string Schema => File.ReadAllText(Path.Combine(Folder, Account.GetProperty("schema").GetString()!));

    private static JsonElement Read()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "plugin.json")));
        return manifest.RootElement.GetProperty("contributes").GetProperty("accounts")[0].Clone();
    }
}

[Export(typeof(IAccountDefinition))]
public sealed class BenchAccountDefinition : IAccountDefinition
{
    public string Id => Manifest.Id;

    public string Title => Manifest.Title;

    public string Description => Manifest.Description;

    public string Schema => Manifest.Schema;
}

[Export(typeof(IAccountValidator))]
public sealed class BenchAccountValidator : IAccountValidator
{
    public string AccountTypeId => Manifest.Id;

    public Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(AccountValidationResult.Valid("bench"));
}
CS

dotnet build "$repo/host/Flows.Cli" -c Release -nologo -v q >/dev/null
dotnet build "$src" -c Release -nologo -v q -o "$work/plugin" >/dev/null

out="$work/bin"
cp -r "$build" "$out"
mkdir -p "$work/home/plugins"
for i in $(seq -f '%02g' 1 "$COPIES"); do
  dir="$work/home/plugins/p$i"
  cp -r "$work/plugin" "$dir"
  sed -i -e "s/\"id\": \"bench\.template\"/\"id\": \"bench.p$i\"/" \
         -e "s/\"id\": \"bench-template\./\"id\": \"bench-p$i./" "$dir/plugin.json"
done

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
# The server's worker processes: its children running the hidden worker command.
workers() {
  local pid
  for pid in $(pgrep -P "$server" || true); do
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q __plugin-worker; then echo "$pid"; fi
  done
}
report() {
  local label=$1 server_kb sum_kb=0 count=0 pid
  server_kb=$(rss_kb "$server")
  for pid in $(workers); do
    sum_kb=$((sum_kb + $(rss_kb "$pid")))
    count=$((count + 1))
  done
  awk -v label="$label" -v s="$server_kb" -v n="$count" -v w="$sum_kb" 'BEGIN {
    printf "%-36s %8.1f %8d %14.1f %11.1f %8.1f\n", label, s / 1024, n, w / 1024, n ? w / n / 1024 : 0, (s + w) / 1024 }'
}

log="$work/serve.log"
FLOWS_HOME="$work/home" FLOWS_PluginWorkers__IdleMinutes="$IDLE_MINUTES" NO_COLOR=1 \
  "$out/flows" serve --urls http://127.0.0.1:0 >"$log" 2>&1 </dev/null &
server=$!
url=
for _ in $(seq 1 600); do
  url=$(sed -n 's/^Flows is listening on \(http:\/\/[^ ]*\)$/\1/p' "$log" | head -n 1)
  [[ -n $url ]] && break
  kill -0 "$server" 2>/dev/null || { echo "setup error: flows serve ended:" >&2; cat "$log" >&2; exit 2; }
  sleep 0.1
done
[[ -n $url ]] || { echo "setup error: flows serve did not say where it listens" >&2; exit 2; }

active=$(curl -fsS "$url/api/plugins" | grep -o '"status": *"active"' | wc -l)
if [[ "$active" != "$PLUGINS" ]]; then
  echo "setup error: expected $PLUGINS active plugins, got $active" >&2
  exit 2
fi

create() {
  local name=$1 body=$2 code
  code=$(curl -sS -o "$work/answer.json" -w '%{http_code}' -H 'Content-Type: application/json' --data "$body" "$url/api/accounts")
  # 201 saved; 422 the connector refused the values, 503 its check answered "unavailable" (the real
  # connectors here): the worker ran the check either way, which the count of workers below confirms.
  if [[ $code != 201 && $code != 422 && $code != 503 ]]; then
    echo "setup error: creating the account of $name answered $code: $(cat "$work/answer.json")" >&2
    exit 2
  fi
}

echo "flows serve with $PLUGINS active plugins (Salesforce, PostgreSQL and $COPIES minimal ones), idle time $IDLE_MINUTES min; resident memory (VmRSS) in MB"
printf '%-36s %8s %8s %14s %11s %8s\n' "" server workers "workers (sum)" "per worker" total
report "started, no check yet"

start=$(date +%s%N)
create salesforce '{"accountTypeId":"salesforce.standard","label":"bench","validate":true,"values":{"username":"bench@example.com","password":"bench-secret","loginUrl":"https://127.0.0.1:1/"}}'
create postgresql '{"accountTypeId":"postgresql.password","label":"bench","validate":true,"values":{"host":"127.0.0.1","port":1,"database":"postgres","username":"bench","password":"bench-secret","sslMode":"disable"}}'
for i in $(seq -f '%02g' 1 "$COPIES"); do
  create "p$i" "{\"accountTypeId\":\"bench-p$i.basic\",\"label\":\"bench\",\"validate\":true,\"values\":{\"host\":\"example.com\",\"apiKey\":\"bench-secret\"}}"
done
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
count=$(workers | wc -l)
if [[ "$count" != "$PLUGINS" ]]; then
  echo "setup error: expected $PLUGINS running workers after one check per plugin, got $count (the checks took $elapsed_ms ms; a longer IDLE_MINUTES keeps the first workers until the last has started)" >&2
  exit 2
fi
sleep 2
report "one check per plugin done"
for pid in $(workers); do
  if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q '/plugins/salesforce '; then
    awk -v kb="$(rss_kb "$pid")" 'BEGIN { printf "  the Salesforce worker alone: %.1f MB\n", kb / 1024 }'
  elif tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q '/plugins/postgresql '; then
    awk -v kb="$(rss_kb "$pid")" 'BEGIN { printf "  the PostgreSQL worker alone: %.1f MB\n", kb / 1024 }'
  fi
done
echo "($PLUGINS checks, each starting its plugin's worker, took $elapsed_ms ms in all)"

if [[ $AFTER_IDLE == yes ]]; then
  wait_s=$(awk -v m="$IDLE_MINUTES" 'BEGIN { printf "%d", m * 60 + 10 }')
  sleep "$wait_s"
  report "after the idle time ($wait_s s later)"
fi
