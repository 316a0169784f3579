namespace MyLayers;

/// <summary>
/// A hand-written layer as users write them: y = tanh(W·x + b) with a squared-error loss
/// L = ½·Σ (y - t)², and its backward pass written out by hand.
/// </summary>
public sealed class DenseTanhLayer(int inputs, int outputs)
{
    public int Inputs { get; } = inputs;

    public int Outputs { get; } = outputs;

    /// <summary>Parameters in one flat array: W row by row (Outputs × Inputs), then b (Outputs).</summary>
    public int ParameterCount => Outputs * Inputs + Outputs;

    public double Loss(double[] parameters, double[] x, double[] target)
    {
        var y = Forward(parameters, x);
        double loss = 0;
        for (int o = 0; o < Outputs; o++) loss += 0.5 * (y[o] - target[o]) * (y[o] - target[o]);
        return loss;
    }

    /// <summary>dL/dW[o,i] = δ[o]·x[i] and dL/db[o] = δ[o], with δ = (y - t) ⊙ (1 - y²).</summary>
    public double[] Gradient(double[] parameters, double[] x, double[] target, bool forgetTanhDerivative = false)
    {
        var y = Forward(parameters, x);
        var gradient = new double[ParameterCount];
        for (int o = 0; o < Outputs; o++)
        {
            // forgetTanhDerivative plants the classic bug: the activation's derivative left out of the chain rule.
            double delta = (y[o] - target[o]) * (forgetTanhDerivative ? 1 : 1 - y[o] * y[o]);
            for (int i = 0; i < Inputs; i++) gradient[o * Inputs + i] = delta * x[i];
            gradient[Outputs * Inputs + o] = delta;
        }

        return gradient;
    }

    private double[] Forward(double[] parameters, double[] x)
    {
        var y = new double[Outputs];
        for (int o = 0; o < Outputs; o++)
        {
            double z = parameters[Outputs * Inputs + o];
            for (int i = 0; i < Inputs; i++) z += parameters[o * Inputs + i] * x[i];
            y[o] = Math.Tanh(z);
        }

        return y;
    }
}
