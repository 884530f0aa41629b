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
        CliJson.Name(plugin.Status),
        plugin.Stage is { } stage ? CliJson.Name(stage) : null,
        plugin.Reason,
        plugin.Status == PluginStatus.Active ? [] : plugin.Problems,
        CliJson.Name(plugin.Source),
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
    string Status,
    string? Stage,
    string? Reason,
    IReadOnlyList<string> Problems,
    string Source,
    string Directory,
    string? Engine,
    IReadOnlyList<AccountTypeJson> AccountTypes);

internal sealed record AccountTypeJson(string Id, string Title, string Description, string Schema);

internal sealed record PluginListJson(string ContractsVersion, IReadOnlyList<string> PluginDirectories, IReadOnlyList<PluginJson> Plugins, ConfinementJson Confinement, NodesJson? Nodes = null);

/// <summary>Whether plugin code runs confined on this machine, and the sentence that says what that means.</summary>
internal sealed record ConfinementJson(bool Confined, string Summary);

internal sealed record ActivationJson(bool Succeeded, double? ElapsedMs, IReadOnlyList<string> AccountTypes, IReadOnlyList<string> Validators, string? Error);

internal sealed record PluginInspectJson(PluginJson Plugin, ActivationJson? Activation);

internal sealed record CheckProblemJson(string Stage, string Message);

internal sealed record PluginCheckJson(bool Passed, bool Activated, string Plugin, string? Version, IReadOnlyList<CheckProblemJson> Problems, IReadOnlyList<string> Warnings);

internal sealed record FormCheckJson(
    string File,
    bool Passed,
    int Inputs,
    IReadOnlyList<string> Secrets,
    IReadOnlyList<string> Degraded,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Problems,
    FormSeenJson? Seen);

/// <summary>What users will see of a form: hidden parts, sections, collapsed optional fields, help with markup.</summary>
internal sealed record FormSeenJson(IReadOnlyList<string> Hidden, IReadOnlyList<FormSectionJson> Sections, int CollapsedOptional, IReadOnlyList<string> HelpWithMarkup);

/// <summary>A section heading and how many fields it holds.</summary>
internal sealed record FormSectionJson(string Name, int Fields);
