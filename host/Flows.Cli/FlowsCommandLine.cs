using System.CommandLine;
using Flows.Cli.Commands.Plugins;

namespace Flows.Cli;

/// <summary>The shape of the `flows` command line. Handlers come from the service provider when a command runs.</summary>
internal sealed class FlowsCommandLine
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show diagnostic logging on standard error.",
        Recursive = true,
    };

    public FlowsCommandLine(Func<IServiceProvider> services)
    {
        Root = new RootCommand("Flows: connector plugins and the accounts made with them.")
        {
            Verbose,
            PluginCommands.Create(services),
            Commands.Forms.FormCommands.Create(services),
            Commands.Accounts.AccountCommands.Create(services),
            Commands.Store.StoreCommands.Create(services),
            Commands.Serve.ServeCommand.Create(services),
            Commands.Worker.PluginWorkerCommand.Create(),
        };
    }

    public RootCommand Root { get; }
}
