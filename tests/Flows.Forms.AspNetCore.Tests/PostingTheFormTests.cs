using System.Text.Json.Nodes;
using System.Net;
using Flows.Forms.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Flows.Forms.AspNetCore.Tests;

/// <summary>POST of a form mapped with MapSchemaForm, over real HTTP: refused, corrected, accepted.</summary>
public sealed class PostingTheFormTests
{
    private const string Secret = "s3cret-typed-by-the-user";

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_with_400_saying_so_and_keeps_what_was_typed()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        await server.GetFormAsync();

        var page = await server.PostAsync([new("host", "db.example.org"), new("port", "5432"), new("password", Secret), new("action", "submit")]);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.Document.QuerySelector(".summary").ShouldNotBeNull().TextContent.ShouldContain("could not be trusted");
        page.Input("host").GetAttribute("value").ShouldBe("db.example.org");
        page.Input("port").GetAttribute("value").ShouldBe("5432");
        page.Html.ShouldNotContain(Secret);
        page.Received().ShouldBeNull();
    }

    [Fact]
    public async Task A_post_from_a_browser_that_never_opened_the_form_is_refused_and_never_reaches_OnValid()
    {
        var calls = 0;
        await using var server = await FormServer.StartAsync(Schemas.Connection, new SchemaFormOptions { OnValid = (_, _) => { calls++; return Task.FromResult(Results.Ok()); } });

        var page = await server.PostAsync([new("host", "db.example.org"), new("port", "5432"), new("password", Secret), new("action", "submit")]);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        calls.ShouldBe(0);
    }

    [Fact]
    public async Task An_invalid_post_is_answered_422_with_each_message_beside_its_field_and_named_by_it()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        var form = await server.GetFormAsync();

        var page = await server.PostAsync(form.Submit(("host", string.Empty), ("port", "99999"), ("password", Secret)));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        foreach (var name in new[] { "host", "port" })
        {
            var input = page.Input(name);
            var id = input.Id.ShouldNotBeNull();
            input.GetAttribute("aria-invalid").ShouldBe("true");
            input.GetAttribute("aria-describedby").ShouldNotBeNull().Split(' ').ShouldContain(id + "-error");
            page.ById(id + "-error").TextContent.ShouldNotBeNullOrWhiteSpace();
        }

        page.ById(page.Input("port").Id + "-error").TextContent.ShouldContain("65535");
        page.Input("password").HasAttribute("aria-invalid").ShouldBeFalse();
    }

    [Fact]
    public async Task An_invalid_post_shows_a_summary_linking_to_each_field_that_needs_attention()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        var form = await server.GetFormAsync();

        var page = await server.PostAsync(form.Submit(("host", string.Empty), ("port", "99999"), ("password", Secret)));

        var summary = page.Document.QuerySelector(".summary").ShouldNotBeNull();
        summary.GetAttribute("role").ShouldBe("alert");
        summary.TextContent.ShouldContain("2 fields need attention");
        summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href"))
            .ShouldBe(["#" + page.Input("host").Id, "#" + page.Input("port").Id], ignoreOrder: true);
    }

    [Fact]
    public async Task An_invalid_post_keeps_the_typed_values_but_never_writes_the_secret_into_the_page()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        var form = await server.GetFormAsync();

        var page = await server.PostAsync(form.Submit(("host", "db.example.org"), ("port", "99999"), ("password", Secret), ("replicas[0].name", "east")));

        page.Input("host").GetAttribute("value").ShouldBe("db.example.org");
        page.Input("port").GetAttribute("value").ShouldBe("99999");
        page.Input("replicas[0].name").GetAttribute("value").ShouldBe("east");
        page.Input("password").HasAttribute("value").ShouldBeFalse();
        page.Html.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task A_secret_typed_before_a_refused_post_is_carried_sealed_and_shown_as_set()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        var form = await server.GetFormAsync();

        var page = await server.PostAsync(form.Submit(("host", "db.example.org"), ("port", "99999"), ("password", Secret)));

        var drafts = page.HiddenFields().Where(f => f.Key == SecretDrafts.Field).ShouldHaveSingleItem().Value;
        drafts.ShouldNotBeNullOrWhiteSpace();
        drafts.ShouldNotContain(Secret);
        var password = page.Input("password");
        password.HasAttribute("required").ShouldBeFalse();
        password.GetAttribute("aria-describedby").ShouldNotBeNull().Split(' ').ShouldContain(password.Id + "-set");
        page.ById(password.Id + "-set").TextContent.ShouldContain("leave empty to keep");
    }

    [Fact]
    public async Task A_second_post_with_the_secret_left_empty_still_has_the_secret_typed_before()
    {
        JsonObject? received = null;
        var options = new SchemaFormOptions { OnValid = (instance, _) => { received = instance; return Task.FromResult(Results.Text("saved")); } };
        await using var server = await FormServer.StartAsync(Schemas.Connection, options);
        var form = await server.GetFormAsync();
        var refused = await server.PostAsync(form.Submit(("host", "db.example.org"), ("port", "99999"), ("password", Secret)));

        var page = await server.PostAsync(refused.Submit(("host", "db.example.org"), ("port", "5432"), ("password", string.Empty)));

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldBe("saved");
        received.ShouldNotBeNull()["password"]!.GetValue<string>().ShouldBe(Secret);
    }

    [Fact]
    public async Task A_second_post_with_the_secret_left_empty_is_accepted_and_the_result_shows_the_secret_masked()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        var form = await server.GetFormAsync();
        var refused = await server.PostAsync(form.Submit(("host", "db.example.org"), ("port", "99999"), ("password", Secret)));

        var page = await server.PostAsync(refused.Submit(("host", "db.example.org"), ("port", "5432"), ("password", string.Empty)));

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Received().ShouldNotBeNull()["password"]!.GetValue<string>().ShouldBe(FormSecrets.Mask);
        page.Html.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task A_secret_sealed_for_one_browser_is_not_put_back_for_another()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        var form = await server.GetFormAsync();
        var refused = await server.PostAsync(form.Submit(("host", "db.example.org"), ("port", "99999"), ("password", Secret)));
        var drafts = refused.HiddenFields().Single(f => f.Key == SecretDrafts.Field);
        var other = server.NewBrowser();
        var otherForm = await other.GetFormAsync();

        var page = await other.PostAsync([.. otherForm.Submit(("host", "db.example.org"), ("port", "5432"), ("password", string.Empty)), drafts]);

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.Document.QuerySelector(".summary").ShouldNotBeNull().TextContent.ShouldContain("type them again");
        page.Received().ShouldBeNull();
    }

    [Fact]
    public async Task Sealed_secrets_that_were_tampered_with_are_not_put_back()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        var form = await server.GetFormAsync();

        var page = await server.PostAsync([.. form.Submit(("host", "db.example.org"), ("port", "5432"), ("password", string.Empty)), new(SecretDrafts.Field, "not-a-sealed-draft")]);

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.Document.QuerySelector(".summary").ShouldNotBeNull().TextContent.ShouldContain("type them again");
    }

    [Fact]
    public async Task A_valid_post_shows_the_received_json_with_the_secret_masked()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        var form = await server.GetFormAsync();

        var page = await server.PostAsync(form.Submit(("host", "db.example.org"), ("port", "5432"), ("password", Secret), ("replicas[0].name", "east")));

        page.Status.ShouldBe(HttpStatusCode.OK);
        var received = page.Received().ShouldNotBeNull();
        JsonNode.DeepEquals(received, JsonNode.Parse($$"""
            { "host": "db.example.org", "port": 5432, "password": "{{FormSecrets.Mask}}", "replicas": [ { "name": "east" } ] }
            """)).ShouldBeTrue(received.ToJsonString());
        page.Html.ShouldNotContain(Secret);
        page.Document.QuerySelector(".summary").ShouldBeNull();
    }

    [Fact]
    public async Task A_valid_post_hands_OnValid_the_typed_json_and_sends_its_answer()
    {
        JsonObject? received = null;
        var options = new SchemaFormOptions
        {
            OnValid = (instance, context) =>
            {
                received = instance;
                return Task.FromResult(Results.Created(new Uri("/connections/1", UriKind.Relative), new { saved = true }));
            },
        };
        await using var server = await FormServer.StartAsync(Schemas.Connection, options);
        var form = await server.GetFormAsync();

        using var response = await server.Browser.PostRawAsync(form.Submit(("host", "db.example.org"), ("port", "5432"), ("password", Secret)));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location.ShouldBe(new Uri("/connections/1", UriKind.Relative));
        var instance = received.ShouldNotBeNull();
        instance["port"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.Number);
        instance["port"]!.GetValue<long>().ShouldBe(5432L);
        instance["host"]!.GetValue<string>().ShouldBe("db.example.org");
        instance["password"]!.GetValue<string>().ShouldBe(Secret);
        instance.ContainsKey("replicas").ShouldBeFalse();
    }

    [Fact]
    public async Task An_invalid_post_never_reaches_OnValid()
    {
        var calls = 0;
        await using var server = await FormServer.StartAsync(Schemas.Connection, new SchemaFormOptions { OnValid = (_, _) => { calls++; return Task.FromResult(Results.Ok()); } });
        var form = await server.GetFormAsync();

        var page = await server.PostAsync(form.Submit(("host", "db.example.org"), ("port", "not a number"), ("password", Secret)));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        calls.ShouldBe(0);
    }

    [Fact]
    public async Task A_secret_of_the_initial_values_shows_as_set_and_is_kept_when_its_input_is_left_empty()
    {
        const string password = "initial-pa55word-kept";
        JsonObject? received = null;
        var options = new SchemaFormOptions
        {
            Initial = new JsonObject { ["host"] = "db.example.org", ["port"] = 5432, ["password"] = password },
            OnValid = (json, _) => { received = json; return Task.FromResult(Results.Ok()); },
        };
        await using var server = await FormServer.StartAsync(Schemas.Connection, options);
        var form = await server.GetFormAsync();
        form.Input("password").HasAttribute("required").ShouldBeFalse();
        form.Html.ShouldContain("leave empty to keep");

        var page = await server.PostAsync(form.Submit(("host", "db.example.org"), ("port", "5432"), ("password", string.Empty)));

        page.Status.ShouldBe(HttpStatusCode.OK);
        received.ShouldNotBeNull()["password"]!.GetValue<string>().ShouldBe(password);
    }
}
