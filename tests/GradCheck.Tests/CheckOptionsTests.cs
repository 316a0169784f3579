using GradCheck.Tests.Support;

namespace GradCheck.Tests;

/// <summary>
/// The four options records share <see cref="CheckOptions"/>: the shared settings keep their defaults and names, <c>with</c>
/// works through the base type and keeps the record's own settings, and every check honours a shared setting it was
/// given through the base.
/// </summary>
public class CheckOptionsTests
{
    private static CheckOptions[] EveryKind() => [new GradientCheckOptions(), new HessianCheckOptions(), new TaylorTestOptions(), new DescentCheckOptions()];

    [Fact]
    public void The_defaults_are_unchanged()
    {
        Assert.All(EveryKind(), o =>
        {
            Assert.Null(o.FunctionNoiseUlps);
            Assert.Equal(0, o.NondeterminismTolerance);
            Assert.False(o.AcceptInconclusive);
        });
        var gradient = new GradientCheckOptions();
        Assert.Equal((CheckMode.Full, 1, true, (int?)null, (double?)null), (gradient.Mode, gradient.MaxDegreeOfParallelism, gradient.CheckGradientReentrancy, gradient.Seed, gradient.InitialStep));
        var hessian = new HessianCheckOptions();
        Assert.Equal((2, (int?)null, (double?)null, (double?)null), (hessian.DirectionCount, hessian.Seed, hessian.InitialStep, hessian.GradientNoiseUlps));
        Assert.Equal(new TaylorTestOptions(), TaylorTestOptions.Default);
        Assert.Equal(new DescentCheckOptions(), DescentCheckOptions.Default);
        Assert.Equal(new HessianCheckOptions(), HessianCheckOptions.Default);
        Assert.Equal(new GradientCheckOptions(), GradientCheckOptions.Default);
    }

    [Fact]
    public void With_through_the_base_keeps_the_record_and_its_own_settings()
    {
        CheckOptions taylor = new TaylorTestOptions { RequiredOrder = 1.9, Seed = 4 };
        var changed = taylor with { AcceptInconclusive = true, NondeterminismTolerance = 1e-12, FunctionNoiseUlps = 16 };

        var typed = Assert.IsType<TaylorTestOptions>(changed);
        Assert.Equal((1.9, 4, true, 1e-12, 16.0), (typed.RequiredOrder, typed.Seed, typed.AcceptInconclusive, typed.NondeterminismTolerance, typed.FunctionNoiseUlps));
        Assert.False(taylor.AcceptInconclusive);                                   // the original is untouched
        Assert.NotEqual(taylor, changed);
        Assert.Equal(changed, (CheckOptions)((TaylorTestOptions)changed with { }));
        // Records of different kinds with the same shared settings are not equal.
        Assert.NotEqual<CheckOptions>(new GradientCheckOptions(), new DescentCheckOptions());

        // The typed `with` of each record still compiles and works.
        var gradient = GradientCheckOptions.Default with { AcceptInconclusive = true, Mode = CheckMode.Fast };
        Assert.Equal((true, CheckMode.Fast), (gradient.AcceptInconclusive, gradient.Mode));
        var descent = DescentCheckOptions.Default with { FunctionNoiseUlps = 3, InitialStepSize = 0.5 };
        Assert.Equal((3.0, 0.5), (descent.FunctionNoiseUlps, descent.InitialStepSize));
    }

    [Fact]
    public void The_Hessian_checks_old_name_for_the_noise_is_the_shared_setting()
    {
        var old = new HessianCheckOptions { GradientNoiseUlps = 32 };
        Assert.Equal(32, old.FunctionNoiseUlps);
        var renamed = old with { FunctionNoiseUlps = 4 };
        Assert.Equal(4, renamed.GradientNoiseUlps);
        Assert.Equal(new HessianCheckOptions { FunctionNoiseUlps = 32 }, old);
    }

