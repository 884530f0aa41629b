using Flows.Cli;
using Flows.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

// Patterns in third-party schemas run in this process; no regular expression may run unbounded.
// (Must come before any Regex is created: the default is read once.)
AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));

// The composition root: parse the command line, build the one service provider, run the command.
ServiceProvider? provider = null;
var commandLine = new FlowsCommandLine(() => provider ?? throw new InvalidOperationException("Services are not built yet."));
var parsed = commandLine.Root.Parse(args);

provider = new ServiceCollection()
    .AddFlowsPlugins()
    .AddFlowsAccounts()
    .AddFlowsCli(verbose: parsed.GetValue(FlowsCommandLine.Verbose))
    .BuildServiceProvider();

await using (provider)
{
    return await parsed.InvokeAsync().ConfigureAwait(false);
}
