using GradCheck;
using GradCheck.Samples;

// The seed's flow: forward, backprop, compare with finite differences — once with a correct backprop and
// once with a planted bug (the tanh derivative forgotten for one hidden unit).
foreach (bool plantBug in new[] { false, true })
{
    var network = new TwoLayerNetwork(inputs: 3, hidden: 4, outputs: 2, batch: 5, seed: 7) { PlantBug = plantBug };
    double[] parameters = network.InitialParameters(seed: 11);
    var options = new GradientCheckOptions { EntryName = network.ParameterName };

    Console.WriteLine(plantBug ? "== Two-layer network, backprop with a planted bug ==" : "== Two-layer network, correct backprop ==");
    var report = GradientCheck.Run(network.Loss, network.Gradient, parameters, options);
    Console.WriteLine(report);
    if (report.Outcome == CheckOutcome.Failed)
    {
        Console.WriteLine();
        Console.WriteLine(report.FailureMessage());
    }
    Console.WriteLine();
}

// Whole models: named parameter tensors, one report per tensor, and a diagnosis for each failing tensor.
Console.WriteLine("== Softmax MLP (fc1, fc2), correct backprop, float: ModelCheck ==");
Console.WriteLine(ModelCheck.Run(new SoftmaxMlp<float>()));
Console.WriteLine();

foreach (var (title, model) in new (string, IDifferentiableModel<double>)[]
{
    ("Softmax MLP, planted bug: fc1 weight gradient in the transposed layout", new SoftmaxMlp<double>(bug: PlantedBug.TransposedWeightGradient)),
    ("Convolution classifier, planted bug: weight decay missing from the backward pass", new ConvClassifier<double>(bug: PlantedBug.MissingWeightDecay)),
    ("Convolution classifier, planted bug: 1/batch size forgotten", new ConvClassifier<double>(bug: PlantedBug.ForgottenBatchMean)),
})
{
    Console.WriteLine($"== {title} ==");
    var report = ModelCheck.Run(model);
    Console.WriteLine(report.Summary);
    foreach (var tensor in report.Parameters)
        Console.WriteLine($"  {tensor.Name,-12} {tensor.Outcome switch { CheckOutcome.Passed => "ok", CheckOutcome.Failed => $"FAILED: {tensor.Diagnosis}", _ => "INCONCLUSIVE (derivatives not resolved; see the warnings)" }}");
    if (model is SoftmaxMlp<double>)
    {
        // What ThrowIfFailed() would say in a unit test: each failing tensor, its diagnosis and the wrong entries.
        Console.WriteLine();
        Console.WriteLine(report.FailureMessage());
    }
    Console.WriteLine();
}

// Training-time monitor: a sampled check every 25 steps at the current weights, with its cost per step.
Console.WriteLine("== Convolution classifier, 100 steps of gradient descent with a GradientMonitor (every 25 steps, 4 entries per tensor) ==");
var conv = new ConvClassifier<double>(seed: 3);
var monitor = new GradientMonitor<double>(conv, new GradientMonitorOptions { Interval = 25, SampleSize = 4 });
for (int step = 1; step <= 100; step++)
{
    double loss = conv.Loss();
    conv.Backward();
    foreach (var parameter in conv.Parameters)
    {
        var values = parameter.Values.Span;
        var gradient = parameter.Gradient.Span;
        for (int i = 0; i < values.Length; i++) values[i] -= 0.1 * gradient[i];
    }
    if (monitor.Step() is { } check) Console.WriteLine($"  step {step,3}: loss {loss:0.0000}; {check.Summary}");
}
Console.WriteLine($"  {monitor}");
