using GradCheck.TorchSharp.Tests.Support;

namespace GradCheck.Benchmarks.Torch;

/// <summary>
/// The planted-bug variants compared with torch.autograd.gradcheck, on the bases shared with the adapter's tests;
/// the same definitions as in benchmarks/pytorch/gradcheck_verdicts.py. Constructed by <see cref="VerdictComparison"/>.
/// </summary>
public static class PlantedTorchFunctions
{
    public sealed class Cube : PlantedFunctions.CubeBase<Cube>;

    /// <summary>Backward 2x² instead of 3x²: off by a factor.</summary>
    public sealed class CubeFactorTwo : PlantedFunctions.CubeBase<CubeFactorTwo>
    {
        protected override double Factor => 2;
    }

    /// <summary>Backward off by 0.01 % (factor 3.0003).</summary>
    public sealed class CubeSlightlyOff : PlantedFunctions.CubeBase<CubeSlightlyOff>
    {
        protected override double Factor => 3.0003;
    }

    /// <summary>y = x³ + 1e8, correct backward: a big constant makes f's rounding error large next to its changes.</summary>
    public sealed class CubeLargeOffset : PlantedFunctions.CubeBase<CubeLargeOffset>
    {
        protected override double Offset => 1e8;
    }

    public sealed class Linear : PlantedFunctions.LinearBase<Linear>;

    /// <summary>The weight gradient's entry [0,0] with the wrong sign.</summary>
    public sealed class LinearWrongSign : PlantedFunctions.LinearBase<LinearWrongSign>
    {
        protected override bool FlipsOneSign => true;
    }
}
