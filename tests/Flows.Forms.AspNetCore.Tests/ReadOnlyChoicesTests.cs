using Flows.Forms.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Flows.Forms.AspNetCore.Tests;

/// <summary>
/// Browsers ignore readonly on checkboxes, drop-downs and radio buttons, so a read-only choice is drawn
/// disabled (as rjsf does) and the value it holds is posted from a hidden input instead.
/// </summary>
public sealed class ReadOnlyChoicesTests
{
    private const string Plan = """
        {
          "type": "object",
          "properties": {
            "plan": { "title": "Plan", "enum": ["free", "team"], "readOnly": true },
            "newsletter": { "title": "Newsletter", "type": "boolean", "readOnly": true },
            "size": { "title": "Size", "enum": ["s", "m", "l"] },
            "topics": { "title": "Topics", "type": "array", "uniqueItems": true, "readOnly": true, "items": { "enum": ["forms", "schemas"] } }
          }
        }
        """;

    private const string SizeAsReadOnlyRadios = """{ "size": { "ui:widget": "radio", "ui:readonly": true } }""";

    private static SchemaFormOptions Opened(Action<JsonObject>? received = null) => new()
    {
        Initial = new JsonObject { ["plan"] = "team", ["newsletter"] = true, ["size"] = "m", ["topics"] = new JsonArray("schemas") },
        OnValid = (json, _) => { received?.Invoke(json); return Task.FromResult(Results.Ok()); },
    };

    [Fact]
    public async Task Each_read_only_choice_is_drawn_disabled_and_its_value_is_in_a_hidden_input()
    {
        await using var server = await FormServer.StartAsync(Plan, Opened(), SizeAsReadOnlyRadios);
        var form = await server.GetFormAsync();

        form.Document.QuerySelector("select[name=plan]").ShouldNotBeNull().HasAttribute("disabled").ShouldBeTrue();
        form.Document.QuerySelector("input[type=checkbox][name=newsletter]").ShouldNotBeNull().HasAttribute("disabled").ShouldBeTrue();
        form.Document.QuerySelectorAll("input[type=radio][name=size]").ShouldAllBe(radio => radio.HasAttribute("disabled"));
        form.Document.QuerySelectorAll("fieldset[data-list=topics] input[type=checkbox]").ShouldAllBe(box => box.HasAttribute("disabled"));
        form.HiddenFields().ShouldContain(KeyValuePair.Create("plan", "team"));
        form.HiddenFields().ShouldContain(KeyValuePair.Create("newsletter", "true"));
        form.HiddenFields().ShouldContain(KeyValuePair.Create("size", "m"));
        form.HiddenFields().ShouldContain(KeyValuePair.Create("topics[1]", "schemas"));
    }

    [Fact]
    public async Task A_form_posted_as_the_browser_posts_it_keeps_every_read_only_choice()
    {
        JsonObject? received = null;
        await using var server = await FormServer.StartAsync(Plan, Opened(json => received = json), SizeAsReadOnlyRadios);
        var form = await server.GetFormAsync();

        await server.PostAsync(form.Submit());

        received.ShouldNotBeNull().ToJsonString().ShouldBe("""{"plan":"team","newsletter":true,"size":"m","topics":["schemas"]}""");
    }
}
