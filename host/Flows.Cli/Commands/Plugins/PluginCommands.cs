using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Cli.Commands.Plugins;

/// <summary>`flows plugins …`: list, inspect, check, pack, install, enable, disable.</summary>
internal static class PluginCommands
{
    public static Command Create(Func<IServiceProvider> services)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON for scripts instead of a table." };

        var list = new Command("list", "List every plugin with its version, status and account types. Loads no plugin code.") { json };
        list.SetAction((result, ct) => Resolve<ListPluginsHandler>(services).RunAsync(result.GetValue(json), ct));

        var inspectId = new Argument<string>("id") { Description = "The plugin id, e.g. flows.salesforce." };
        var activate = new Option<bool>("--activate") { Description = "Also load the plugin's code and show what it exports." };
        var inspect = new Command("inspect", "Show everything about one plugin.") { inspectId, json, activate };
        inspect.SetAction((result, ct) =>
            Resolve<InspectPluginHandler>(services).RunAsync(result.GetValue(inspectId)!, result.GetValue(json), result.GetValue(activate), ct));

        var folder = new Argument<string>("folder") { Description = "The plugin folder (its build output, with plugin.json)." };
        var noActivate = new Option<bool>("--no-activate") { Description = "Skip loading the plugin's code; check files only." };
        var check = new Command("check", "Check a plugin folder before shipping it: manifest, files, schemas, and a trial activation.") { folder, noActivate, json };
        check.SetAction((result, ct) =>
            Resolve<CheckPluginHandler>(services).RunAsync(result.GetValue(folder)!, !result.GetValue(noActivate), result.GetValue(json), ct));

        var source = new Argument<string>("source") { Description = "A plugin folder, or a .zip / .flowsplugin package." };
        var force = new Option<bool>("--force") { Description = "Allow replacing an installed plugin with a lower version." };
        var install = new Command("install", "Check a plugin and install it into the data directory; a broken plugin is refused.") { source, force };
        install.SetAction((result, ct) => Resolve<InstallPluginHandler>(services).RunAsync(result.GetValue(source)!, result.GetValue(force), ct));

        var packSource = new Argument<string>("source") { Description = "The connector's project (a .csproj or its folder), or a built plugin folder." };
        var packOutput = new Option<string>("--output", "-o") { Description = "Where to write the package (default: the current folder)." };
        var pack = new Command("pack", "Build (a project, in Release), check and pack a plugin into <id>-<version>.flowsplugin; a broken plugin is refused.") { packSource, packOutput };
        pack.SetAction((result, ct) =>
            Resolve<PackPluginHandler>(services).RunAsync(result.GetValue(packSource)!, result.GetValue(packOutput) ?? Directory.GetCurrentDirectory(), ct));

        var enableId = new Argument<string>("id") { Description = "The plugin id." };
        var enable = new Command("enable", "Enable a plugin.") { enableId };
        enable.SetAction(result => Resolve<EnablePluginHandler>(services).Run(result.GetValue(enableId)!, enabled: true));

        var disableId = new Argument<string>("id") { Description = "The plugin id." };
        var disable = new Command("disable", "Disable a plugin; its account types are no longer offered.") { disableId };
        disable.SetAction(result => Resolve<EnablePluginHandler>(services).Run(result.GetValue(disableId)!, enabled: false));

        return new Command("plugins", "Discover, check, install and manage connector plugins.")
        {
            list, inspect, check, pack, install, enable, disable,
        };
    }

    private static T Resolve<T>(Func<IServiceProvider> services)
        where T : notnull => services().GetRequiredService<T>();
}
