#!/usr/bin/env bash
# The form packages as a stranger uses them: the sample app's code and schema, copied outside this
# repository (none of its build settings apply), referencing the packed Flows.Forms.AspNetCore from
# a folder; built, started, and asked for its form and its script. Usage: use-the-form-packages.sh <folder of .nupkg>
set -euo pipefail
packages=$(cd "$1" && pwd)
repo=$(cd "$(dirname "$0")/../.." && pwd)
package=$(ls "$packages"/Flows.Forms.AspNetCore.*.nupkg)
version=$(basename "$package" .nupkg)
version=${version#Flows.Forms.AspNetCore.}

app=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$app"; }
trap cleanup EXIT
cp "$repo/samples/SchemaFormsApp/Program.cs" "$repo/samples/SchemaFormsApp/signup.schema.json" "$app/"
cat > "$app/SignUp.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Flows.Forms.AspNetCore" Version="$version" />
    <None Include="signup.schema.json" CopyToOutputDirectory="PreserveNewest" />
  </ItemGroup>
</Project>
EOF

# A packages folder of its own: the machine's cache may hold an older build of the same version.
dotnet build "$app/SignUp.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly \
  -p:RestoreAdditionalProjectSources="$packages" -p:RestorePackagesPath="$app/nuget"

log="$app/server.log"
dotnet "$app/bin/Release/net10.0/SignUp.dll" --urls http://127.0.0.1:0 >"$log" 2>&1 &
server=$!
address=
for _ in $(seq 1 100); do
  address=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)
  [ -n "$address" ] && break
  sleep 0.2
done
[ -n "$address" ] || { echo "the packaged sample app did not start:"; cat "$log"; exit 1; }

page=$(curl -fsS "$address/")
script=$(echo "$page" | grep -o '/_schema-forms/schema-forms.js?v=[0-9a-f]*' | head -1)
[ -n "$script" ] || { echo "the packaged form page links no script:"; echo "$page" | head -c 2000; exit 1; }
echo "$page" | grep -q 'name="email"' || { echo "the packaged form page has no email input"; exit 1; }
curl -fsS "$address$script" | grep -q 'add-row' || { echo "the packaged script is not served"; exit 1; }
echo "Flows.Forms.AspNetCore $version from the package: the sample app builds, starts and serves its form and script."
