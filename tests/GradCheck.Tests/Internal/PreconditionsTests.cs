namespace GradCheck.Tests.Internal;

/// <summary>
/// Options are checked once, by the entry point, before the function or model is called: a value that cannot work is
/// refused with the same exception wherever the check starts, and nothing of the user's code runs first.
/// </summary>
public class PreconditionsTests
{
    private sealed class CountingModel : IDifferentiableModel<double>
    {
        private readonly double[] _w = [0.5, -1.25];
        private readonly double[] _grad = new double[2];

        public CountingModel() => Parameters = [new Parameter<double>("w", _w, _grad, [2])];

        public int Calls { get; private set; }

        public IReadOnlyList<Parameter<double>> Parameters { get; }

        public double Loss()
        {
            Calls++;
            return _w.Sum(w => w * w);
        }

        public void Backward()
        {
            Calls++;
            for (int i = 0; i < _w.Length; i++) _grad[i] = 2 * _w[i];
        }
    }

    [Fact]
    public void A_model_check_refuses_options_before_the_model_is_called()
    {
        var model = new CountingModel();
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => ModelCheck.Run(model, new GradientCheckOptions { InitialStep = -1 }));
        Assert.Equal("InitialStep", thrown.ParamName);
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public void Every_entry_point_refuses_the_same_value_before_calling_the_function()
    {
        var bad = new GradientCheckOptions { MaxDegreeOfParallelism = 0 };
        int calls = 0;
        double F(double[] x) { calls++; return x[0] * x[0]; }
        double[] G(double[] x) => [2 * x[0]];
        double[] Y(double[] x) { calls++; return [x[0] * x[0]]; }

        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(F, G, [1.5], bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.RunNearby(F, G, [1.5], 2, bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(x => (F(x), G(x)), [1.5], bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => JacobianCheck.Run(Y, x => new double[,] { { 2 * x[0] } }, [1.5], bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => JacobianCheck.RunVjp(Y, (x, v) => [2 * x[0] * v[0]], [1.5], bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradCheck.Lines.LineCheck(bad));
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Taylor_descent_and_Hessian_checks_refuse_bad_options_before_calling_the_function()
    {
        int calls = 0;
        double F(double[] x) { calls++; return x[0] * x[0]; }
        double[] G(double[] x) { calls++; return [2 * x[0]]; }

        Assert.Throws<ArgumentOutOfRangeException>(() => TaylorTest.Run(F, G, [1.5], new TaylorTestOptions { InitialStep = 0 }));
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => TaylorTest.Run(F, G, [1.5], new TaylorTestOptions { RequiredOrder = 1 })).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => DescentCheck.Run(F, G, [1.5], new DescentCheckOptions { InitialStepSize = -1 }));
        Assert.Equal("ErrorEstimateSafety",
            Assert.Throws<ArgumentOutOfRangeException>(() => DescentCheck.Run(F, G, [1.5], new DescentCheckOptions { ErrorEstimateSafety = double.NaN })).ParamName);
        Assert.Equal("InitialStep", Assert.Throws<ArgumentOutOfRangeException>(() => HessianCheck.Run(G, (x, v) => [2 * v[0]], [1.5], new HessianCheckOptions { InitialStep = -1 })).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => HessianCheck.Run(G, (x, v) => [2 * v[0]], [1.5], new HessianCheckOptions { DirectionCount = 0 }));
        Assert.Throws<ArgumentException>(() => HessianCheck.Run(G, (x, v) => [2 * v[0]], [1.5], new HessianCheckOptions { Directions = [[0.0]] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaylorTest.Run<float>(x => x[0], x => [1f], [1.5f], new TaylorTestOptions { FunctionNoiseUlps = -2 }));
        Assert.Equal(0, calls);

        // A direction of the wrong length needs the point: refused before the function is called too.
        Assert.Throws<ArgumentException>(() => TaylorTest.Run(F, G, [1.5], new TaylorTestOptions { Direction = [1.0, 2.0] }));
        Assert.Throws<ArgumentException>(() => HessianCheck.Run(G, (x, v) => [2 * v[0]], [1.5], new HessianCheckOptions { Directions = [[1.0, 2.0]] }));
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Valid_options_check_as_before_in_parallel_and_per_tensor()
    {
        var options = new GradientCheckOptions { MaxDegreeOfParallelism = 2 };
        var report = GradientCheck.Run(x => x[0] * x[0] + x[1] * x[1] * x[1], x => [2 * x[0], 3 * x[1] * x[1]], [1.5, -0.5], options);
        Assert.True(report.Passed);
        Assert.Equal(2, report.Entries.Count);
        var model = ModelCheck.Run(new CountingModel(), options);
        Assert.True(model.Passed);
    }
}
