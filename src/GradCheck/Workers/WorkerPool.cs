using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.ExceptionServices;

namespace GradCheck.Workers;

/// <summary>
/// Runs independent checks (coordinates, directions) sequentially on the caller's point, or concurrently on
/// private copies of it. Results come back in the order of the items, and every check depends only on its item
/// and the unperturbed point, so a parallel run gives exactly the numbers of a sequential one.
/// </summary>
internal sealed class WorkerPool<T> where T : IFloatingPointIeee754<T>
{
    private readonly Func<T[], EvaluationWorker<T>> _create;
    private readonly T[] _snapshot;
    private readonly int _parallelism;
    private readonly CancellationToken _cancellation;
    private readonly List<EvaluationWorker<T>> _all = [];
    private readonly ConcurrentStack<EvaluationWorker<T>> _idle = new();
    private readonly EvaluationWorker<T>? _sequential;

    /// <param name="create">Makes a worker that perturbs the given array.</param>
    /// <param name="point">The caller's point: perturbed (and restored) in place only when running sequentially.</param>
    /// <param name="snapshot">The unperturbed point, copied for each parallel worker.</param>
    /// <param name="parallelism">Threads at most; 1 runs everything on the calling thread.</param>
    /// <param name="cancellation">Stops the run between evaluations.</param>
    public WorkerPool(Func<T[], EvaluationWorker<T>> create, T[] point, T[] snapshot, int parallelism, CancellationToken cancellation)
    {
        if (parallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism,
                "MaxDegreeOfParallelism must be at least 1 (1 = sequential; 2 or more = that many threads, each on its own copy of the point).");
        _create = create;
        _snapshot = snapshot;
        _parallelism = parallelism;
        _cancellation = cancellation;
        if (parallelism == 1)
        {
            _sequential = create(point);
            _all.Add(_sequential);
        }
    }

    /// <summary>Function evaluations made by all workers so far.</summary>
    public int Evaluations
    {
        get
        {
            lock (_all) return _all.Sum(w => w.Counter.Count);
        }
    }

    /// <summary>Applies <paramref name="work"/> to every item; result i belongs to item i.</summary>
    public TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<EvaluationWorker<T>, TItem, TResult> work)
    {
        var results = new TResult[items.Count];
        if (_sequential is { } worker)
        {
            for (int i = 0; i < items.Count; i++)
            {
                _cancellation.ThrowIfCancellationRequested();
                results[i] = work(worker, items[i]);
            }
            return results;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = _cancellation };
        try
        {
            Parallel.For(0, items.Count, options, Rent, (i, _, w) =>
            {
                results[i] = work(w, items[i]);
                return w;
            }, _idle.Push);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Callers expect the exception a sequential run would throw (e.g. FunctionEvaluationException), not a wrapper.
            var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
        return results;
    }

    private EvaluationWorker<T> Rent()
    {
        if (_idle.TryPop(out var worker)) return worker;
        worker = _create((T[])_snapshot.Clone());
        lock (_all) _all.Add(worker);
        return worker;
    }
}
