using System.Text.Json;
using Json.Schema;

namespace Flows.Forms;

/// <summary>
/// The one rule for which JSON Schema dialect a form's schema is written in, shared by every
/// check and by loading the form: the root's <c>$schema</c>
/// decides (draft-07, 2019-09 or 2020-12, http or https, with or without the trailing <c>#</c>);
/// without one, or naming the form vocabulary (<see cref="FormVocabulary"/>), it is 2020-12.
/// </summary>
public static class SchemaDialects
{
    /// <summary>JSON Schema draft-07.</summary>
    public static readonly SchemaDialect Draft07 = new("draft-07", "http://json-schema.org/draft-07/schema#", Dialect.Draft07, MetaSchemas.Draft7);
    /// <summary>JSON Schema 2019-09.</summary>
    public static readonly SchemaDialect Draft201909 = new("draft 2019-09", "https://json-schema.org/draft/2019-09/schema", Dialect.Draft201909, MetaSchemas.Draft201909);
    /// <summary>JSON Schema 2020-12, also the dialect of a schema that names none.</summary>
    public static readonly SchemaDialect Draft202012 = new("draft 2020-12", "https://json-schema.org/draft/2020-12/schema", Dialect.Draft202012, MetaSchemas.Draft202012);

    private static readonly SchemaDialect[] Known = [Draft07, Draft201909, Draft202012];

    /// <summary>The dialect <paramref name="root"/> declares, or a sentence saying why it cannot be used.</summary>
    public static SchemaDialectResult Of(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("$schema", out var declared))
        {
            return new SchemaDialectResult(Draft202012, null);
        }

        if (declared.ValueKind != JsonValueKind.String || declared.GetString() is not { } id)
        {
            return new SchemaDialectResult(null, $"\"$schema\" must be a string naming a dialect; {Choices()}.");
        }

        if (string.Equals(id, Forms.FormVocabulary.Id, StringComparison.Ordinal))
        {
            return new SchemaDialectResult(Draft202012, null);
        }

        var spelling = WithoutSchemeAndFragment(id);
        var dialect = Known.FirstOrDefault(d => string.Equals(WithoutSchemeAndFragment(d.Id), spelling, StringComparison.Ordinal));
        return dialect is null
            ? new SchemaDialectResult(null, $"\"$schema\" is {id}, a dialect flows does not know; {Choices()}.")
            : new SchemaDialectResult(dialect, null);
    }

    private static string Choices() =>
        $"use {string.Join(", ", Known.Select(d => $"{d.Id} ({d.Name})"))} or {Forms.FormVocabulary.Id}, or leave it out for {Draft202012.Name}";

    // Published schemas spell the same dialect with http or https and with or without an empty fragment.
    private static string WithoutSchemeAndFragment(string id)
    {
        var text = id.Trim().TrimEnd('#');
        foreach (var scheme in (string[])["https://", "http://"])
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return text[scheme.Length..];
            }
        }

        return text;
    }
}

/// <summary>A dialect a form's schema may be written in: its name for messages, its id, how to evaluate it and its meta-schema.</summary>
public sealed record SchemaDialect(string Name, string Id, Dialect Dialect, JsonSchema MetaSchema);

/// <summary>The dialect found, or the problem with <c>$schema</c>.</summary>
public sealed record SchemaDialectResult(SchemaDialect? Dialect, string? Problem);
