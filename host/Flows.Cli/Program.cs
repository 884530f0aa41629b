using Flows.Cli;
using Flows.Host.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Other processes of this user may not read this process's /proc files (its environment can hold
// the account key and the access credential), attach to it, or ask the runtime's diagnostic port for
// its environment; plugin workers too are such processes.
Flows.Host.Plugins.Confinement.ProcessDumpability.MakeNonDumpable();
Flows.Host.Plugins.Confinement.DiagnosticPort.Close();

// Patterns in third-party schemas run in this process; no regular expression may run unbounded.
// (Must come before any Regex is created: the default is read once.)
AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));

// ICU is loaded (account labels need real Unicode normalisation), but what flows prints, and what
// plugins format in its workers, stays the same whatever the user's locale.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

// The composition root: parse the command line, build the one service provider, run the command.
ServiceProvider? provider = null;
var commandLine = new FlowsCommandLine(() => provider ?? throw new InvalidOperationException("Services are not built yet."));
var parsed = commandLine.Root.Parse(args);

// The operator's settings, read once: flows.json in the data directory, FLOWS_ variables. A plugin
// worker takes only what its host handed it (confined, it may not read flows.json).
IConfiguration configuration;
try
{
    configuration = parsed.CommandResult.Command.Name == Flows.Host.Plugins.Isolation.PluginWorker.CommandName
        ? FlowsConfiguration.FromEnvironment()
        : FlowsConfiguration.Build();
}
catch (FlowsConfigurationException exception)
{
    await Console.Error.WriteLineAsync($"flows: {exception.Message}").ConfigureAwait(false);
    return 1;
}

provider = new ServiceCollection()
    .AddSingleton(configuration)
    // Plugin code runs in worker processes (flows __plugin-worker): a plugin that ends its process
    // leaves a clear message in check, install, validate and serve instead of ending flows. A
    // connector's author debugging it inside flows can keep it in this process instead.
    .AddFlowsPlugins(configuration, o => o.PluginWorker = FlowsConfiguration.IsOn(configuration, FlowsConfiguration.InProcessKey)
        ? null
        : Flows.Host.Plugins.Isolation.PluginWorkerStart.ForThisProgram())
    .AddFlowsAccounts(configuration)
    .AddFlowsCli(verbose: parsed.GetValue(FlowsCommandLine.Verbose))
    .BuildServiceProvider();

await using (provider)
{
    try
    {
        return await parsed.InvokeAsync(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
    }
    catch (Flows.Host.Accounts.AccountStoreException exception)
    {
        // The store's own sentence: which file, what is wrong, what to do (never a value the user gave).
        await Console.Error.WriteLineAsync($"flows: {exception.Message}").ConfigureAwait(false);
        return 1;
    }
    catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
    {
        // Almost always the data directory (or a file in it) that cannot be created, read or written:
        // say which, in one line, instead of a stack trace.
        var home = provider.GetRequiredService<FlowsHostOptions>().HomeDirectory;
        await Console.Error.WriteLineAsync(
            $"flows: {exception.Message} The data directory is {home}; set {FlowsHostOptions.HomeVariable} to a folder this user can write.").ConfigureAwait(false);
        return 1;
    }
    catch (Exception exception) when (exception is not OperationCanceledException)
    {
        // A bug in flows itself: one line, and where it happened with --verbose. Never the message: a
        // library's message may quote a value the user gave, and that value may be a secret.
        await Console.Error.WriteLineAsync($"flows: unexpected {exception.GetType().Name}; this is a bug in flows (--verbose shows where).").ConfigureAwait(false);
        if (parsed.GetValue(FlowsCommandLine.Verbose))
        {
            await Console.Error.WriteLineAsync(exception.StackTrace).ConfigureAwait(false);
        }

        return 1;
    }
}
