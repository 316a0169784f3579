using System.Globalization;
using System.Numerics;

namespace GradCheck.Models;

/// <summary>
/// The model's own gradient at the unperturbed point: one <see cref="IDifferentiableModel{T}.Loss"/> and one
/// <see cref="IDifferentiableModel{T}.Backward"/>, copied out before any perturbation can overwrite the buffers.
/// </summary>
internal sealed class AnalyticGradient<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[][] _gradients;

    private AnalyticGradient(T[][] gradients, double loss, IReadOnlyList<string> warnings)
    {
        _gradients = gradients;
        Loss = loss;
        Warnings = warnings;
    }

    public T[] this[int tensor] => _gradients[tensor];

    /// <summary>The loss at the unperturbed point.</summary>
    public double Loss { get; }

    public IReadOnlyList<string> Warnings { get; }

    public static AnalyticGradient<T> Compute(IDifferentiableModel<T> model, Parameter<T>[] parameters, ParameterSnapshot<T> snapshot, bool checkReentrancy)
    {
        double loss = Call(() => double.CreateChecked(model.Loss()), "Loss()");
        Call(() => { model.Backward(); return 0; }, "Backward()");
        ThrowIfValuesModified(parameters, snapshot);
        var gradients = parameters.Select(p => p.Gradient.ToArray()).ToArray();
        var warnings = new List<string>();
        if (checkReentrancy) CheckReentrancy(model, parameters, gradients, warnings);
        return new AnalyticGradient<T>(gradients, loss, warnings);
    }

    /// <summary>
    /// A second Backward() at the same point must give the same gradient. The common way it does not: the
    /// backward pass accumulates (+=) into buffers it never zeroes, which silently doubles the gradient on the
    /// second training step. The first result is the one checked.
    /// </summary>
    private static void CheckReentrancy(IDifferentiableModel<T> model, Parameter<T>[] parameters, T[][] first, List<string> warnings)
    {
        Call(() => { model.Backward(); return 0; }, "Backward() (called a second time at the same point)");
        for (int t = 0; t < parameters.Length; t++)
        {
            var again = parameters[t].Gradient.Span;
            int differing = 0;
            for (int i = 0; i < again.Length; i++)
                if (!again[i].Equals(first[t][i]) && !(T.IsNaN(again[i]) && T.IsNaN(first[t][i]))) differing++;
            if (differing > 0)
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Backward() is not reentrant: a second call at the same point changed {differing} of {again.Length} gradient entries of '{parameters[t].Name}'. ")
                    + "Does it accumulate (+=) into the gradient buffers without zeroing them first? The first result was checked.");
        }
    }

    private static void ThrowIfValuesModified(Parameter<T>[] parameters, ParameterSnapshot<T> snapshot)
    {
        for (int t = 0; t < parameters.Length; t++)
        {
            var now = parameters[t].Values.Span;
            var before = snapshot.Values(t);
            for (int i = 0; i < now.Length; i++)
            {
                if (now[i].Equals(before[i]) || (T.IsNaN(now[i]) && T.IsNaN(before[i]))) continue;
                throw new GradientCheckException(string.Create(CultureInfo.InvariantCulture,
                    $"The model's Loss() or Backward() modified {parameters[t].EntryName(i)} (from {before[i]} to {now[i]}). ")
                    + "A check perturbs the parameters in place, so the forward and backward passes must treat them as read-only; "
                    + "apply optimizer updates outside Loss() and Backward(). The parameters were restored.");
            }
        }
    }

    private static TResult Call<TResult>(Func<TResult> action, string what)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is not OperationCanceledException and not GradientCheckException)
        {
            throw new FunctionEvaluationException($"The model's {what} threw {e.GetType().Name} at the unperturbed parameters: {e.Message}", e, null);
        }
    }
}
