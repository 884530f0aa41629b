using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Flows.Benchmarks -- --filter '*'
// (bench/plugins-list.sh times the real `flows plugins list` process end to end.)
BenchmarkSwitcher.FromAssembly(typeof(Flows.Benchmarks.ActivationBenchmarks).Assembly).Run(args);
