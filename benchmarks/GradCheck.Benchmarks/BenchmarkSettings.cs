namespace GradCheck.Benchmarks;

/// <summary>Sizes and switches of one report run. <see cref="Full"/> regenerates the doc; <see cref="Smoke"/> is for the smoke test.</summary>
public sealed record BenchmarkSettings
{
    /// <summary>Random functions in the calibration family (double, float).</summary>
    public int CalibrationDouble { get; init; } = 20_000;

    public int CalibrationFloat { get; init; } = 5_000;

    /// <summary>Seeds per family in the verdict corpus.</summary>
    public int CorpusSeeds { get; init; } = 3;

    /// <summary>Seeds per family and size in the false-assurance corpus (section 5).</summary>
    public int AssuranceSeeds { get; init; } = 10;

    /// <summary>Sizes n of the false-assurance corpus: each family is built at every n, for every seed.</summary>
    public IReadOnlyList<int> AssuranceSizes { get; init; } = [6, 24];

    /// <summary>Seeds per network and precision in the real-network section (6).</summary>
    public int NetworkSeeds { get; init; } = 10;

    /// <summary>Run the BenchmarkDotNet overhead benchmarks (minutes); off: the overhead section says so.</summary>
    public bool RunBenchmarkDotNet { get; init; } = true;

    /// <summary>Run the PyTorch side-by-side script (python3 with torch); off or unavailable: the section says so.</summary>
    public bool RunPyTorch { get; init; } = true;

    /// <summary>Run GradCheck through the TorchSharp adapter in section 4 (LibTorch CPU; on in --quick too).</summary>
    public bool RunTorchSharp { get; init; } = true;

    /// <summary>Network sizes for the PyTorch comparison: (inputs, hidden, outputs, batch).</summary>
    public IReadOnlyList<(int Inputs, int Hidden, int Outputs, int Batch)> Networks { get; init; } =
        [(8, 16, 4, 32), (16, 32, 8, 32)];

    /// <summary>Dimensions for the fast-mode section (3c).</summary>
    public IReadOnlyList<int> FastModeSizes { get; init; } = [100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>Largest n at which the full check is measured in 3c; above it, its cost is extrapolated.</summary>
    public int FullModeMeasuredUpTo { get; init; } = 10_000;

    /// <summary>Above <see cref="FullModeMeasuredUpTo"/>, full mode samples about this many / n coordinates (10 to 1000) to extrapolate.</summary>
    public int FullModeSampleBudget { get; init; } = 20_000_000;

    /// <summary>Dimensions for the memory section (3e): up to 10⁷, where a copy of the point is 80 MB.</summary>
    public IReadOnlyList<int> MemorySizes { get; init; } = [100_000, 1_000_000, 10_000_000];

    /// <summary>Coordinates of the parallel-speedup function (3d).</summary>
    public int ParallelDimension { get; init; } = 300;

    /// <summary>Alternating pairs (p = 1, p = 2) of whole checks in 3d.</summary>
    public int ParallelPairs { get; init; } = 16;

    /// <summary>Repetitions of each whole-run timing (the median is reported).</summary>
    public int TimingRepetitions { get; init; } = 3;

    /// <summary>Where intermediate files go (network JSON, PyTorch results, BenchmarkDotNet artifacts).</summary>
    public string ArtifactsDirectory { get; init; } = Path.Combine("artifacts", "benchmarks");

    /// <summary>Repository root (where benchmarks/pytorch lives).</summary>
    public string RepositoryRoot { get; init; } = ".";

    /// <summary>True for the smoke sizes; the report says so in its header.</summary>
    public bool IsSmoke { get; init; }

    public static BenchmarkSettings Full { get; } = new();

    public static BenchmarkSettings Smoke { get; } = new()
    {
        IsSmoke = true,
        CalibrationDouble = 200,
        CalibrationFloat = 100,
        CorpusSeeds = 1,
        AssuranceSeeds = 2,
        AssuranceSizes = [5],
        NetworkSeeds = 1,
        RunBenchmarkDotNet = false,
        RunPyTorch = false,
        Networks = [(3, 4, 2, 5)],
        TimingRepetitions = 1,
        FastModeSizes = [100, 1_000],
        FullModeMeasuredUpTo = 100,
        FullModeSampleBudget = 20_000,
        MemorySizes = [2_000, 20_000],
        ParallelDimension = 16,
        ParallelPairs = 2,
    };
}
