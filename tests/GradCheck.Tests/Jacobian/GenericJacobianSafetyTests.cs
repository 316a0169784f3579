using System.Numerics;

namespace GradCheck.Tests.Jacobian;

/// <summary>
/// The generic Jacobian check perturbs the caller's T[] in place: it is bit-identical afterwards whether the check
/// passed, failed, threw or was cancelled; and the double and float overloads resolve as GradientCheck's do.
/// </summary>
public class GenericJacobianSafetyTests
{
    public static TheoryData<string, string> TypesAndForms
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var type in new[] { "float", "double" })
                foreach (var form in new[] { "matrix", "vjp", "jvp" }) data.Add(type, form);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(TypesAndForms))]
    public void The_point_is_bit_identical_after_a_pass_a_failure_and_an_exception(string type, string form)
    {
        if (type == "float") Restored<float>(form);
        else Restored<double>(form);
    }

    private static void Restored<T>(string form) where T : IFloatingPointIeee754<T>
    {
        var map = SmoothMaps.TanhLayer<T>(3, 4, seed: 21);
        var (i, j) = map.LargestEntry();
        var before = map.Point;

        var point = map.Point;
        Assert.True(GenericJacobianCheckTests.Check(form, map, point).Passed);
        Assert.Equal(Bits(before), Bits(point));

        point = map.Point;
        Assert.False(GenericJacobianCheckTests.Check(form, map.Planted(JacobianBugs.Scaled<T>(i, j, 0.05)), point).Passed);
        Assert.Equal(Bits(before), Bits(point));

        // The function throws while a coordinate is perturbed (its fifth call): the exception names it, the point is restored.
        int calls = 0;
        var throwing = map.WithFunction(x => ++calls == 5 ? throw new InvalidOperationException("boom") : map.F(x));
        point = map.Point;
        var thrown = Assert.Throws<FunctionEvaluationException>(() => GenericJacobianCheckTests.Check(form, throwing, point));
        Assert.Contains("perturbed", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(Bits(before), Bits(point));
    }

    [Theory]
    [MemberData(nameof(TypesAndForms))]
    public void A_function_that_writes_into_the_point_is_refused_and_the_point_restored(string type, string form)
    {
        if (type == "float") Modified<float>(form);
        else Modified<double>(form);
    }

    private static void Modified<T>(string form) where T : IFloatingPointIeee754<T>
    {
        var map = SmoothMaps.Softmax<T>(4, seed: 22);
        var before = map.Point;
        var point = map.Point;
        Func<T[], T[]> scribbling = x =>
        {
            var y = map.F(x);
            x[0] += T.One;
            return y;
        };
        Assert.Throws<PointModifiedException>(() => GenericJacobianCheckTests.Check(form, map.WithFunction(scribbling), point));
        Assert.Equal(Bits(before), Bits(point));
    }

    [Theory]
    [MemberData(nameof(TypesAndForms))]
    public void A_cancelled_check_stops_and_restores_the_point(string type, string form)
    {
        if (type == "float") Cancelled<float>(form);
        else Cancelled<double>(form);
    }

    private static void Cancelled<T>(string form) where T : IFloatingPointIeee754<T>
    {
        foreach (var mode in new[] { CheckMode.Full, CheckMode.Fast })
        {
            var map = SmoothMaps.TanhLayer<T>(3, 8, seed: 23);
            var before = map.Point;
            var point = map.Point;
            using var source = new CancellationTokenSource();
            int calls = 0;
            var counting = map.WithFunction(x =>
            {
                if (++calls == 6) source.Cancel();
                return map.F(x);
            });
            Assert.ThrowsAny<OperationCanceledException>(() =>
                GenericJacobianCheckTests.Check(form, counting, point, new GradientCheckOptions { Mode = mode }, source.Token));
            Assert.Equal(Bits(before), Bits(point));
            Assert.InRange(calls, 6, 7);   // stopped at the next evaluation
        }
    }

    [Fact]
    public void The_double_and_float_overloads_take_null_options_and_no_options()
    {
        double[] Fd(double[] x) => [x[0] * x[1], Math.Sin(x[0])];
        double[,] Jd(double[] x) => new[,] { { x[1], x[0] }, { Math.Cos(x[0]), 0 } };
        double[] Vd(double[] x, double[] v) => [v[0] * x[1] + v[1] * Math.Cos(x[0]), v[0] * x[0]];
        double[] Ud(double[] x, double[] u) => [x[1] * u[0] + x[0] * u[1], Math.Cos(x[0]) * u[0]];
        float[] Ff(float[] x) => [x[0] * x[1], MathF.Sin(x[0])];
        float[,] Jf(float[] x) => new[,] { { x[1], x[0] }, { MathF.Cos(x[0]), 0 } };
        float[] Vf(float[] x, float[] v) => [v[0] * x[1] + v[1] * MathF.Cos(x[0]), v[0] * x[0]];
        float[] Uf(float[] x, float[] u) => [x[1] * u[0] + x[0] * u[1], MathF.Cos(x[0]) * u[0]];
        double[] xd = [0.3, 0.7];
        float[] xf = [0.3f, 0.7f];

        JacobianReport[] doubles =
        [
            JacobianCheck.Run(Fd, Jd, xd), JacobianCheck.Run(Fd, Jd, xd, null),
            JacobianCheck.RunVjp(Fd, Vd, xd), JacobianCheck.RunVjp(Fd, Vd, xd, null),
            JacobianCheck.RunJvp(Fd, Ud, xd), JacobianCheck.RunJvp(Fd, Ud, xd, null),
            JacobianCheck.Run(x => Fd(x), x => Jd(x), xd), JacobianCheck.Run<double>(Fd, Jd, xd, null),
        ];
        JacobianReport[] floats =
        [
            JacobianCheck.Run(Ff, Jf, xf), JacobianCheck.Run(Ff, Jf, xf, null),
            JacobianCheck.RunVjp(Ff, Vf, xf), JacobianCheck.RunVjp(Ff, Vf, xf, null),
            JacobianCheck.RunJvp(Ff, Uf, xf), JacobianCheck.RunJvp(Ff, Uf, xf, null),
            JacobianCheck.Run(x => Ff(x), x => Jf(x), xf), JacobianCheck.Run<float>(Ff, Jf, xf, null),
        ];
        Assert.All(doubles, r => Assert.True(r.Passed && r.ElementType == "double", r.ToString()));
        Assert.All(floats, r => Assert.True(r.Passed && r.ElementType == "float", r.ToString()));
    }

    private static long[] Bits<T>(T[] values) where T : IFloatingPointIeee754<T> =>
        values.Select(v => BitConverter.DoubleToInt64Bits(double.CreateChecked(v))).ToArray();
}