    [Fact]
    public void Every_check_refuses_a_bad_shared_setting_given_through_the_base()
    {
        foreach (var options in EveryKind())
        {
            var negativeNoise = options with { FunctionNoiseUlps = -1 };
            var nanTolerance = options with { NondeterminismTolerance = double.NaN };
            Assert.Equal("FunctionNoiseUlps", Assert.Throws<ArgumentOutOfRangeException>(() => Run(negativeNoise)).ParamName);
            Assert.Equal("NondeterminismTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Run(nanTolerance)).ParamName);
        }
    }

    [Fact]
    public void Every_check_honours_AcceptInconclusive_given_through_the_base()
    {
        // Drowned: f = 1e10 + 1e-9·x₀ + 1e-9·x₁², whose rounding hides every derivative (the Hessian check gets the same
        // gradient on a 1e10 offset): no check can confirm or refute it.
        foreach (var options in EveryKind())
        {
            var strict = Run(options);
            var lenient = Run(options with { AcceptInconclusive = true });
            Assert.Equal(CheckOutcome.Inconclusive, strict.Outcome);
            Assert.Equal(CheckOutcome.Inconclusive, lenient.Outcome);
            Assert.Throws<InconclusiveCheckException>(strict.ThrowIfFailed);
            lenient.ThrowIfFailed();
        }
    }

    [Fact]
    public void Every_check_honours_NondeterminismTolerance_given_through_the_base()
    {
        foreach (var options in EveryKind())
        {
            Assert.Throws<NonDeterministicFunctionException>(() => RunJittery(options));
            var report = RunJittery(options with { NondeterminismTolerance = 1e-12 });
            Assert.True(report.Passed, $"{options.GetType().Name}: {report}");
        }
    }

    /// <summary>The drowned problem, checked by the check these options belong to.</summary>
    private static ICheckReport Run(CheckOptions options) =>
        options switch
        {
            GradientCheckOptions o => GradientCheck.Run(Drowned.F, Drowned.Gradient, Drowned.Point, o),
            TaylorTestOptions o => TaylorTest.Run(Drowned.F, Drowned.Gradient, Drowned.Point, o),
            DescentCheckOptions o => DescentCheck.Run(Drowned.F, Drowned.Gradient, Drowned.Point, o),
            HessianCheckOptions o => HessianCheck.Run(x => [1e10 + 1e-9 * x[1] * x[0], 1e10 + 1e-9 * x[0] * x[0] / 2],
                (x, v) => [1e-9 * (x[1] * v[0] + x[0] * v[1]), 1e-9 * x[0] * v[0]], Drowned.Point, o),
            _ => throw new ArgumentException(options.GetType().Name),
        };

    /// <summary>
    /// f = Σ sin xᵢ with a jitter of ±1e-14 from call to call (a parallel sum's reordering): refused as random unless
    /// the tolerance allows it. The Hessian check gets the gradient with the jitter.
    /// </summary>
    private static ICheckReport RunJittery(CheckOptions options)
    {
        int calls = 0;
        double Jitter() => ++calls % 2 == 0 ? 1e-14 : -1e-14;
        double F(double[] x) => x.Sum(Math.Sin) + Jitter();
        double[] G(double[] x) => x.Select(Math.Cos).ToArray();
        double[] point = [0.3, -0.6, 1.1];
        return options switch
        {
            GradientCheckOptions o => GradientCheck.Run(F, G, point, o),
            TaylorTestOptions o => TaylorTest.Run(F, G, point, o),
            DescentCheckOptions o => DescentCheck.Run(F, G, point, o),
            HessianCheckOptions o => HessianCheck.Run(x => G(x).Select(g => g + Jitter()).ToArray(),
                (x, v) => x.Select((xi, i) => -Math.Sin(xi) * v[i]).ToArray(), point, o),
            _ => throw new ArgumentException(options.GetType().Name),
        };
    }
}
