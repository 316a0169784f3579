using System.Text.Json;

namespace GradCheck.Benchmarks.Torch;

/// <summary>
/// The two-layer network of the PyTorch comparison, y = W2·tanh(W1·x + b1) + b2 with loss mean ½|y − target|², as plain
/// arrays: one seeded generator makes the batch and the parameters, which are exported as JSON for the Python side.
/// Parameters are flat: W1 (hidden×inputs, row-major), b1, W2 (outputs×hidden), b2.
/// </summary>
public sealed class NetworkData
{
    public NetworkData(int inputs, int hidden, int outputs, int batch, int seed)
    {
        (Inputs, Hidden, Outputs, Batch) = (inputs, hidden, outputs, batch);
        var random = new Random(seed);
        X = Matrix(random, batch, inputs, 1);
        Y = Matrix(random, batch, outputs, 1);
        Parameters = Enumerable.Range(0, ParameterCount).Select(_ => (random.NextDouble() * 2 - 1) * 0.8).ToArray();
    }

    public int Inputs { get; }

    public int Hidden { get; }

    public int Outputs { get; }

    public int Batch { get; }

    public double[][] X { get; }

    public double[][] Y { get; }

    public double[] Parameters { get; }

    public int ParameterCount => Hidden * Inputs + Hidden + Outputs * Hidden + Outputs;

    public string Describe() => $"{Inputs}-{Hidden}-{Outputs}, batch {Batch}, {ParameterCount} parameters";

    public double Loss(double[] p)
    {
        int b1 = Hidden * Inputs, w2 = b1 + Hidden, b2 = w2 + Outputs * Hidden;
        var hidden = new double[Hidden];
        double loss = 0;
        for (int n = 0; n < Batch; n++)
        {
            var x = X[n];
            for (int h = 0; h < Hidden; h++)
            {
                double z = p[b1 + h];
                for (int i = 0; i < Inputs; i++) z += p[h * Inputs + i] * x[i];
                hidden[h] = Math.Tanh(z);
            }
            for (int o = 0; o < Outputs; o++)
            {
                double output = p[b2 + o];
                for (int h = 0; h < Hidden; h++) output += p[w2 + o * Hidden + h] * hidden[h];
                double d = output - Y[n][o];
                loss += 0.5 * d * d;
            }
        }
        return loss / Batch;
    }

    /// <summary>The hand-written backprop.</summary>
    public double[] Gradient(double[] p)
    {
        int b1 = Hidden * Inputs, w2 = b1 + Hidden, b2 = w2 + Outputs * Hidden;
        var g = new double[p.Length];
        var hidden = new double[Hidden];
        var dHidden = new double[Hidden];
        for (int n = 0; n < Batch; n++)
        {
            var x = X[n];
            for (int h = 0; h < Hidden; h++)
            {
                double z = p[b1 + h];
                for (int i = 0; i < Inputs; i++) z += p[h * Inputs + i] * x[i];
                hidden[h] = Math.Tanh(z);
            }
            Array.Clear(dHidden);
            for (int o = 0; o < Outputs; o++)
            {
                double output = p[b2 + o];
                for (int h = 0; h < Hidden; h++) output += p[w2 + o * Hidden + h] * hidden[h];
                double dOutput = (output - Y[n][o]) / Batch;
                g[b2 + o] += dOutput;
                for (int h = 0; h < Hidden; h++)
                {
                    g[w2 + o * Hidden + h] += dOutput * hidden[h];
                    dHidden[h] += dOutput * p[w2 + o * Hidden + h];
                }
            }
            for (int h = 0; h < Hidden; h++)
            {
                double dz = dHidden[h] * (1 - hidden[h] * hidden[h]);
                g[b1 + h] += dz;
                for (int i = 0; i < Inputs; i++) g[h * Inputs + i] += dz * x[i];
            }
        }
        return g;
    }

    /// <summary>Writes sizes, batch and parameters (W1, b1, W2, b2 as nested arrays) as JSON; doubles round-trip exactly.</summary>
    public void Export(string path)
    {
        int b1 = Hidden * Inputs, w2 = b1 + Hidden, b2 = w2 + Outputs * Hidden;
        var p = Parameters;
        var document = new Dictionary<string, object>
        {
            ["inputs"] = Inputs,
            ["hidden"] = Hidden,
            ["outputs"] = Outputs,
            ["batch"] = Batch,
            ["x"] = X,
            ["y"] = Y,
            ["W1"] = Enumerable.Range(0, Hidden).Select(h => p[(h * Inputs)..((h + 1) * Inputs)]).ToArray(),
            ["b1"] = p[b1..w2],
            ["W2"] = Enumerable.Range(0, Outputs).Select(o => p[(w2 + o * Hidden)..(w2 + (o + 1) * Hidden)]).ToArray(),
            ["b2"] = p[b2..],
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(document));
    }

    private static double[][] Matrix(Random random, int rows, int columns, double scale) =>
        Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray()).ToArray();
}
