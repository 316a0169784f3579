#!/usr/bin/env bash
# Regenerates docs/benchmarks.md: accuracy, verdict quality, cost (BenchmarkDotNet) and the PyTorch side-by-side.
# Takes a few minutes. Extra arguments go to the generator: --no-bdn, --no-torch, --quick, --out FILE.
# PyTorch: Debian's python3-torch (apt-get install -y python3-torch) or any python with torch in $GRADCHECK_PYTHON;
# without it the PyTorch rows are skipped and the report says why.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --configuration Release --project benchmarks/GradCheck.Benchmarks -- all "$@"
