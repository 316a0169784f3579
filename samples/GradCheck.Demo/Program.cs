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
    if (!report.Passed)
    {
        Console.WriteLine();
        Console.WriteLine(report.FailureMessage());
    }
    Console.WriteLine();
}
