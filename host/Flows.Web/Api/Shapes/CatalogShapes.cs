using Flows.Host.Accounts;
using System.Text.Json.Nodes;
using Flows.Forms;
using Flows.Host.Hosting;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Confinement;
using Flows.Host.Plugins.Isolation;

namespace Flows.Web.Api.Shapes;

/// <summary>A plugin as <c>GET /api/plugins</c> shows it (the names <c>flows plugins list --json</c> uses).</summary>
/// <param name="Stage">Where a status other than Active was decided; absent for an Active plugin.</param>
/// <param name="Reason">Why the plugin is not Active, in words; absent for an Active plugin.</param>
/// <param name="Problems">Every individual problem; empty for an Active plugin.</param>
/// <param name="Worker">The worker process running the plugin's code; absent when none runs (one starts on next use).</param>
internal sealed record PluginResponse(
    string Id,
    string DisplayName,
    string? Version,
    string? Publisher,
    string? Description,
    PluginSource Source,
    PluginStatus Status,
    PluginStage? Stage,
    string? Reason,
    IReadOnlyList<string> Problems,
    IReadOnlyList<AccountTypeResponse> AccountTypes,
    ConfinementResponse Confinement,
    PluginWorkerResponse? Worker,
    string? NodesDisagree = null)
{
    public static PluginResponse From(PluginInfo plugin, ConfinementStatus confinement, PluginWorkerInfo? worker, string? nodesDisagree = null) => new(
        plugin.Id,
        plugin.DisplayName,
        plugin.Version?.ToString(),
        plugin.Manifest?.Publisher,
        plugin.Manifest?.Description,
        plugin.Source,
        plugin.Status,
        plugin.Stage,
        plugin.Reason,
        plugin.Status == PluginStatus.Active ? [] : plugin.Problems,
        [.. plugin.Accounts.Select(a => new AccountTypeResponse(a.Id, a.Title, a.Description, plugin.Id))],
        new ConfinementResponse(confinement.Confined, confinement.Summary),
        worker is null ? null : new PluginWorkerResponse(Running: true, worker.ProcessId, worker.MemoryBytes, worker.IdleSince),
        nodesDisagree);
}

/// <summary>A plugin's running worker process: its process id, resident memory, and since when no call has run in it (absent while one runs).</summary>
internal sealed record PluginWorkerResponse(bool Running, int Pid, long MemoryBytes, DateTimeOffset? IdleSince);

/// <summary>Whether the plugin's code runs confined (on this machine, with these settings), and what that means.</summary>
internal sealed record ConfinementResponse(bool Confined, string Summary);

/// <summary>An account type a plugin contributes.</summary>
internal sealed record AccountTypeResponse(string Id, string Title, string Description, string PluginId)
{
    public static AccountTypeResponse From(AccountTypeInfo type) => new(type.Id, type.Title, type.Description, type.Plugin.Id);
}

/// <summary>
/// An account type with its connector's JSON Schema and the form the host makes of it (the host's
/// Label field first). When the schema cannot become a form, <see cref="Form"/> is absent and
/// <see cref="Problem"/> says why.
/// </summary>
internal sealed record AccountTypeDetailResponse(
    string Id,
    string Title,
    string Description,
    string PluginId,
    JsonNode? Schema,
    FormResponse? Form,
    string? Problem);

/// <summary>The form model as JSON: what to ask, in order, with every hint (<c>flows forms render --json</c> shows the same fields).</summary>
/// <param name="Notes">What the form could not express faithfully, for the schema's author.</param>
internal sealed record FormResponse(string? Title, string? Description, IReadOnlyList<FormField> Fields, IReadOnlyList<string> Notes)
{
    public static FormResponse From(AccountForm form) =>
        new(form.Schema.Model.Title ?? form.AccountTypeTitle, form.Schema.Model.Description, form.Fields, form.Schema.Model.Notes);
}
