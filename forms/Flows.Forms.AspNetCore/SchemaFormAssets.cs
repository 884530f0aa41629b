using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flows.Forms.AspNetCore;

/// <summary>
/// The forms' stylesheet and script, embedded in this assembly (nothing from a CDN; the app may be
/// offline). Map them with <see cref="MapSchemaFormAssets"/> and link them with <see cref="Url"/>: the
/// links carry a content hash, so browsers may cache them for good.
/// </summary>
public static class SchemaFormAssets
{
    /// <summary>The stylesheet: field layout scoped to <c>.schema-form</c>, themable through <c>--schema-form-*</c> custom properties.</summary>
    public const string Stylesheet = "schema-forms.css";

    /// <summary>The progressive-enhancement script (rows added in place, messages as fields are left, conditional fields).</summary>
    public const string Script = "schema-forms.js";

    /// <summary>Where <see cref="MapSchemaFormAssets"/> serves the assets unless told otherwise.</summary>
    public const string DefaultPrefix = "/_schema-forms";

    private const string ResourcePrefix = "schema-forms-assets/";

    private static readonly FrozenDictionary<string, SchemaFormAsset> Assets = Load();

    /// <summary>Every asset by file name.</summary>
    public static IReadOnlyDictionary<string, SchemaFormAsset> All => Assets;

    /// <summary>The link to an asset served under <paramref name="prefix"/>, with its content hash.</summary>
    public static string Url(string name, string prefix = DefaultPrefix) => $"{prefix}/{name}?v={Assets[name].Hash}";

    /// <summary>The text of an asset (to inline it in a page written to a file).</summary>
    public static string Text(string name) => System.Text.Encoding.UTF8.GetString(Assets[name].Content);

    /// <summary>Serves the assets at <c>{prefix}/{name}</c>: immutable when asked with the current hash, revalidated otherwise.</summary>
    public static IEndpointConventionBuilder MapSchemaFormAssets(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(prefix + "/{name}", (string name, HttpContext context) =>
        {
            if (!Assets.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = context.Request.Query["v"] == asset.Hash ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{asset.Hash}\""));
        }).ExcludeFromDescription();
    }

    private static FrozenDictionary<string, SchemaFormAsset> Load() =>
        SchemaFormAsset.ReadAll(typeof(SchemaFormAssets).Assembly, ResourcePrefix).ToFrozenDictionary(StringComparer.Ordinal);
}

/// <summary>An embedded asset: its bytes, content type and a short content hash for cache-busting links.</summary>
public sealed record SchemaFormAsset(byte[] Content, string ContentType, string Hash)
{
    /// <summary>Every resource of <paramref name="assembly"/> whose name starts with <paramref name="resourcePrefix"/>, by the rest of its name.</summary>
    public static Dictionary<string, SchemaFormAsset> ReadAll(System.Reflection.Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(resourcePrefix);
        var assets = new Dictionary<string, SchemaFormAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var name = resource[resourcePrefix.Length..];
            assets[name] = Of(name, memory.ToArray());
        }

        return assets;
    }

    /// <summary>An asset named <paramref name="name"/> (its extension gives the content type).</summary>
    public static SchemaFormAsset Of(string name, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => "application/octet-stream",
        };
        return new SchemaFormAsset(content, type, Convert.ToHexStringLower(SHA256.HashData(content))[..16]);
    }
}
