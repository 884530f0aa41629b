using System.CommandLine;
using Flows.Host.Plugins.Isolation;

namespace Flows.Cli.Commands.Worker;

/// <summary>
/// `flows __plugin-worker …`: one plugin's code in a process of its own, started by flows itself
/// (see <see cref="PluginWorker.Arguments"/>). Hidden: not a command people type.
/// </summary>
internal static class PluginWorkerCommand
{
    public static Command Create()
    {
        // Checked by the worker itself, which knows their meaning and answers a wrong count with its usage line.
        var arguments = new Argument<string[]>("arguments") { Arity = ArgumentArity.ZeroOrMore };
        var worker = new Command(PluginWorker.CommandName, "Run one plugin's code for flows (started by flows).") { arguments };
        worker.Hidden = true;
        worker.SetAction((result, cancellationToken) =>
            PluginWorkerHandler.RunAsync(result.GetValue(arguments) ?? [], cancellationToken));
        return worker;
    }
}
