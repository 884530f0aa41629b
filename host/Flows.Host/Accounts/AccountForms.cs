using System.Collections.Concurrent;
using Flows.Forms;
using System.Text.Json.Nodes;
using Flows.Host.OAuth.Protocol;
using Flows.Host.Plugins;
using Microsoft.Extensions.Options;

namespace Flows.Host.Accounts;

/// <summary>
/// The form of each account type, read from the plugin's schema file (no plugin code runs) and built
/// once per schema file and content. A file is read again only when its size or write time changes,
/// so serving a form costs one stat, and an edited schema is still picked up.
/// </summary>
public sealed class AccountForms(PluginCatalog catalog, IOptions<OAuthOptions> oauth)
{
    private readonly ConcurrentDictionary<string, Lazy<LoadedAccountForm>> _forms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Seen> _seen = new(StringComparer.Ordinal);

    /// <summary>The form of <paramref name="accountTypeId"/>, or why there is none.</summary>
    public LoadedAccountForm Get(string accountTypeId)
    {
        if (catalog.FindAccountType(accountTypeId) is not { } type)
        {
            return LoadedAccountForm.Fail(null, $"No active plugin offers the account type '{accountTypeId}'.");
        }

        FileInfo file;
        try
        {
            file = new FileInfo(type.SchemaPath);
            if (_seen.TryGetValue(type.SchemaPath, out var seen) && seen.Length == file.Length && seen.WrittenAt == file.LastWriteTimeUtc && seen.Type == type)
            {
                return seen.Form;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return LoadedAccountForm.Fail(type, $"The schema of '{accountTypeId}' could not be read: {exception.Message}");
        }

        string text;
        try
        {
            text = File.ReadAllText(type.SchemaPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return LoadedAccountForm.Fail(type, $"The schema of '{accountTypeId}' could not be read: {exception.Message}");
        }

        var version = AccountSchemaHash.Compute(text);
        var operatorClient = OperatorClientFields(type);
        var ownClientId = operatorClient.Length == 0 ? type.OAuth?.Client.IdField : null;
        var form = _forms.GetOrAdd($"{type.SchemaPath}|{version}|{string.Join(",", operatorClient)}|{ownClientId}", _ => new Lazy<LoadedAccountForm>(() =>
        {
            var shown = operatorClient.Length > 0 ? WithoutFields(text, operatorClient) : ownClientId is not null ? WithRequired(text, ownClientId) : text;
            var loaded = FormSchema.Load(shown);
            if (loaded.Schema is not { } schema)
            {
                return LoadedAccountForm.Fail(type, string.Join(" ", loaded.Errors));
            }

            var example = JsonNode.Parse(text)?["x-label-example"]?.GetValue<string>();
            return new LoadedAccountForm(type, AccountForm.For(type.Title, schema, example), version, null);
        })).Value;

        // Remembered with what the file looked like before it was read: a write during the read shows as a change next time.
        _seen[type.SchemaPath] = new Seen(file.Length, file.LastWriteTimeUtc, type, form);
        return form;
    }

    // The operator registered the app for everyone (OAuth:Clients): its id and secret are not the user's to type.
    private string[] OperatorClientFields(AccountTypeInfo type) =>
        type.OAuth is { Client: { ConfigKey: { } key } client }
        && oauth.Value.Clients.TryGetValue(key, out var registered) && !string.IsNullOrWhiteSpace(registered.ClientId)
            ? [.. new[] { client.IdField, client.SecretField }.OfType<string>()]
            : [];

    // The fields stay in the schema (stored accounts may hold them) but are hidden and no longer required.
    private static string WithoutFields(string schemaText, string[] fields)
    {
        if (JsonNode.Parse(schemaText) is not JsonObject root)
        {
            return schemaText;
        }

        foreach (var field in fields)
        {
            if (root["properties"]?[field] is JsonObject property)
            {
                property["x-hidden"] = true;
            }

            if (root["required"] is JsonArray required && required.FirstOrDefault(r => r?.GetValue<string>() == field) is { } entry)
            {
                required.Remove(entry);
            }
        }

        return root.ToJsonString();
    }

    // Without an app registered by the operator, the user's own client id is what the sign-in needs.
    private static string WithRequired(string schemaText, string field)
    {
        if (JsonNode.Parse(schemaText) is not JsonObject root || root["properties"]?[field] is null)
        {
            return schemaText;
        }

        var required = root["required"] as JsonArray ?? [];
        if (!required.Any(r => r?.GetValue<string>() == field))
        {
            required.Add(field);
        }

        root["required"] = required.DeepClone();
        return root.ToJsonString();
    }

    private sealed record Seen(long Length, DateTime WrittenAt, AccountTypeInfo Type, LoadedAccountForm Form);
}

/// <summary>An account type's form, the hash of the schema it came from, or the problem that stopped it.</summary>
public sealed record LoadedAccountForm(AccountTypeInfo? Type, AccountForm? Form, string? SchemaVersion, string? Problem)
{
    public static LoadedAccountForm Fail(AccountTypeInfo? type, string problem) => new(type, null, null, problem);
}
