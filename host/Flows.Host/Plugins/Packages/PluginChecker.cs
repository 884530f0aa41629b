using Flows.Forms;
using Flows.Host.Hosting;
using Flows.Host.Plugins.Activation;
using Flows.Host.Plugins.Discovery;
using Flows.Host.Plugins.State;
using Flows.Host.Schemas;

namespace Flows.Host.Plugins.Packages;

/// <summary>
/// What a plugin author runs before shipping, and what install runs before accepting a plugin:
/// the manifest against its schema, the files it names, the account schemas, and optionally a
/// trial activation that runs the plugin's code.
/// </summary>
public sealed class PluginChecker
{
    // Assemblies the host provides; a private copy in the plugin folder would split type identity.
    private static readonly string[] HostProvidedAssemblies = ["Flows.Contracts.dll", "System.Composition.AttributedModel.dll"];

    private static readonly PluginStateSnapshot NoState =
        new(new HashSet<string>(), new Dictionary<string, RecordedFault>());

    private readonly PluginDiscovery _discovery;
    private readonly IPluginActivator _activator;

    public PluginChecker(PluginDiscovery discovery, IPluginActivator activator)
    {
        _discovery = discovery;
        _activator = activator;
    }

    /// <summary>Checks the plugin folder <paramref name="directory"/>.</summary>
    /// <param name="activate">Also load and compose the plugin's code (runs its constructors).</param>
    public async Task<PluginCheckReport> CheckAsync(string directory, bool activate, CancellationToken cancellationToken)
    {
        var plugin = _discovery.Examine(directory, PluginSource.User, NoState);
        var problems = new List<PluginCheckProblem>();
        var warnings = new List<string>();
        if (plugin.Status != PluginStatus.Active)
        {
            problems.AddRange(plugin.Problems.Select(p => new PluginCheckProblem(plugin.Stage ?? PluginStage.Manifest, p)));
        }

        if (plugin.Manifest is { } manifest)
        {
            foreach (var account in manifest.Accounts.Where(a => File.Exists(a.SchemaPath)))
            {
                var schema = AccountSchemaLoader.Load(account.SchemaPath);
                problems.AddRange(schema.Problems.Select(p => new PluginCheckProblem(PluginStage.Files, $"Account type '{account.Id}': {p}")));
                warnings.AddRange(schema.Warnings.Select(w => $"Account type '{account.Id}': {w}"));
                if (schema.Text is { } text && Forms.FormSchema.Load(text).Errors is { Count: > 0 } formErrors)
                {
                    problems.AddRange(formErrors.Select(e => new PluginCheckProblem(PluginStage.Files, $"Account type '{account.Id}': no form can be built: {e}")));
                }
            }

            foreach (var name in HostProvidedAssemblies.Where(n => File.Exists(Path.Combine(plugin.Directory, n))))
            {
                problems.Add(new PluginCheckProblem(
                    PluginStage.Files,
                    $"{name} must not ship in the plugin folder: the host provides it (reference it with Private=false / ExcludeAssets=runtime)."));
            }
        }

        if (activate && problems.Count == 0)
        {
            var activation = await _activator.ActivateAsync(plugin, cancellationToken).ConfigureAwait(false);
            activation.Plugin?.Dispose();
            if (!activation.IsSuccess)
            {
                problems.AddRange(activation.Problems.Select(p => new PluginCheckProblem(activation.FailedStage ?? PluginStage.Load, p)));
            }
        }

        return new PluginCheckReport(plugin, problems, activate && problems.Count == 0) { Warnings = warnings };
    }
}

/// <summary>One problem found by <see cref="PluginChecker"/>, with the stage it belongs to.</summary>
public sealed record PluginCheckProblem(PluginStage Stage, string Message);

/// <summary>The outcome of a check.</summary>
/// <param name="Activated">Whether the plugin's code was loaded and composed successfully.</param>
public sealed record PluginCheckReport(PluginInfo Plugin, IReadOnlyList<PluginCheckProblem> Problems, bool Activated)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>Harmless faults (malformed annotations in an account schema): reported, never a failure.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
