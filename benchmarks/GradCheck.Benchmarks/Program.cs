using GradCheck.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/GradCheck.Benchmarks -- all [--out docs/benchmarks.md] [--quick] [--no-bdn] [--no-torch]
// "all" regenerates every section and writes the Markdown report; see benchmarks/README.md.
return Cli.Run(args);
