using Flows.Host.Plugins;
using Spectre.Console;

namespace Flows.Cli.Output;

/// <summary>How plugins and their statuses look in the terminal and in --json output.</summary>
internal static class PluginView
{
    public static Style StatusStyle(PluginStatus status) => status switch
    {
        PluginStatus.Active => new Style(Color.Green),
        PluginStatus.Disabled => new Style(Color.Grey),
        PluginStatus.Superseded => new Style(Color.Grey),
        PluginStatus.Incompatible => new Style(Color.Yellow),
        _ => new Style(Color.Red),
    };

    public static string StatusText(PluginInfo plugin) =>
        plugin.Status == PluginStatus.Active || plugin.Stage is null ? plugin.Status.ToString() : $"{plugin.Status} ({plugin.Stage})";

    public static PluginJson ToJson(PluginInfo plugin) => new(
        plugin.Id,
        plugin.DisplayName,
        plugin.Version?.ToString(),
        plugin.Manifest?.Publisher,
        plugin.Manifest?.Description,
        plugin.Status,
        plugin.Stage,
        plugin.Reason,
        plugin.Status == PluginStatus.Active ? [] : plugin.Problems,
        plugin.Source,
        plugin.Directory,
        plugin.Manifest?.EngineRangeText,
        plugin.Accounts.Select(a => new AccountTypeJson(a.Id, a.Title, a.Description, a.SchemaPath)).ToList());
}

internal sealed record PluginJson(
    string Id,
    string DisplayName,
    string? Version,
    string? Publisher,
    string? Description,
    PluginStatus Status,
    PluginStage? Stage,
    string? Reason,
    IReadOnlyList<string> Problems,
    Flows.Host.Hosting.PluginSource Source,
    string Directory,
    string? Engine,
    IReadOnlyList<AccountTypeJson> AccountTypes);

internal sealed record AccountTypeJson(string Id, string Title, string Description, string Schema);
