namespace GradCheck.Tests.RealShapes;

/// <summary>GradientCheckOptions.BeforeEvaluation: replayed randomness is checked, randomness that is not replayed is refused.</summary>
public class ReplayTests
{
    private const int ReplaySeed = 42;

    [Fact]
    public void A_seeded_dropout_model_is_refused_as_non_deterministic_without_the_hook()
    {
        var layer = new PrivateDenseLayer(inputs: 6, dropout: true);

        var thrown = Assert.Throws<NonDeterministicFunctionException>(() =>
            ModelCheck.Run(new ZeroingPrivateLayerModel(layer)));

        Assert.Contains("BeforeEvaluation", thrown.Message);
    }

    [Fact]
    public void With_the_hook_a_correct_dropout_backward_passes_at_the_exact_gradient_of_the_replayed_mask()
    {
        var layer = new PrivateDenseLayer(inputs: 6, dropout: true);
        var mask = Mask(layer.Inputs);
        Assert.Contains(0.0, mask);  // the replayed mask really drops some inputs and keeps others
        Assert.Contains(2.0, mask);
        var exact = layer.ExactGradient(mask);

        var report = ModelCheck.Run(new ZeroingPrivateLayerModel(layer), Replay(layer));

        Assert.True(report.Passed, report.ToString());
        Assert.All(report.Parameters[0].Report.Entries, e =>
        {
            Assert.Equal(exact.Weight[e.Index], e.Analytic, 1e-15);
            Assert.Equal(exact.Weight[e.Index], e.Numeric, 1e-9);
        });
    }

    [Fact]
    public void With_the_hook_a_backward_that_forgets_the_mask_fails_on_the_dropped_and_the_scaled_inputs()
    {
        var layer = new PrivateDenseLayer(inputs: 6, dropout: true) { ForgetMaskInBackward = true };
        var mask = Mask(layer.Inputs);
        var exact = layer.ExactGradient(mask);

        var report = ModelCheck.Run(new ZeroingPrivateLayerModel(layer), Replay(layer));

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        var weight = report.Parameters[0].Report;
        // Every weight entry is wrong: mask 0 should give 0, mask 2 twice the unmasked value.
        Assert.Equal(weight.Entries.Count, weight.Failures.Count);
        Assert.All(weight.Entries, e => Assert.Equal(exact.Weight[e.Index], e.Numeric, 1e-9));
    }

    [Fact]
    public void The_hook_runs_before_every_evaluation_of_a_plain_function_and_its_gradient()
    {
        // f(x) = Σ nᵢ·xᵢ² with noise nᵢ drawn from a generator: replayed, ∇f = 2·nᵢ·xᵢ exactly.
        var random = new Random(1);
        double[] Noise() => Enumerable.Range(0, 3).Select(_ => 1 + random.NextDouble()).ToArray();
        double F(double[] x) { var n = Noise(); return x.Select((v, i) => n[i] * v * v).Sum(); }
        double[] G(double[] x) { var n = Noise(); return x.Select((v, i) => 2 * n[i] * v).ToArray(); }
        int hooks = 0;
        var options = new GradientCheckOptions { BeforeEvaluation = () => { hooks++; random = new Random(7); } };

        Assert.Throws<NonDeterministicFunctionException>(() => GradientCheck.Run(F, G, [0.3, -0.7, 1.1]));
        var report = GradientCheck.Run(F, G, [0.3, -0.7, 1.1], options);

        Assert.True(report.Passed, report.ToString());
        // hooks counts f's evaluations plus the two gradient calls (the second for reentrancy).
        Assert.Equal(report.FunctionEvaluations + 2, hooks);
        var n = new Random(7);
        var expected = new[] { 0.3, -0.7, 1.1 }.Select(v => 2 * (1 + n.NextDouble()) * v).ToArray();
        Assert.All(report.Entries, e => Assert.Equal(expected[e.Index], e.Numeric, 1e-9));
    }

    private static GradientCheckOptions Replay(PrivateDenseLayer layer) =>
        new() { BeforeEvaluation = () => layer.Rng = new Random(ReplaySeed) };

    /// <summary>The mask the layer draws from a fresh Random(ReplaySeed), computed here the way the layer documents it.</summary>
    private static double[] Mask(int inputs)
    {
        var random = new Random(ReplaySeed);
        return Enumerable.Range(0, inputs).Select(_ => random.NextDouble() < 0.5 ? 0.0 : 2.0).ToArray();
    }
}
