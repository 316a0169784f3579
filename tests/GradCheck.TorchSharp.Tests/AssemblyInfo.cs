// The checks save and restore process-wide torch state (global RNG, thread count, grad mode) and the tests assert it
// is unchanged; tests running in parallel would change it under each other's feet.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
