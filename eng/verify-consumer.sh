#!/usr/bin/env bash
# Proves the README's "Install" section from outside the repository, on an empty package cache:
#   1. packs every package into artifacts/packages (eng/pack.sh);
#   2. creates a throwaway console project in a temporary folder (no Directory.Build.* of this repository applies),
#      with a nuget.config listing artifacts/packages and nuget.org, and an empty NUGET_PACKAGES folder;
#   3. adds GradCheck, GradCheck.TorchSharp and TorchSharp with the running platform's LibTorch, builds and runs
#      torch.randn, a TorchSharp custom autograd function under TorchGradCheck and a GradientCheck;
#   4. checks that the TorchSharp glue library was patched (if this system needs it) in the build output only,
#      that the NuGet cache copy is byte-identical to the package, that the opt-out leaves the output alone, and
#      that the analyzer in the GradCheck package warns about a discarded report (GC0001);
#   5. does the same in a new xUnit project that references GradCheck.TorchSharp only, with dotnet test;
#   6. installs the gradcheck tool from artifacts/packages and writes an HTML report with it.
# Prints what was downloaded. Usage: eng/verify-consumer.sh [--keep]  (--keep leaves the temporary folder)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
packages="$repo/artifacts/packages"
keep=false; [ "${1:-}" = "--keep" ] && keep=true
work="$(mktemp -d)"
cleanup() { if [ "$keep" = true ]; then echo "kept: $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
step() { echo; echo "== $*"; }
# LibTorch CPU for this platform: on Linux x64 its package alone, elsewhere TorchSharp-cpu (every platform's).
add_libtorch_cpu() {
  if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
    dotnet add package libtorch-cpu-linux-x64 --version 2.10.0 > /dev/null
  else
    dotnet add package TorchSharp-cpu --version 0.107.0 > /dev/null
  fi
}

step "pack (with the usual package cache)"
"$repo/eng/pack.sh" > "$work/pack.log" || { cat "$work/pack.log"; exit 1; }
sed -n '/^Packages in/,$p' "$work/pack.log"
version="$(dotnet msbuild "$repo/src/GradCheck/GradCheck.csproj" -getProperty:Version)"

# From here on an empty package cache: everything the consumer needs is downloaded, as on a fresh machine.
export NUGET_PACKAGES="$work/nuget-packages"

step "consumer project (GradCheck $version) in $work/Consumer"
mkdir -p "$work/Consumer"
cd "$work/Consumer"
dotnet new console --framework net10.0 > /dev/null
# The README's "Install" commands, literally.
dotnet new nugetconfig > /dev/null
dotnet nuget add source "$packages" --name gradcheck-local --configfile nuget.config > /dev/null
dotnet add package GradCheck --version "$version" > /dev/null
dotnet add package GradCheck.TorchSharp --version "$version" > /dev/null
add_libtorch_cpu
cat > Program.cs <<'CS'
using GradCheck;
using GradCheck.TorchSharp;
using TorchSharp;
using static TorchSharp.torch;

var x = randn(new long[] { 3, 4 }, dtype: float64).requires_grad_();
Console.WriteLine($"torch.randn: shape [{string.Join(",", x.shape)}], sum {x.sum().item<double>():F4}");

var torchReport = TorchGradCheck.Run(t => Cube.apply(t[0]), [x]);
Console.WriteLine("TorchGradCheck: " + torchReport.Summary);
torchReport.ThrowIfFailed();

var report = GradientCheck.Run(w => Math.Sin(w[0]) * w[1], w => [Math.Cos(w[0]) * w[1], Math.Sin(w[0])], [0.3, 2.0]);
Console.WriteLine("GradientCheck: " + report.Summary);
report.ThrowIfFailed();
Console.WriteLine("CONSUMER OK");
CS
# y = x³ with a hand-written backward (3x²): the custom autograd function both consumers check.
cat > Cube.cs <<'CS'
using TorchSharp;
using static TorchSharp.torch;

sealed class Cube : torch.autograd.SingleTensorFunction<Cube>
{
    public override string Name => nameof(Cube);

    public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        ctx.save_for_backward([input]);
        return input.pow(3);
    }

    public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor gradOutput) =>
        [gradOutput * 3 * ctx.get_saved_variables()[0].pow(2)];
}
CS
# A discarded report: the analyzer shipped in the GradCheck package must warn about it.
cat > Discarded.cs <<'CS'
static class Discarded
{
    public static void Forgotten() => GradCheck.GradientCheck.Run(w => w[0] * w[0], w => [2 * w[0]], [1.0]);
}
CS
dotnet build -c Release > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
grep -E "TorchSharpNativeFix" "$work/build.log" | sed 's/^ *//' | sort -u || true
if grep -q "warning GC0001" "$work/build.log"; then echo "analyzer: GC0001 reported for the discarded report"; else echo "FAIL: no GC0001 warning"; exit 1; fi

step "run"
dotnet run -c Release --no-build | tee "$work/run.log"
grep -q "CONSUMER OK" "$work/run.log"

