using Flows.Cli.Output;
using Flows.Forms.Terminal;
using Flows.Host.Plugins;
using Spectre.Console;

namespace Flows.Cli.Commands.Plugins;

/// <summary>`flows plugins inspect &lt;id&gt;`: one plugin in full; with --activate, what its code exports.</summary>
internal sealed class InspectPluginHandler(PluginCatalog catalog, CliOutput output)
{
    public async Task<int> RunAsync(string id, bool json, bool activate, CancellationToken cancellationToken)
    {
        var plugin = catalog.Find(id);
        if (plugin is null)
        {
            var known = string.Join(", ", catalog.Plugins.Select(p => p.Id).Distinct());
            output.Error($"no plugin with id '{id}'. Installed: {(known.Length == 0 ? "none" : known)}.");
            return 1;
        }

        ActivationJson? activation = null;
        if (activate)
        {
            var result = await catalog.ActivateAsync(plugin.Id, cancellationToken).ConfigureAwait(false);
            plugin = catalog.Find(id)!;
            activation = result.Plugin is { } active
                ? new ActivationJson(true, Math.Round(active.Elapsed.TotalMilliseconds, 1), active.Definitions.Select(d => d.Id).ToList(), active.Validators.Keys.ToList(), null)
                : new ActivationJson(false, null, [], [], result.Reason);
        }

        if (json)
        {
            output.WriteJson(new PluginInspectJson(PluginView.ToJson(plugin), activation), CliJson.Output.PluginInspectJson);
            return activation is { Succeeded: false } ? 1 : 0;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string key, string? value, Style? style = null) =>
            grid.AddRow(new Text(TerminalText.Plain(key), new Style(Color.Grey)), new Text(TerminalText.Plain(value ?? "—"), style ?? Style.Plain));

        Row("Id", plugin.Id);
        Row("Name", plugin.DisplayName);
        Row("Version", plugin.Version?.ToString());
        Row("Publisher", plugin.Manifest?.Publisher);
        Row("Description", plugin.Manifest?.Description);
        Row("Status", PluginView.StatusText(plugin), PluginView.StatusStyle(plugin.Status));
        if (plugin.Status != PluginStatus.Active)
        {
            Row("Reason", plugin.Reason);
            foreach (var problem in plugin.Problems.Skip(plugin.Problems.Count == 1 ? 1 : 0))
            {
                Row(string.Empty, "• " + problem);
            }
        }

        Row("Engine", plugin.Manifest is { } m ? $"{m.EngineRangeText} (host provides {HostEngine.ContractsVersion})" : null);
        Row("Source", $"{plugin.Source}: {plugin.Directory}");
        Row("Entry", plugin.Manifest?.MainPath);
        foreach (var account in plugin.Accounts)
        {
            Row("Account type", $"{account.Id} — {account.Title}");
            Row(string.Empty, account.Description);
            Row(string.Empty, $"schema: {account.SchemaPath}");
            if (account.OAuth is { } oauth)
            {
                Row(string.Empty, $"signs in with {oauth.Provider} (OAuth {FlowName(oauth.Flow)})");
            }

            if (account.Deprecated is { } deprecated)
            {
                Row(string.Empty, $"retiring{(deprecated.Date is { } date ? $" on {date:yyyy-MM-dd}" : string.Empty)}: {deprecated.Message}", new Style(Color.Yellow));
            }
        }

        if (plugin.Accounts.Any(a => a.OAuth?.Flow == Flows.Host.Plugins.Manifests.OAuthFlow.AuthorizationCode))
        {
            // What the operator registers with the provider (its "callback URLs").
            Row("Redirect URIs", "https://<this server's address>/oauth/callback (flows serve; e.g. http://127.0.0.1:5080/oauth/callback)");
            Row(string.Empty, "http://127.0.0.1:<port>/callback (flows accounts add in a terminal; --sign-in-port fixes the port)");
        }

        if (activation is not null)
        {
            Row(
                "Activation",
                activation.Succeeded
                    ? $"loaded in {activation.ElapsedMs} ms; validators for: {(activation.Validators.Count == 0 ? "none" : string.Join(", ", activation.Validators))}"
                    : $"failed: {activation.Error}",
                new Style(activation.Succeeded ? Color.Green : Color.Red));
        }

        output.Console.Write(grid);
        return activation is { Succeeded: false } ? 1 : 0;
    }

    private static string FlowName(Flows.Host.Plugins.Manifests.OAuthFlow flow) => flow switch
    {
        Flows.Host.Plugins.Manifests.OAuthFlow.AuthorizationCode => "authorization code with PKCE, in a browser",
        Flows.Host.Plugins.Manifests.OAuthFlow.JwtBearer => "JWT bearer, no browser",
        _ => "client credentials, no browser",
    };
}
