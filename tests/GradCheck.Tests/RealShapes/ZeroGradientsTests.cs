namespace GradCheck.Tests.RealShapes;

/// <summary>Backward passes that accumulate (+=): zeroed on request (option or model hook), reported, and still caught when nobody asked.</summary>
public class ZeroGradientsTests
{
    [Fact]
    public void Without_zeroing_an_accumulating_backward_fails_as_not_reentrant_and_came_back_doubled()
    {
        var report = ModelCheck.Run(new PrivateLayerModel(new PrivateDenseLayer()));

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.All(report.Failures, p => Assert.Equal(FailurePattern.NotReentrant, p.Pattern));
        Assert.Contains("came back doubled", report.Failures[0].Diagnosis);
        Assert.Contains("ZeroGradientsBeforeBackward", report.Failures[0].Diagnosis);
    }

    [Fact]
    public void With_the_option_the_same_backward_passes_at_the_exact_gradient_and_the_report_says_it_zeroed()
    {
        var layer = new PrivateDenseLayer();
        var exact = layer.ExactGradient(AccessorParameterTests.Ones(layer.Inputs));

        var report = ModelCheck.Run(new PrivateLayerModel(layer), new GradientCheckOptions { ZeroGradientsBeforeBackward = true });

        Assert.True(report.Passed, report.ToString());
        Assert.All(report.Parameters[0].Report.Entries, e => Assert.Equal(exact.Weight[e.Index], e.Analytic, 1e-15));
        Assert.Contains(report.Warnings, w => w.Contains("zeroed before each Backward() (ZeroGradientsBeforeBackward)"));
    }

    [Fact]
    public void With_the_model_hook_it_passes_and_the_report_names_the_hook()
    {
        var report = ModelCheck.Run(new ZeroingPrivateLayerModel(new PrivateDenseLayer()));

        Assert.True(report.Passed, report.ToString());
        Assert.Contains(report.Warnings, w => w.Contains("ZeroingPrivateLayerModel.ZeroGradients() (IZeroGradients)"));
    }

    [Fact]
    public void Memory_parameters_are_cleared_by_the_check_itself()
    {
        var model = new AccumulatingArrayModel();

        Assert.False(ModelCheck.Run(model).Passed);
        var report = ModelCheck.Run(model, new GradientCheckOptions { ZeroGradientsBeforeBackward = true });

        Assert.True(report.Passed, report.ToString());
        // f = Σ wᵢ³/3: the exact derivative is wᵢ².
        Assert.All(report.Details.Entries, e => Assert.Equal(model.W[e.Index] * model.W[e.Index], e.Numeric, 1e-9));
    }

    [Fact]
    public void Zeroing_accessors_without_a_clear_action_or_hook_is_refused_naming_the_parameter()
    {
        var thrown = Assert.Throws<InvalidModelException>(() =>
            ModelCheck.Run(new PrivateLayerModel(new PrivateDenseLayer(), withClearGradient: false), new GradientCheckOptions { ZeroGradientsBeforeBackward = true }));
        Assert.Contains("'dense.weight'", thrown.Message);
        Assert.Contains("IZeroGradients", thrown.Message);
    }

    private sealed class AccumulatingArrayModel : IDifferentiableModel<double>
    {
        public double[] W { get; } = [0.5, -1.25, 2.0];
        private readonly double[] _grad = new double[3];

        public AccumulatingArrayModel() => Parameters = [new Parameter<double>("w", W, _grad, [3])];

        public IReadOnlyList<Parameter<double>> Parameters { get; }

        public double Loss() => W.Sum(w => w * w * w / 3);

        public void Backward()
        {
            for (int i = 0; i < W.Length; i++) _grad[i] += W[i] * W[i];
        }
    }
}