step "native fix: output patched where needed, NuGet cache untouched"
if [ "$(uname -s)" = "Linux" ]; then
  pkg="$NUGET_PACKAGES/torchsharp/0.107.0"
  glue="runtimes/linux-x64/native/libLibTorchSharp.so"
  out="bin/Release/net10.0/$glue"
  unzip -p "$pkg/torchsharp.0.107.0.nupkg" "$glue" > "$work/pristine.so"
  cmp -s "$work/pristine.so" "$pkg/$glue" && echo "NuGet cache copy: identical to the package (not patched)" || { echo "FAIL: the NuGet cache copy was modified"; exit 1; }
  if cmp -s "$work/pristine.so" "$out"; then echo "build output copy: unchanged (this system's libstdc++ has GLIBCXX_3.4.32)"; else echo "build output copy: patched"; fi
  readelf -V "$out" 2>/dev/null | grep "Name: GLIBCXX_3.4.32" | sed 's/^ */  readelf: /' || true
  dotnet build -c Release -p:GradCheckPatchTorchSharpNatives=false -o "$work/optout" > "$work/optout.log" 2>&1 || { cat "$work/optout.log"; exit 1; }
  cmp -s "$work/pristine.so" "$work/optout/$glue" && echo "opt-out (GradCheckPatchTorchSharpNatives=false): output copy left as shipped" || { echo "FAIL: opt-out still patched"; exit 1; }
fi

step "xUnit consumer (GradCheck.TorchSharp only: GradCheck, its analyzer and the native fix come with it)"
mkdir -p "$work/ConsumerTests"
cd "$work/ConsumerTests"
dotnet new xunit --framework net10.0 > /dev/null
cp "$work/Consumer/nuget.config" .
dotnet add package GradCheck.TorchSharp --version "$version" > /dev/null
add_libtorch_cpu
rm -f UnitTest1.cs
cat > CubeTests.cs <<'CS'
using GradCheck;
using GradCheck.TorchSharp;
using TorchSharp;
using static TorchSharp.torch;

public class CubeTests
{
    [Fact]
    public void CustomCubeBackwardIsRight()
    {
        var x = randn(new long[] { 2, 3 }, dtype: float64).requires_grad_();
        TorchGradCheck.Run(t => Cube.apply(t[0]), [x]).ThrowIfFailed();
    }

    [Fact]
    public void HandWrittenGradientIsRight() =>
        GradientCheck.Run(w => w[0] * w[0] * w[1], w => [2 * w[0] * w[1], w[0] * w[0]], [0.7, -1.3]).ThrowIfFailed();

    [Fact]
    public void DiscardedReport() => GradientCheck.Run(w => w[0], w => [1.0], [1.0]);   // GC0001 expected
}
CS
cp "$work/Consumer/Cube.cs" .
dotnet test > "$work/test.log" 2>&1 || { cat "$work/test.log"; echo "FAIL: dotnet test in the xUnit consumer"; exit 1; }
grep -q "warning GC0001" "$work/test.log" && echo "analyzer: GC0001 reported through GradCheck.TorchSharp" || { echo "FAIL: no GC0001 warning"; exit 1; }
grep -E "^(Passed|Failed)!" "$work/test.log"
grep -qE "^Passed!.*Passed: +3," "$work/test.log" || { cat "$work/test.log"; echo "FAIL: expected 3 passed tests"; exit 1; }
cd "$work/Consumer"

step "gradcheck tool"
dotnet tool install --tool-path "$work/tools" --add-source "$packages" GradCheck.Cli --version "$version" | tail -1
"$work/tools/gradcheck" demo --format html --out "$work/report" > "$work/demo.log" 2>&1 || true
html="$(ls "$work"/report/*.html 2>/dev/null | head -1)"
[ -n "$html" ] && grep -q "<img\|<svg" "$html" && echo "HTML report with plots: $(basename "$html") ($(du -k "$html" | cut -f1) KB)" || { cat "$work/demo.log"; echo "FAIL: no HTML report with plots"; exit 1; }

step "downloaded by the console and xUnit consumers (empty NUGET_PACKAGES)"
find "$NUGET_PACKAGES" -name '*.nupkg' -print0 | du -ch --files0-from=- | tail -1 | awk '{ print "  downloaded (.nupkg files): " $1 }'
du -sh "$NUGET_PACKAGES" | awk '{ print "  NuGet cache, unpacked: " $1 }'
for p in "$NUGET_PACKAGES"/*/; do du -sk "$p"; done | sort -rn | head -6 | awk '{ printf "  %8.1f MB  %s\n", $1 / 1024, $2 }'
tool_kb=$(( $(du -k "$packages/GradCheck.Cli.$version.nupkg" | cut -f1) + $(du -k "$packages/GradCheck.Cli.linux-x64.$version.nupkg" | cut -f1) ))
echo "  gradcheck tool on linux-x64: GradCheck.Cli + GradCheck.Cli.linux-x64 = $tool_kb KB downloaded, $(du -sh "$work/tools" | cut -f1) installed"
echo
echo "consumer verification passed"
