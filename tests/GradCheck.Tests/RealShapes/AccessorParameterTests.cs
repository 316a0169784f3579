namespace GradCheck.Tests.RealShapes;

/// <summary>Parameter&lt;T&gt;.FromAccessors: a model over private storage is checked directly and restored through its setter.</summary>
public class AccessorParameterTests
{
    private static readonly GradientCheckOptions Zeroing = new() { ZeroGradientsBeforeBackward = true };

    [Fact]
    public void A_correct_backward_over_private_storage_passes_and_matches_the_exact_gradient()
    {
        var layer = new PrivateDenseLayer();
        var exact = layer.ExactGradient(Ones(layer.Inputs));
        var before = Bits(layer.GetWeights());

        var report = ModelCheck.Run(new PrivateLayerModel(layer), Zeroing);

        Assert.True(report.Passed, report.ToString());
        var weight = report.Parameters.Single(p => p.Name == "dense.weight").Report;
        Assert.Equal(12, weight.Entries.Count);
        Assert.All(weight.Entries, e =>
        {
            Assert.Equal(exact.Weight[e.Index], e.Analytic, 1e-15);
            Assert.Equal(exact.Weight[e.Index], e.Numeric, 1e-9);
        });
        Assert.All(report.Parameters.Single(p => p.Name == "dense.bias").Report.Entries, e => Assert.Equal(exact.Bias[e.Index], e.Numeric, 1e-9));
        Assert.Equal(before, Bits(layer.GetWeights()));
    }

    [Fact]
    public void A_wrong_backward_over_private_storage_fails_by_entry_and_the_weights_come_back_bit_identical()
    {
        var layer = new PrivateDenseLayer { ForgetTanhDerivative = true };
        var exact = layer.ExactGradient(Ones(layer.Inputs));
        var before = Bits(layer.GetWeights());
        var biasBefore = Bits(layer.GetBias());

        var report = ModelCheck.Run(new PrivateLayerModel(layer), Zeroing);

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        var weight = report.Parameters.Single(p => p.Name == "dense.weight");
        Assert.False(weight.Passed);
        Assert.True(report.Parameters.Single(p => p.Name == "dense.bias").Passed, "the bias gradient keeps tanh's derivative");
        // The numeric side is the exact derivative; the analytic side is the planted bug's value.
        Assert.All(weight.Report.Entries, e => Assert.Equal(exact.Weight[e.Index], e.Numeric, 1e-9));
        Assert.Contains(weight.Report.Failures, e => e.Name == "dense.weight[0,0]");
        Assert.Equal(before, Bits(layer.GetWeights()));
        Assert.Equal(biasBefore, Bits(layer.GetBias()));
    }

    [Fact]
    public void The_weights_are_restored_through_the_setter_when_the_forward_pass_throws_mid_check()
    {
        var layer = new PrivateDenseLayer();
        var before = Bits(layer.GetWeights());
        var model = new ThrowingModel(new PrivateLayerModel(layer), throwOnCall: 40);

        Assert.Throws<FunctionEvaluationException>(() => ModelCheck.Run(model, Zeroing));

        Assert.True(model.Calls >= 40);
        Assert.Equal(before, Bits(layer.GetWeights()));
    }

    [Fact]
    public void A_setter_that_does_not_store_what_it_is_given_is_refused_before_any_evaluation()
    {
        var layer = new PrivateDenseLayer();
        var parameter = Parameter<double>.FromAccessors("lost.weight", [layer.Outputs, layer.Inputs],
            readValues: destination => layer.GetWeights().CopyTo(destination),
            writeValues: source => { var copy = layer.GetWeights(); source.CopyTo(copy); }, // writes into a copy: the bug
            readGradient: destination => layer.GetWeightGradient().CopyTo(destination));
        var model = new ListModel([parameter], layer);

        var thrown = Assert.Throws<InvalidModelException>(() => ModelCheck.Run(model, Zeroing with { ZeroGradientsBeforeBackward = false }));

        Assert.Contains("lost.weight[0,0]", thrown.Message);
        Assert.Contains("setter must store", thrown.Message);
        Assert.Equal(0, model.LossCalls);
    }

    [Fact]
    public void Values_of_an_accessor_parameter_are_not_a_memory_and_say_so()
    {
        var layer = new PrivateDenseLayer();
        var parameter = new PrivateLayerModel(layer).Parameters[0];

        Assert.True(parameter.HasAccessors);
        Assert.Equal(12, parameter.Length);
        var thrown = Assert.Throws<InvalidOperationException>(() => parameter.Values);
        Assert.Contains("dense.weight", thrown.Message);
        Assert.Contains("FromAccessors", thrown.Message);
    }

    [Fact]
    public void FromAccessors_refuses_a_missing_accessor_naming_the_parameter()
    {
        var thrown = Assert.Throws<InvalidModelException>(() =>
            Parameter<double>.FromAccessors("w", [2], _ => { }, null!, _ => { }));
        Assert.Contains("'w'", thrown.Message);
        Assert.Contains("writeValues", thrown.Message);
    }

    internal static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();

    internal static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private sealed class ThrowingModel(IDifferentiableModel<double> inner, int throwOnCall) : IDifferentiableModel<double>
    {
        public int Calls { get; private set; }
        public IReadOnlyList<Parameter<double>> Parameters => inner.Parameters;

        public double Loss()
        {
            if (++Calls == throwOnCall) throw new InvalidOperationException("out of memory in the forward pass");
            return inner.Loss();
        }

        public void Backward() => inner.Backward();
    }

    private sealed class ListModel(IReadOnlyList<Parameter<double>> parameters, PrivateDenseLayer layer) : IDifferentiableModel<double>
    {
        public int LossCalls { get; private set; }
        public IReadOnlyList<Parameter<double>> Parameters => parameters;

        public double Loss()
        {
            LossCalls++;
            return layer.Forward();
        }

        public void Backward() => layer.Backward();
    }
}
