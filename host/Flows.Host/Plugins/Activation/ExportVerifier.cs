using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Contracts;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Plugins.Activation;

/// <summary>
/// Cross-checks what a plugin's code exports against what its manifest promised, so the account
/// types people saw before activation are exactly the ones that run after it.
/// </summary>
internal static class ExportVerifier
{
    public static List<string> Verify(
        PluginManifest manifest,
        IReadOnlyList<IAccountDefinition> definitions,
        IReadOnlyList<IAccountValidator> validators,
        out Dictionary<string, IAccountValidator> validatorsByType)
    {
        var problems = new List<string>();
        var declared = manifest.Accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var exported = new Dictionary<string, IAccountDefinition>(StringComparer.Ordinal);

        foreach (var definition in definitions)
        {
            if (!TryRead(() => definition.Id, out var id, out var error) || string.IsNullOrWhiteSpace(id))
            {
                problems.Add($"An exported account definition ({definition.GetType().FullName}) has no readable id{Suffix(error)}.");
                continue;
            }

            if (!exported.TryAdd(id, definition))
            {
                problems.Add($"Account type '{id}' is exported more than once.");
                continue;
            }

            if (!declared.TryGetValue(id, out var contribution))
            {
                problems.Add($"The code exports account type '{id}', which plugin.json does not declare.");
                continue;
            }

            CompareText(id, "title", contribution.Title, () => definition.Title, problems);
            CompareText(id, "description", contribution.Description, () => definition.Description, problems);
            CompareSchema(id, contribution, definition, problems);
        }

        foreach (var missing in declared.Keys.Where(id => !exported.ContainsKey(id)))
        {
            problems.Add($"plugin.json declares account type '{missing}', but the code exports no definition for it.");
        }

        validatorsByType = new Dictionary<string, IAccountValidator>(StringComparer.Ordinal);
        foreach (var validator in validators)
        {
            if (!TryRead(() => validator.AccountTypeId, out var typeId, out var error) || string.IsNullOrWhiteSpace(typeId))
            {
                problems.Add($"An exported validator ({validator.GetType().FullName}) has no readable account type{Suffix(error)}.");
            }
            else if (!declared.ContainsKey(typeId))
            {
                problems.Add($"A validator is exported for account type '{typeId}', which plugin.json does not declare.");
            }
            else if (!validatorsByType.TryAdd(typeId, validator))
            {
                problems.Add($"More than one validator is exported for account type '{typeId}'.");
            }
        }

        return problems;
    }

    private static void CompareText(string id, string what, string expected, Func<string> read, List<string> problems)
    {
        if (!TryRead(read, out var actual, out var error))
        {
            problems.Add($"Account type '{id}': reading its {what} failed{Suffix(error)}.");
        }
        else if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            problems.Add($"Account type '{id}': the exported {what} differs from plugin.json (\"{Truncate(actual)}\" vs \"{Truncate(expected)}\").");
        }
    }

    private static void CompareSchema(string id, AccountContribution contribution, IAccountDefinition definition, List<string> problems)
    {
        var file = Path.GetFileName(contribution.SchemaPath);
        if (!TryRead(() => definition.Schema, out var exportedText, out var error))
        {
            problems.Add($"Account type '{id}': reading its schema failed{Suffix(error)}.");
            return;
        }

        JsonNode? exported;
        try
        {
            exported = JsonNode.Parse(exportedText ?? string.Empty);
        }
        catch (JsonException exception)
        {
            problems.Add($"Account type '{id}': the exported schema is not valid JSON ({exception.Message}).");
            return;
        }

        JsonNode? onDisk;
        try
        {
            onDisk = JsonNode.Parse(File.ReadAllText(contribution.SchemaPath));
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"Account type '{id}': the schema file {file} could not be read ({exception.Message}).");
            return;
        }

        if (!JsonNode.DeepEquals(exported, onDisk))
        {
            problems.Add($"Account type '{id}': the exported schema differs from {file}; both must come from that one file (embed it, e.g. with EmbeddedSchema.Read).");
        }
    }

    private static bool TryRead(Func<string> read, out string? value, out string? error)
    {
        try
        {
            value = read();
            error = null;
            return true;
        }
#pragma warning disable CA1031 // Plugin code may throw anything; every failure becomes a verification problem.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            value = null;
            error = $"{exception.GetType().Name}: {exception.Message}";
            return false;
        }
    }

    private static string Suffix(string? error) => error is null ? string.Empty : $" ({error})";

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : text[..57] + "...";
}
