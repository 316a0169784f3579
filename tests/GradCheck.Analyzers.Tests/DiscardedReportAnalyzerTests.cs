namespace GradCheck.Analyzers.Tests;

public sealed class DiscardedReportAnalyzerTests
{
    private const string Usings = "using System; using GradCheck; using GradCheck.Taylor;\n";

    [Fact]
    public void WarnsWhenTheReportOfGradientCheckRunIsDiscarded()
    {
        var diagnostics = AnalyzerHarness.Diagnostics(Usings + """
            static class C
            {
                static void M(double[] x)
                {
                    GradientCheck.Run(v => v[0] * v[0], v => new[] { 2 * v[0] }, x);
                }
            }
            """);

        Assert.Equal(
            ["GC0001 6:9 The GradientReport returned by GradientCheck.Run is discarded, so a failed check passes silently: call .ThrowIfFailed() on it, or assert on its Passed"],
            diagnostics);
    }

    [Fact]
    public void ReadReportsThrowIfFailedAndExplicitDiscardsAreNotReported()
    {
        var diagnostics = AnalyzerHarness.Diagnostics(Usings + """
            static class C
            {
                static bool M(double[] x)
                {
                    GradientCheck.Run(v => v[0], v => new[] { 1.0 }, x).ThrowIfFailed();
                    var report = GradientCheck.Run(v => v[0], v => new[] { 1.0 }, x);
                    _ = GradientCheck.Run(v => v[0], v => new[] { 1.0 }, x);
                    Func<GradientReport> later = () => GradientCheck.Run(v => v[0], v => new[] { 1.0 }, x);
                    return report.Passed && GradientCheck.Run(v => v[0], v => new[] { 1.0 }, x).Passed;
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    // JacobianReport inherits ThrowIfFailed from GradientReport: the analyzer looks through base types.
    public void CoversEveryCheckWhoseReportHasThrowIfFailed()
    {
        var diagnostics = AnalyzerHarness.Diagnostics(Usings + """
            static class C
            {
                static void M(double[] x, IDifferentiableModel<double> model)
                {
                    ModelCheck.Run(model);
                    TaylorTest.Run(v => v[0], v => new[] { 1.0 }, x);
                    DescentCheck.Run(v => v[0], v => new[] { 1.0 }, x);
                    JacobianCheck.Run(v => v, v => new double[1, 1] { { 1.0 } }, x);
                }
            }
            """);

        Assert.Equal(
            ["GC0001 6:9 ModelReport ModelCheck.Run", "GC0001 7:9 TaylorReport TaylorTest.Run", "GC0001 8:9 DescentReport DescentCheck.Run", "GC0001 9:9 JacobianReport JacobianCheck.Run"],
            diagnostics.Select(Short));
    }

    [Fact]
    public void CoversTheTorchSharpAdapterByShapeNotByName()
    {
        // A stand-in with the adapter's shape (a static check in a GradCheck namespace returning a report with
        // ThrowIfFailed), so this test needs no TorchSharp.
        var diagnostics = AnalyzerHarness.Diagnostics("""
            namespace GradCheck.TorchSharp
            {
                public sealed class TensorCheckReport { public bool Passed => true; public void ThrowIfFailed() { } }
                public static class TorchGradCheck { public static TensorCheckReport Run(int inputs) => new(); }
            }
            static class C
            {
                static void M() => GradCheck.TorchSharp.TorchGradCheck.Run(1);
                static void N() { GradCheck.TorchSharp.TorchGradCheck.Run(2); }
            }
            """);

        Assert.Equal(["GC0001 8:24 TensorCheckReport TorchGradCheck.Run", "GC0001 9:23 TensorCheckReport TorchGradCheck.Run"], diagnostics.Select(Short));
    }

    [Fact]
    public void IgnoresLookalikesOutsideGradCheckAndReportsWithoutThrowIfFailed()
    {
        var diagnostics = AnalyzerHarness.Diagnostics("""
            namespace Other
            {
                public sealed class GradientReport { public void ThrowIfFailed() { } }
                public static class GradientCheck { public static GradientReport Run() => new(); }
            }
            namespace GradCheck.Extras
            {
                public sealed class Summary { public bool Passed => true; }
                public static class Check { public static Summary Run() => new(); }
            }
            static class C
            {
                static void M() { Other.GradientCheck.Run(); GradCheck.Extras.Check.Run(); }
            }
            """);

        Assert.Empty(diagnostics);
    }

    private static string Short(string diagnostic)
    {
        // "GC0001 6:9 The ModelReport returned by ModelCheck.Run is discarded..." -> "GC0001 6:9 ModelReport ModelCheck.Run"
        var parts = diagnostic.Split(' ');
        return string.Join(' ', parts[0], parts[1], parts[3], parts[6]);
    }
}
