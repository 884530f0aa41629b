using System.Net;
using Flows.Forms.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Flows.Forms.AspNetCore.Tests;

/// <summary>The "Add a row" and "Remove" buttons, which post the form when the script is not there.</summary>
public sealed class ChangingRowsWithoutJavaScriptTests
{
    private const string Secret = "typed-while-adding-rows";

    [Fact]
    public async Task Add_a_row_shows_the_form_again_with_one_more_row_and_submits_nothing()
    {
        var calls = 0;
        await using var server = await FormServer.StartAsync(Schemas.Connection, new SchemaFormOptions { OnValid = (_, _) => { calls++; return Task.FromResult(Results.Ok()); } });
        var form = await server.GetFormAsync();
        form.Rows("replicas").ShouldBeEmpty();

        var page = await server.PostAsync(form.Press(SchemaFormPost.AddRowField, "replicas", ("host", "db.example.org"), ("port", "5432"), ("password", Secret)));

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Rows("replicas").Count.ShouldBe(1);
        page.Input("replicas[0].name").HasAttribute("autofocus").ShouldBeTrue();
        page.Input("host").GetAttribute("value").ShouldBe("db.example.org");
        page.Document.QuerySelector(".summary").ShouldBeNull();
        page.Received().ShouldBeNull();
        calls.ShouldBe(0);
    }

    [Fact]
    public async Task Adding_a_second_row_keeps_what_the_first_holds()
    {
        await using var server = await FormServer.StartAsync(Schemas.Connection);
        var form = await server.GetFormAsync();
        var one = await server.PostAsync(form.Press(SchemaFormPost.AddRowField, "replicas", ("host", "db.example.org")));

        var two = await server.PostAsync(one.Press(SchemaFormPost.AddRowField, "replicas", ("host", "db.example.org"), ("replicas[0].name", "east")));

        two.Rows("replicas").Count.ShouldBe(2);
        two.Input("replicas[0].name").GetAttribute("value").ShouldBe("east");
        two.Input("replicas[1].name").HasAttribute("autofocus").ShouldBeTrue();
    }

    [Fact]
    public async Task Remove_shows_the_form_again_with_one_row_fewer_and_submits_nothing()
    {
        var calls = 0;
        await using var server = await FormServer.StartAsync(Schemas.Connection, new SchemaFormOptions { OnValid = (_, _) => { calls++; return Task.FromResult(Results.Ok()); } });
        var form = await server.GetFormAsync();
        var typed = new[] { ("host", "db.example.org"), ("port", "5432"), ("password", Secret), ("replicas[0].name", "east"), ("replicas[1].name", "west") };

        var page = await server.PostAsync(form.Press(SchemaFormPost.RemoveRowField, "replicas[0]", typed));

        page.Status.ShouldBe(HttpStatusCode.OK);
        var row = page.Rows("replicas").ShouldHaveSingleItem();
        row.QuerySelector("input").ShouldNotBeNull().GetAttribute("value").ShouldBe("west");
        page.Received().ShouldBeNull();
        calls.ShouldBe(0);
    }

    [Fact]
    public async Task A_secret_typed_before_a_row_was_added_is_kept_sealed_until_the_form_is_sent()
    {
        JsonObject? received = null;
        await using var server = await FormServer.StartAsync(Schemas.Connection, new SchemaFormOptions { OnValid = (instance, _) => { received = instance; return Task.FromResult(Results.Ok()); } });
        var form = await server.GetFormAsync();
        var added = await server.PostAsync(form.Press(SchemaFormPost.AddRowField, "replicas", ("host", "db.example.org"), ("port", "5432"), ("password", Secret)));
        added.Html.ShouldNotContain(Secret);

        var page = await server.PostAsync(added.Submit(("host", "db.example.org"), ("port", "5432"), ("password", string.Empty), ("replicas[0].name", "east")));

        page.Status.ShouldBe(HttpStatusCode.OK);
        received.ShouldNotBeNull()["password"]!.GetValue<string>().ShouldBe(Secret);
    }

    private const string Tags = """
        { "type": "object", "properties": { "tags": { "type": "array", "title": "Tags", "maxItems": 2, "items": { "type": "string", "title": "Tag" } } } }
        """;

    [Fact]
    public async Task A_list_as_long_as_its_maxItems_hides_Add_a_row_and_a_post_pressing_it_anyway_adds_nothing()
    {
        await using var server = await FormServer.StartAsync(Tags);
        var form = await server.GetFormAsync();
        var one = await server.PostAsync(form.Press(SchemaFormPost.AddRowField, "tags"));
        one.Document.QuerySelector("button[name=add-row]").ShouldNotBeNull().HasAttribute("hidden").ShouldBeFalse();
        var two = await server.PostAsync(one.Press(SchemaFormPost.AddRowField, "tags", ("tags[0]", "red")));
        two.Document.QuerySelector("button[name=add-row]").ShouldNotBeNull().HasAttribute("hidden").ShouldBeTrue();

        var three = await server.PostAsync(two.Press(SchemaFormPost.AddRowField, "tags", ("tags[0]", "red"), ("tags[1]", "blue")));

        three.Status.ShouldBe(HttpStatusCode.OK);
        three.Rows("tags").Count.ShouldBe(2);
        three.Input("tags[1]").GetAttribute("value").ShouldBe("blue");
    }

    [Fact]
    public async Task A_row_of_a_list_whose_rows_cannot_be_removed_stays_when_a_post_presses_Remove_anyway()
    {
        await using var server = await FormServer.StartAsync(Tags, uiSchema: """{ "tags": { "ui:options": { "removable": false } } }""");
        var form = await server.GetFormAsync();

        var page = await server.PostAsync(form.Press(SchemaFormPost.RemoveRowField, "tags[0]", ("tags[0]", "red")));

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Input("tags[0]").GetAttribute("value").ShouldBe("red");
    }

    [Fact]
    public async Task A_list_whose_rows_cannot_be_added_gets_none_from_a_post_pressing_Add_a_row_anyway()
    {
        await using var server = await FormServer.StartAsync(Tags, uiSchema: """{ "tags": { "ui:options": { "addable": false } } }""");
        var form = await server.GetFormAsync();

        var page = await server.PostAsync(form.Press(SchemaFormPost.AddRowField, "tags"));

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Rows("tags").ShouldBeEmpty();
    }
}
