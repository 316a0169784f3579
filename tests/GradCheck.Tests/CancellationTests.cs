using GradCheck.Tests.Fast;
using GradCheck.Tests.Models;

namespace GradCheck.Tests;

/// <summary>Every entry point takes an optional cancellation token, stops with OperationCanceledException and restores the point.</summary>
public class CancellationTests
{
    private static readonly double[] Point = [0.3, -0.8, 1.2, 0.7];

    private static double F(double[] x) => x.Select((v, i) => (i + 1) * Math.Sin(v)).Sum();

    private static double[] Gradient(double[] x) => x.Select((v, i) => (i + 1) * Math.Cos(v)).ToArray();

    public static TheoryData<string> EntryPoints =>
        ["gradient", "float", "generic", "value-and-gradient", "span", "nearby", "exact", "jacobian", "vjp", "jvp", "float-jacobian", "hessian", "float-hessian",
            "taylor", "descent", "model"];

    /// <summary>Runs the entry point with a token that is cancelled from inside the function, after a few evaluations.</summary>
    private static void Run(string entryPoint, double[] point, Action cancelOnThirdCall, CancellationToken token)
    {
        int calls = 0;
        double Counted(double[] x)
        {
            if (++calls == 3) cancelOnThirdCall();
            return F(x);
        }
        var problem = new VectorProblem(2, point.Length, seed: 50);
        double[] CountedVector(double[] x)
        {
            if (++calls == 3) cancelOnThirdCall();
            return problem.F(x);
        }
        switch (entryPoint)
        {
            case "gradient": GradientCheck.Run(Counted, Gradient, point, cancellationToken: token); break;
            case "float":
                var single = point.Select(v => (float)v).ToArray();
                GradientCheck.Run(x => (float)Counted(x.Select(v => (double)v).ToArray()), x => Gradient(x.Select(v => (double)v).ToArray()).Select(v => (float)v).ToArray(), single,
                    cancellationToken: token);
                break;
            case "generic": GradientCheck.Run<double>(Counted, Gradient, point, null, token); break;
            case "value-and-gradient": GradientCheck.Run<double>(x => (Counted(x), Gradient(x)), point, null, token); break;
            case "span": GradientCheck.Run<double>(x => Counted(x.ToArray()), (x, g) => Gradient(x.ToArray()).CopyTo(g), point, null, token); break;
            case "float-jacobian":
                var singles = point.Select(v => (float)v).ToArray();
                JacobianCheck.RunVjp(x => CountedVector(Widen(x)).Select(v => (float)v).ToArray(), (x, v) => problem.Vjp(Widen(x), Widen(v)).Select(g => (float)g).ToArray(),
                    singles, cancellationToken: token);
                Assert.Equal(point.Select(v => (float)v), singles);
                break;
            case "float-hessian":
                var floats = point.Select(v => (float)v).ToArray();
                HessianCheck.Run(x =>
                {
                    if (++calls == 3) cancelOnThirdCall();
                    return x.Select((v, i) => (i + 1) * MathF.Cos(v)).ToArray();
                }, (x, v) => x.Select((xi, i) => -(i + 1) * MathF.Sin(xi) * v[i]).ToArray(), floats, cancellationToken: token);
                Assert.Equal(point.Select(v => (float)v), floats);
                break;
            case "nearby": GradientCheck.RunNearby(Counted, Gradient, point, 2, cancellationToken: token); break;
            case "exact": GradientCheck.RunExact(new CancelOnThirdCall(cancelOnThirdCall), Gradient, point, cancellationToken: token); break;
            case "jacobian": JacobianCheck.Run(CountedVector, problem.Jacobian, point, cancellationToken: token); break;
            case "vjp": JacobianCheck.RunVjp(CountedVector, problem.Vjp, point, cancellationToken: token); break;
            case "jvp": JacobianCheck.RunJvp(CountedVector, problem.Jvp, point, cancellationToken: token); break;
            case "hessian":
                HessianCheck.Run(x =>
                {
                    if (++calls == 3) cancelOnThirdCall();
                    return Gradient(x);
                }, (x, v) => x.Select((xi, i) => -(i + 1) * Math.Sin(xi) * v[i]).ToArray(), point, cancellationToken: token);
                break;
            case "taylor": TaylorTest.Run(Counted, Gradient, point, cancellationToken: token); break;
            case "descent": DescentCheck.Run(Counted, Gradient, point, cancellationToken: token); break;
            default:
                var model = new LinearTestModel<double>(2, 2, seed: 8) { Bug = _ => { if (++calls == 2) cancelOnThirdCall(); } };
                model.Weight.CopyTo(point, 0);
                ModelCheck.Run(model, cancellationToken: token);
                Assert.Equal(point, model.Weight);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void A_check_cancelled_midway_stops_and_leaves_the_point_bit_identical(string entryPoint)
    {
        using var source = new CancellationTokenSource();
        var point = (double[])Point.Clone();
        Assert.ThrowsAny<OperationCanceledException>(() => Run(entryPoint, point, source.Cancel, source.Token));
        if (entryPoint != "model") Assert.Equal(Point, point);
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void A_token_that_is_never_cancelled_changes_nothing(string entryPoint)
    {
        using var source = new CancellationTokenSource();
        var point = (double[])Point.Clone();
        Run(entryPoint, point, () => { }, source.Token);
        if (entryPoint != "model") Assert.Equal(Point, point);
    }

    private static double[] Widen(float[] x) => x.Select(v => (double)v).ToArray();

    private sealed class CancelOnThirdCall(Action cancel) : IScalarFunction
    {
        private int _calls;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T>
        {
            if (++_calls == 3) cancel();
            T sum = T.Zero;
            for (int i = 0; i < x.Length; i++) sum += T.CreateChecked(i + 1) * T.Sin(x[i]);
            return sum;
        }
    }
}
