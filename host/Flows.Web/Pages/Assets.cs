using System.Collections.Frozen;
using Flows.Forms.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flows.Web.Pages;

/// <summary>
/// The stylesheet and script, embedded in the assembly and served by the host (no CDN: the machine
/// may be offline). Links carry a content hash, so browsers may cache them for good.
/// </summary>
internal static class Assets
{
    private static readonly FrozenDictionary<string, SchemaFormAsset> All = Load();

    public static string Url(string name) => $"/assets/{name}?v={All[name].Hash}";

    public static IEndpointRouteBuilder MapAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPage("/assets/{name}", (string name, HttpContext context) =>
        {
            if (!All.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = context.Request.Query["v"] == asset.Hash
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{asset.Hash}\""));
        }).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The text of an asset (the preview page inlines the stylesheet: it is a file, not served).</summary>
    public static string Text(string name) => System.Text.Encoding.UTF8.GetString(All[name].Content);

    // The pages' own assets and the forms' (Flows.Forms.AspNetCore), served from one place.
    private static FrozenDictionary<string, SchemaFormAsset> Load()
    {
        var assets = new Dictionary<string, SchemaFormAsset>(SchemaFormAssets.All, StringComparer.Ordinal);
        foreach (var (name, asset) in SchemaFormAsset.ReadAll(typeof(Assets).Assembly, "assets/"))
        {
            assets[name] = asset;
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

}
