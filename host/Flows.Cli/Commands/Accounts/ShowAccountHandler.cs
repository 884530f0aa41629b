using Flows.Cli.Output;
using Flows.Forms.Terminal;
using Flows.Host.Accounts;
using Flows.Forms;
using Spectre.Console;

namespace Flows.Cli.Commands.Accounts;

/// <summary>`flows accounts show &lt;account&gt;`: one account, its values as the form names them; secrets only as set or not set.</summary>
internal sealed class ShowAccountHandler(AccountForms forms, Flows.Host.Plugins.PluginCatalog catalog, AccountCommandSteps steps, CliOutput output)
{
    public async Task<int> RunAsync(string which, bool json, CancellationToken cancellationToken)
    {
        if (await steps.FindAsync(which, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return 1;
        }

        var secrets = SecretStates(account);
        if (json)
        {
            output.WriteJson([AccountView.ToJson(account.ToSummary(), account.NonSecretValues, secrets)], CliJson.Output.AccountJsonArray);
            return 0;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string key, string value, Style? style = null) => grid.AddRow(new Text(TerminalText.Plain(key), new Style(Color.Grey)), new Text(TerminalText.Plain(value), style ?? Style.Plain));
        Row("Label", account.Label);
        Row("Type", account.AccountTypeId);
        Row("Status", AccountView.Badge(account.Status, account.SecretsProblem), AccountView.StatusStyle(account.Status));
        if (account.SignIn is { } signIn)
        {
            Row("Signed in", $"{(signIn.Identity is { } who ? $"as {who}, " : string.Empty)}{signIn.SignedInAt:yyyy-MM-dd HH:mm} UTC");
        }

        if (catalog.FindAccountType(account.AccountTypeId)?.Deprecated is { } deprecated)
        {
            Row("Retiring", deprecated.Message + (deprecated.ReplacedBy is { } next ? $" Move it: flows accounts add {next} --replaces {account.Id}" : string.Empty), new Style(Color.Yellow));
        }

        Row("Id", account.Id);
        output.Console.Write(grid);

        // The values as the form names them, nested; without the form (its plugin gone), by JSON name.
        var model = forms.Get(account.AccountTypeId).Form?.Schema.Model;
        var outline = model is null
            ? FormOutline.Build(new FormModel(null, null, [], []), account.NonSecretValues, account.SecretPointers)
            : FormOutline.Build(model, account.NonSecretValues, account.SecretPointers);
        if (model is null)
        {
            outline = [.. outline, .. account.SecretPointers.Select(p => new OutlineEntry(p.TrimStart('/'), FormOutline.SecretSet, []) { Secret = true })];
        }

        WriteOutline(outline, depth: 0);
        return 0;
    }

    private void WriteOutline(IReadOnlyList<OutlineEntry> entries, int depth)
    {
        foreach (var entry in entries)
        {
            var indent = new string(' ', depth * 2);
            var line = new Spectre.Console.Rendering.IRenderable[]
            {
                new Text(indent + TerminalText.Plain(entry.Label) + ":", new Style(Color.Grey)),
                new Text(entry.Value is { } value ? " " + TerminalText.Plain(value) + Environment.NewLine : Environment.NewLine),
            };
            foreach (var part in line)
            {
                output.Console.Write(part);
            }

            WriteOutline(entry.Children, depth + 1);
        }
    }

    // The same shape as the web API's: each secret field by JSON Pointer, true when a value is stored.
    private SortedDictionary<string, bool> SecretStates(Account account)
    {
        var form = forms.Get(account.AccountTypeId).Form;
        var pointers = form is null ? account.SecretPointers : AccountSchemaHash.SecretPointers(form.Schema.Model);
        var states = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var pointer in pointers.Where(p => !p.Split('/').Contains("-")))
        {
            states[pointer] = false;
        }

        foreach (var pointer in account.SecretPointers)
        {
            states[pointer] = true;
        }

        return states;
    }
}
