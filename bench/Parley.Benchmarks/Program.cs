using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Parley.Benchmarks -- --filter '*'            (full runs)
// dotnet run -c Release --project bench/Parley.Benchmarks -- --filter '*' --job short (quicker)
BenchmarkSwitcher.FromAssembly(typeof(Parley.Benchmarks.ForecastBenchmarks).Assembly).Run(args);
