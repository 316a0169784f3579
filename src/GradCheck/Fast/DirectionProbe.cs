using System.Globalization;
using System.Numerics;
using GradCheck.FiniteDifferences;
using GradCheck.Internal;

namespace GradCheck.Fast;

/// <summary>
/// f along a line x + t·d through the point, where d is ±1 on a segment of a random direction and 0 elsewhere:
/// moves the segment's coordinates in place, evaluates, and restores them from the unperturbed copy in
/// <c>finally</c>, so the array is bit-identical after any outcome. The parameter t starts at 0.
/// </summary>
internal sealed class DirectionProbe<T> : ILineProbe where T : IFloatingPointIeee754<T>
{
    private readonly Func<T[], int, T> _function;
    private readonly T[] _point;
    private readonly T[] _original;
    private readonly EvaluationCounter _counter;
    private readonly CancellationToken _cancellation;
    private readonly Func<int, double> _f0;
    private DirectionSegment _segment = new(RandomDirection.Empty, 0, 0, 0);

    public DirectionProbe(Func<T[], int, T> function, T[] point, T[] original, Func<int, double> f0, double noise, EvaluationCounter counter, CancellationToken cancellation)
    {
        _function = function;
        _point = point;
        _original = original;
        _counter = counter;
        _cancellation = cancellation;
        _f0 = f0;
        Noise = noise;
        Epsilon = double.CreateChecked(CoordinateProbe<T>.MachineEpsilon());
    }

    /// <summary>The line's parameter at the point: 0.</summary>
    public double X => 0;

    /// <summary>The scalar at the point for the current direction (the same for every direction of a gradient check).</summary>
    public double F0 => _f0(_segment.Direction.Number);

    public double Epsilon { get; }

    /// <summary>Measured rounding noise of one value of f: the same whichever coordinates are moved.</summary>
    public double Noise { get; }

    private readonly RepeatLog _log = new();

    public void MoveTo(DirectionSegment segment)
    {
        _log.Clear();
        _segment = segment;
    }

    /// <summary>Evaluates this direction's offsets again; a different value raises <see cref="NonDeterministicFunctionException"/>.</summary>
    public int VerifyRepeatable(double tolerance) =>
        _log.Verify(offset => EvaluateUnlogged(offset, out _), tolerance,
            offset => string.Create(CultureInfo.InvariantCulture, $"{_segment.Length} coordinates moved by ±{Math.Abs(offset):G3} along random direction #{_segment.Direction.Number}"));

    /// <summary>
    /// f(x + t·d). Each coordinate realises its own rounded offset x_i ± t − x_i; the offset reported is their
    /// least-squares fit along d (their signed mean), the analogue of the realised step of a coordinate probe.
    /// </summary>
    public double Evaluate(double offset, out double actualOffset)
    {
        double value = EvaluateUnlogged(offset, out actualOffset);
        _log.Record(offset, value);
        return value;
    }

    private double EvaluateUnlogged(double offset, out double actualOffset)
    {
        _cancellation.ThrowIfCancellationRequested();
        var direction = _segment.Direction;
        T step = T.CreateChecked(offset);
        double realised = 0;
        T value;
        try
        {
            for (int p = _segment.Start; p < _segment.End; p++)
            {
                int i = direction.Coordinate(p);
                int sign = direction.Sign(p);
                T moved = sign > 0 ? _original[i] + step : _original[i] - step;
                _point[i] = moved;
                realised += sign * (double.CreateChecked(moved) - double.CreateChecked(_original[i]));
            }
            value = _function(_point, _segment.Direction.Number);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FunctionEvaluationException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The function threw {e.GetType().Name} while {_segment.Length} coordinates were moved by ±{offset:G3} along random direction #{_segment.Direction.Number}: {e.Message}"),
                e, null);
        }
        finally
        {
            for (int p = _segment.Start; p < _segment.End; p++)
            {
                int i = direction.Coordinate(p);
                _point[i] = _original[i];
            }
            _counter.Count++;
        }
        actualOffset = realised / _segment.Length;
        return double.CreateChecked(value);
    }
}
