// Parallel speed-up of GradCheck on a function that costs about 50 µs per evaluation.
// Run: dotnet run -c Release --project samples/GradCheck.ParallelBench [threads]
// Not a unit test: timings depend on the machine and on whatever else it is doing.
using System.Diagnostics;
using System.Globalization;
using GradCheck;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
const int n = 64;
var random = new Random(1);
var a = new double[n, n];
for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) a[i, j] = random.NextDouble() - 0.5;
var point = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();

// f(x) = Σᵢ log cosh((A x)ᵢ) repeated R times (R sets the cost; the value is divided back, so the derivative is unchanged).
const int repeats = 5;
double F(double[] x)
{
    double total = 0;
    for (int r = 0; r < repeats; r++)
        for (int i = 0; i < n; i++)
        {
            double z = 0;
            for (int j = 0; j < n; j++) z += a[i, j] * x[j];
            total += Math.Log(Math.Cosh(z));
        }
    return total / repeats;
}
double[] Gradient(double[] x)
{
    var g = new double[n];
    for (int i = 0; i < n; i++)
    {
        double z = 0;
        for (int j = 0; j < n; j++) z += a[i, j] * x[j];
        double t = Math.Tanh(z);
        for (int j = 0; j < n; j++) g[j] += t * a[i, j];
    }
    return g;
}

var clock = Stopwatch.StartNew();
for (int k = 0; k < 2_000; k++) F(point);
double microseconds = clock.Elapsed.TotalMicroseconds / 2_000;
string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
Console.WriteLine($"f: n = {n}, {microseconds:F1} µs per evaluation; {Environment.ProcessorCount} processors (load average {load}); comparing 1 and {threads} threads");

foreach (var mode in new[] { CheckMode.Full, CheckMode.Fast })
{
    double Time(int degree, out GradientReport report)
    {
        var options = new GradientCheckOptions { Mode = mode, MaxDegreeOfParallelism = degree, FastDirections = mode == CheckMode.Fast ? 16 : null };
        GradientCheck.Run(F, Gradient, point, options);   // warm-up
        var times = new List<double>();
        report = null!;
        for (int rep = 0; rep < 7; rep++)
        {
            var watch = Stopwatch.StartNew();
            report = GradientCheck.Run(F, Gradient, point, options);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(times.Count / 2);
    }
    double sequential = Time(1, out var one);
    double parallel = Time(threads, out var many);
    bool identical = one.Entries.SequenceEqual(many.Entries) && one.FunctionEvaluations == many.FunctionEvaluations;
    Console.WriteLine($"{mode,-4}: {one.FunctionEvaluations} evaluations; 1 thread {sequential:F1} ms, {threads} threads {parallel:F1} ms, speed-up {sequential / parallel:F2}×; identical reports: {identical}");
}
