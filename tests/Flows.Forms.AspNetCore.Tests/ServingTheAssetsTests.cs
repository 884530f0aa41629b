using System.Net;
using Flows.Forms.AspNetCore.Tests.Support;

namespace Flows.Forms.AspNetCore.Tests;

/// <summary>The stylesheet and script, linked from the form page and served by MapSchemaFormAssets.</summary>
public sealed class ServingTheAssetsTests
{
    [Fact]
    public async Task The_page_links_the_stylesheet_and_the_script_with_their_content_hashes()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);

        var page = await server.GetFormAsync();

        var stylesheets = page.Document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")).ToList();
        stylesheets.ShouldContain($"{SchemaFormAssets.DefaultPrefix}/{SchemaFormAssets.Stylesheet}?v={SchemaFormAssets.All[SchemaFormAssets.Stylesheet].Hash}");
        page.Document.Scripts.Select(s => s.GetAttribute("src"))
            .ShouldContain($"{SchemaFormAssets.DefaultPrefix}/{SchemaFormAssets.Script}?v={SchemaFormAssets.All[SchemaFormAssets.Script].Hash}");
    }

    [Theory]
    [InlineData("link[rel=stylesheet]", "href", "text/css")]
    [InlineData("script[src]", "src", "text/javascript")]
    public async Task A_linked_asset_is_served_with_its_bytes_and_cached_for_good(string selector, string attribute, string mediaType)
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        var page = await server.GetFormAsync();
        var link = page.Document.QuerySelector(selector).ShouldNotBeNull().GetAttribute(attribute).ShouldNotBeNull();
        var name = link[(link.LastIndexOf('/') + 1)..link.IndexOf('?', StringComparison.Ordinal)];
        var asset = SchemaFormAssets.All[name];

        using var response = await server.Client.GetAsync(new Uri(link, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe(mediaType);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(asset.Content);
        var cache = response.Headers.CacheControl.ShouldNotBeNull();
        cache.Public.ShouldBeTrue();
        cache.MaxAge.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(TimeSpan.FromDays(365));
        cache.Extensions.Select(e => e.Name).ShouldContain("immutable");
        response.Headers.ETag.ShouldNotBeNull().Tag.ShouldBe($"\"{asset.Hash}\"");
    }

    [Fact]
    public async Task An_asset_asked_for_without_the_current_hash_is_revalidated_not_cached_for_good()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);

        using var response = await server.Client.GetAsync(new Uri($"{SchemaFormAssets.DefaultPrefix}/{SchemaFormAssets.Script}?v=0000000000000000", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl.ShouldNotBeNull().NoCache.ShouldBeTrue();
        response.Headers.CacheControl.Extensions.Select(e => e.Name).ShouldNotContain("immutable");
    }

    [Fact]
    public async Task A_browser_holding_the_current_asset_is_told_it_has_not_changed()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{SchemaFormAssets.DefaultPrefix}/{SchemaFormAssets.Stylesheet}", UriKind.Relative));
        request.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{SchemaFormAssets.All[SchemaFormAssets.Stylesheet].Hash}\""));

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("unknown.js")]
    [InlineData("schema-forms.css.map")]
    [InlineData("..%2Fappsettings.json")]
    public async Task A_name_that_is_not_an_asset_is_not_found(string name)
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);

        using var response = await server.Client.GetAsync(new Uri($"{SchemaFormAssets.DefaultPrefix}/{name}", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void The_embedded_assets_are_exactly_the_stylesheet_and_the_script()
    {
        SchemaFormAssets.All.Keys.Order(StringComparer.Ordinal).ShouldBe([SchemaFormAssets.Stylesheet, SchemaFormAssets.Script]);
        SchemaFormAssets.All.Values.ShouldAllBe(a => a.Content.Length > 0 && a.Hash.Length == 16);
    }
}
