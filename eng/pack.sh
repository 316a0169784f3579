#!/usr/bin/env bash
# Packs every package of the repository into artifacts/packages:
#   GradCheck, GradCheck.TorchSharp (libraries, with .snupkg symbol packages) and the gradcheck tool
#   (GradCheck.Cli plus one package per platform, e.g. GradCheck.Cli.linux-x64).
# Consume them as the README's "Install" section says (a nuget.config listing this folder and nuget.org).
# Usage: eng/pack.sh [extra dotnet pack arguments, e.g. -p:VersionSuffix=dev.1]
set -euo pipefail
cd "$(dirname "$0")/.."
out="artifacts/packages"
mkdir -p "$out"
for project in src/GradCheck/GradCheck.csproj src/GradCheck.TorchSharp/GradCheck.TorchSharp.csproj src/GradCheck.Cli/GradCheck.Cli.csproj; do
  dotnet pack "$project" --configuration Release --output "$out" "$@"
done
echo "Packages in $out:"
ls -l "$out" | awk 'NR > 1 { printf "  %8.1f KB  %s\n", $5 / 1024, $9 }'
