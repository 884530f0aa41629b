using BenchmarkDotNet.Running;

// dotnet build host/Flows.Cli -c Release && dotnet run -c Release --project tests/Flows.Benchmarks -- --filter '*'
// (bench/plugins-list.sh times the real `flows plugins list` process end to end.)
// `store-rate --seconds N --concurrency C`: saves per second of the account store alone, for bench/web.sh.
// `raw-sqlite-rate --seconds N --concurrency C`: SQLite's own one-commit-per-row rate, for bench/store-commit.sh.
// `seed-accounts --home DIR --count N`: a data directory with N accounts, for bench/accounts-pages.sh.
if (args is [Flows.Benchmarks.StoreRate.Command, .. var rest])
{
    return await Flows.Benchmarks.StoreRate.RunAsync(rest).ConfigureAwait(false);
}

if (args is [Flows.Benchmarks.RawSqliteRate.Command, .. var rawArgs])
{
    return await Flows.Benchmarks.RawSqliteRate.RunAsync(rawArgs).ConfigureAwait(false);
}

if (args is [Flows.Benchmarks.SeedAccounts.Command, .. var seedArgs])
{
    return await Flows.Benchmarks.SeedAccounts.RunAsync(seedArgs).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Flows.Benchmarks.ActivationBenchmarks).Assembly).Run(args);
return 0;
