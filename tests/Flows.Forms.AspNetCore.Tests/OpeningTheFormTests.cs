using System.Net;
using Flows.Forms.AspNetCore.Tests.Support;

namespace Flows.Forms.AspNetCore.Tests;

/// <summary>GET of a form mapped with MapSchemaForm, over real HTTP.</summary>
public sealed class OpeningTheFormTests
{
    [Fact]
    public async Task The_form_page_shows_every_field_under_the_schemas_title()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);

        var page = await server.GetFormAsync();

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.Title.ShouldBe("Database connection");
        page.Document.QuerySelector("h1").ShouldNotBeNull().TextContent.ShouldBe("Database connection");
        page.Input("host").GetAttribute("type").ShouldBe("text");
        page.Input("port").GetAttribute("type").ShouldBe("number");
        page.Input("password").GetAttribute("type").ShouldBe("password");
        page.Form.QuerySelector("fieldset[data-list='replicas']").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_schemas_description_is_read_like_a_fields_help_links_kept_and_markup_made_safe()
    {
        await using var server = await FormServer.StartAsync("""
            { "title": "Sign up", "description": "Read [the terms](https://example.com/terms) first.<script>alert(1)</script>", "type": "object",
              "properties": { "name": { "type": "string" } } }
            """);

        var page = await server.GetFormAsync();

        var description = page.ById("schema-form-description");
        description.QuerySelector("a").ShouldNotBeNull().GetAttribute("href").ShouldBe("https://example.com/terms");
        description.QuerySelector("script").ShouldBeNull();
        page.Html.ShouldNotContain("<script>alert");
    }

    [Fact]
    public async Task The_form_page_allows_nothing_inline_and_is_kept_out_of_caches()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);

        using var response = await server.Client.GetAsync(new Uri(FormServer.FormPath, UriKind.Relative));

        response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldBe(SchemaFormOptions.DefaultContentSecurityPolicy);
        response.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>");
        html.ShouldNotContain("style=");
    }

    [Fact]
    public async Task The_form_page_sends_no_policy_of_its_own_when_asked_not_to()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection, new SchemaFormOptions { ContentSecurityPolicy = null });

        using var response = await server.Client.GetAsync(new Uri(FormServer.FormPath, UriKind.Relative));

        response.Headers.Contains("Content-Security-Policy").ShouldBeFalse();
    }

    [Fact]
    public async Task The_form_carries_a_hidden_antiforgery_token_and_the_browser_gets_its_cookie()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);

        var page = await server.GetFormAsync();

        var token = page.HiddenFields().ShouldHaveSingleItem();
        token.Key.ShouldStartWith("__RequestVerificationToken");
        token.Value.ShouldNotBeNullOrWhiteSpace();
        server.Browser.Cookies.ShouldContain(c => c.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal) && c.HttpOnly);
        page.Html.ShouldNotContain(SecretDrafts.Field);
    }

    [Fact]
    public async Task The_page_has_no_inline_script_no_style_element_and_no_style_or_event_attribute()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);

        var page = await server.GetFormAsync();

        // A strict Content-Security-Policy (script-src 'self', no 'unsafe-inline') must not break the page.
        page.Document.Scripts.ShouldNotBeEmpty();
        page.Document.Scripts.ShouldAllBe(s => !string.IsNullOrEmpty(s.Source) && string.IsNullOrWhiteSpace(s.Text));
        page.Document.QuerySelectorAll("style").ShouldBeEmpty();
        var all = page.Document.All.ToList();
        all.Where(e => e.HasAttribute("style")).Select(e => e.LocalName).ShouldBeEmpty();
        all.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)).Select(a => a.Name).ShouldBeEmpty();
    }

    [Fact]
    public async Task Initial_values_are_shown_but_a_secret_among_them_is_not()
    {
        const string password = "initial-pa55word-never-shown";
        var options = new SchemaFormOptions
        {
            Initial = new JsonObject { ["host"] = "db.example.org", ["port"] = 6543, ["password"] = password, ["replicas"] = new JsonArray(new JsonObject { ["name"] = "east" }) },
        };
        await using var server = await FormServer.StartAsync(Schemas.Connection, options);

        var page = await server.GetFormAsync();

        page.Input("host").GetAttribute("value").ShouldBe("db.example.org");
        page.Input("port").GetAttribute("value").ShouldBe("6543");
        page.Input("replicas[0].name").GetAttribute("value").ShouldBe("east");
        page.Input("password").HasAttribute("value").ShouldBeFalse();
        page.Html.ShouldNotContain(password);
    }

    [Fact]
    public async Task The_title_and_submit_text_of_the_options_replace_the_defaults()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection, new SchemaFormOptions { Title = "Connect", SubmitText = "Save the connection" });

        var page = await server.GetFormAsync();

        page.Document.Title.ShouldBe("Connect");
        page.Form.QuerySelectorAll("button[type=submit][name=action]").Select(b => b.TextContent).ShouldContain("Save the connection");
    }
}
