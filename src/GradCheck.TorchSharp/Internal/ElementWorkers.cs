using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// The workers that evaluate perturbed points of a full check: the first on the caller's tensors, each further one on
/// its own copies of the inputs with an evaluator forked from the check's, so that no tensor is perturbed by two threads.
/// Parallel only where nothing but the inputs is perturbed and nothing global is touched per call: a plain function
/// (a module check perturbs the module's own parameters), no gradgradcheck (its function runs autograd), no replayed
/// seed (the global generator), no sparse input (its values share the input's storage). Elsewhere one worker.
/// </summary>
internal sealed class ElementWorkers
{
    private readonly (Tensor[] Perturbed, Evaluator Evaluator)[] _workers;

    private readonly bool _singleThreaded;

    private ElementWorkers((Tensor[], Evaluator)[] workers, bool singleThreaded)
    {
        _workers = workers;
        _singleThreaded = singleThreaded;
    }

    public int Count => _workers.Length;

    /// <summary>
    /// One worker per thread of <paramref name="degree"/>, where parallel evaluation is safe (see the class summary).
    /// Copies are made now, from the inputs as they are (unperturbed), and belong to the caller's dispose scope.
    /// </summary>
    public static ElementWorkers Create(Evaluator evaluator, Tensor[] work, int[] checkedInputs, Tensor[] x, int degree, bool canParallelize, bool singleThreaded)
    {
        var workers = new List<(Tensor[], Evaluator)> { (x, evaluator) };
        if (canParallelize && !work.Any(t => t is not null && t.is_sparse))
        {
            for (int w = 1; w < degree; w++)
            {
                // Checked inputs are copied (they are perturbed); constants are shared, only read.
                var copies = work.Select((t, i) => checkedInputs.Contains(i) ? t.detach().clone().requires_grad_(t.requires_grad) : t).ToArray();
                workers.Add((checkedInputs.Select(i => copies[i]).ToArray(), evaluator.Fork(copies)));
            }
        }
        return new ElementWorkers(workers.ToArray(), singleThreaded);
    }

    /// <summary>
    /// <paramref name="check"/> for every position 0 … <paramref name="count"/> − 1 (worker's perturbed inputs, its evaluator,
    /// position), the results in position order whatever the threads did. Positions are handed out in increasing order; a
    /// failure stops the hand-out, and the failure of the lowest position is thrown, which is the one a sequential run
    /// meets first (every lower position was handed out before it and finished), so one worker and several fail alike.
    /// </summary>
    public T[] Map<T>(int count, Func<Tensor[], Evaluator, int, T> check)
    {
        var results = new T[count];
        if (_workers.Length == 1 || count <= 1)
        {
            for (int p = 0; p < count; p++) results[p] = check(_workers[0].Perturbed, _workers[0].Evaluator, p);
            return results;
        }
        int next = -1, lowestFailure = int.MaxValue;
        var failures = new Exception?[count];
        void Work(int w)
        {
            // libtorch's intra-op thread count (OpenMP's) belongs to the thread that set it: a new thread starts at one per
            // core, and two workers each running ops on every core made the check 15× slower on 2 cores (measured here).
            if (w > 0 && _singleThreaded && get_num_threads() != 1) set_num_threads(1);
            var (perturbed, evaluator) = _workers[w];
            for (int p = Interlocked.Increment(ref next); p < count && p < Volatile.Read(ref lowestFailure); p = Interlocked.Increment(ref next))
            {
                try
                {
                    results[p] = check(perturbed, evaluator, p);
                }
                catch (Exception e)
                {
                    failures[p] = e;
                    int seen;
                    while (p < (seen = Volatile.Read(ref lowestFailure)) && Interlocked.CompareExchange(ref lowestFailure, p, seen) != seen) { }
                    return;
                }
            }
        }
        var threads = Enumerable.Range(1, _workers.Length - 1).Select(w => Task.Factory.StartNew(() => Work(w), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Work(0);
        Task.WaitAll(threads);
        if (lowestFailure != int.MaxValue) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failures[lowestFailure]!).Throw();
        return results;
    }
}
