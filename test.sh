#!/usr/bin/env bash
# Builds the whole solution and runs every test suite against real builds: the host, the Salesforce
# plugin, the fixture plugins (good and deliberately broken) and the real `flows` executable.
# Whatever the tests need beyond the .NET SDK, this script installs (Chromium for the browser tests, PostgreSQL for the PostgreSQL connector's tests).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (dotnet on PATH)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the tests need, installed when missing (as root on a fresh machine); the package
# lists are refreshed once, and only when something has to be installed.
apt_ready=
apt_install() {
  [[ -n $apt_ready ]] || { apt-get update; apt_ready=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# The browser tests (tests/Flows.Web.BrowserTests) drive Debian's Chromium; Playwright never downloads one.
command -v chromium >/dev/null || apt_install chromium
# The PostgreSQL connector's tests start their own throwaway clusters with initdb/pg_ctl; Debian's default cluster is never used.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || {
  apt_install postgresql-common
  sed -i 's/^#\?create_main_cluster.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
  apt_install postgresql
}

dotnet build Flows.Plugins.sln -c Release -nologo -clp:ErrorsOnly

# The packages others use on their own: the plugin SDK and the form engine's three. Packed from the
# build above (a package that cannot be packed fails the run).
packages=$(mktemp -d)
for project in contracts/Flows.Contracts forms/Flows.Forms forms/Flows.Forms.AspNetCore forms/Flows.Forms.Terminal; do
  dotnet pack "$project" -c Release --no-build -nologo -v quiet -o "$packages"
done
ls "$packages"
tests/Packages/use-the-form-packages.sh "$packages"
rm -rf "$packages"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Flows.Plugins.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# One closing line for people and CI: the sum over every test assembly.
awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(",", "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") failed += $(i + 1);
      if ($i == "Passed:") passed += $(i + 1);
      if ($i == "Skipped:") skipped += $(i + 1);
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"

if ! grep -qE '(Passed|Failed)! +- +Failed:' "$log"; then
  echo "test.sh: no test ran." >&2
  exit 1
fi
exit "$status"
