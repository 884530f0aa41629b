using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Flows.Forms.AspNetCore.Tests;

/// <summary>
/// Text from a schema one did not write (titles, descriptions, choice labels, examples, defaults,
/// property names), from a post and from messages, rendered through ComponentHtml: all of it is
/// encoded, so it reads as the text it is and never becomes markup.
/// </summary>
public sealed class RenderingAHostileSchemaTests
{
    private const string Attack = "\"'><script>alert('x')</script><img src=x onerror=alert(1)>";

    private static FormModel Model()
    {
        var schema = new JsonObject
        {
            ["title"] = Attack,
            ["description"] = Attack,
            ["type"] = "object",
            ["groups"] = new JsonArray(new JsonObject { ["id"] = "extra", ["title"] = Attack }),
            ["required"] = new JsonArray("name", "mode", "rows"),
            ["properties"] = new JsonObject
            {
                ["name"] = new JsonObject { ["type"] = "string", ["title"] = Attack, ["description"] = Attack, ["examples"] = new JsonArray(Attack), ["default"] = Attack },
                ["mode"] = new JsonObject { ["type"] = "string", ["title"] = Attack, ["enum"] = new JsonArray(Attack, "plain"), ["enumNames"] = new JsonArray(Attack, "Plain") },
                ["rows"] = new JsonObject
                {
                    ["type"] = "array", ["title"] = Attack, ["minItems"] = 1,
                    ["items"] = new JsonObject { ["type"] = "object", ["title"] = Attack, ["properties"] = new JsonObject { ["note"] = new JsonObject { ["type"] = "string", ["title"] = Attack } } },
                },
                ["auth"] = new JsonObject
                {
                    ["title"] = Attack,
                    ["oneOf"] = new JsonArray(
                        new JsonObject { ["title"] = Attack, ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["const"] = "a" } } },
                        new JsonObject { ["title"] = "Plain", ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["const"] = "b" } } }),
                },
                ["extra"] = new JsonObject { ["type"] = "string", ["title"] = "Extra", ["group"] = "extra" },
                [Attack] = new JsonObject { ["type"] = "string" },
            },
        };
        var loaded = FormSchema.Load(schema.ToJsonString());
        loaded.Errors.ShouldBeEmpty();
        return loaded.Schema!.Model;
    }

    private static IHtmlDocument Render<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new HtmlParser().ParseDocument(ComponentHtml.Render<TComponent>(parameters));

    private static IHtmlDocument Page(FormValues? values = null, FormErrors? errors = null)
    {
        var model = Model();
        return Render<SchemaFormPage>(new()
        {
            [nameof(SchemaFormPage.Model)] = model,
            [nameof(SchemaFormPage.Title)] = model.Title,
            [nameof(SchemaFormPage.Values)] = values,
            [nameof(SchemaFormPage.Errors)] = errors,
            [nameof(SchemaFormPage.Result)] = Attack,
        });
    }

    // A label's or legend's own text, without the required mark (an aria-hidden "*" element).
    private static string OwnText(IElement element) =>
        string.Concat(element.ChildNodes.OfType<IText>().Select(t => t.Data)).Trim();

    private static void ShouldHoldNoMarkupOfTheAttack(IHtmlDocument document)
    {
        document.Scripts.ShouldAllBe(s => s.Source != null && s.Source.Contains(SchemaFormAssets.Script));
        document.QuerySelectorAll("img").ShouldBeEmpty();
        document.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)).Select(a => a.Name).ShouldBeEmpty();
    }

    [Fact]
    public void A_page_of_hostile_text_holds_no_script_no_image_and_no_event_attribute()
    {
        ShouldHoldNoMarkupOfTheAttack(Page());
    }

    [Fact]
    public void The_title_and_the_result_read_as_the_text_they_are()
    {
        var page = Page();

        page.Title.ShouldBe(Attack);
        page.QuerySelector("h1").ShouldNotBeNull().TextContent.ShouldBe(Attack);
        page.QuerySelector("pre").ShouldNotBeNull().TextContent.ShouldBe(Attack);
    }

    [Fact]
    public void The_schemas_description_is_help_like_a_fields_its_text_kept_and_its_markup_dropped()
    {
        var description = Page().GetElementById("schema-form-description").ShouldNotBeNull();

        description.TextContent.ShouldStartWith("\"'>");
        description.QuerySelectorAll("script, img").ShouldBeEmpty();
    }

    [Fact]
    public void Field_titles_legends_headings_and_buttons_read_as_the_text_they_are()
    {
        var page = Page();

        OwnText(page.QuerySelector("label[for='f-name']").ShouldNotBeNull()).ShouldBe(Attack);
        OwnText(page.QuerySelector("label[for='f-mode']").ShouldNotBeNull()).ShouldBe(Attack);
        page.QuerySelectorAll("legend").Select(OwnText).ShouldContain(Attack);
        page.QuerySelectorAll("section.form-section > h2").Select(h => h.TextContent).ShouldContain(Attack);
        page.QuerySelectorAll("button[name='remove-row']").ShouldAllBe(b => b.TextContent.StartsWith("Remove " + Attack, StringComparison.Ordinal));
        page.QuerySelectorAll("fieldset.variant label.choice").Select(l => l.TextContent.Trim()).ShouldContain(Attack.Trim());
    }

    [Fact]
    public void Choice_labels_and_values_read_as_the_text_they_are()
    {
        var select = Page().QuerySelector<IHtmlSelectElement>("select[name='mode']").ShouldNotBeNull();

        var option = select.Options.Single(o => o.Text == Attack);
        select.Options.Select(o => o.Value).ShouldContain(option.Value);
        option.Value.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void A_default_and_an_example_stay_inside_their_attributes()
    {
        var input = Page().QuerySelector<IHtmlInputElement>("input[name='name']").ShouldNotBeNull();

        input.Value.ShouldBe(Attack);
        input.Placeholder.ShouldBe(Attack);
    }

    [Fact]
    public void A_hostile_property_name_stays_inside_the_name_attribute_and_gives_a_plain_id()
    {
        var input = Page().QuerySelectorAll<IHtmlInputElement>("input").Single(i => i.Name == FormPath.Escape(Attack));

        input.Id.ShouldNotBeNull().ShouldMatch("^[A-Za-z0-9_-]+$");
    }

    [Fact]
    public void Typed_values_and_messages_from_a_refused_post_read_as_the_text_they_are()
    {
        var values = new FormValues().Add("name", Attack).Add("rows[0].note", Attack);
        var errors = new FormErrors();
        errors.AddField("name", Attack);
        errors.AddForm(Attack);

        var page = Page(values, errors);

        ShouldHoldNoMarkupOfTheAttack(page);
        page.QuerySelector<IHtmlInputElement>("input[name='name']").ShouldNotBeNull().Value.ShouldBe(Attack);
        page.QuerySelector<IHtmlInputElement>("input[name='rows[0].note']").ShouldNotBeNull().Value.ShouldBe(Attack);
        page.GetElementById("f-name-error").ShouldNotBeNull().TextContent.ShouldBe(Attack);
        page.QuerySelectorAll(".summary li").Select(l => l.TextContent).ShouldBe([Attack, Attack]);
    }

    [Fact]
    public void The_fields_alone_hold_no_markup_of_the_attack_either()
    {
        var model = Model();

        var fields = Render<SchemaFormFields>(new() { [nameof(SchemaFormFields.Fields)] = model.Fields });

        fields.Scripts.ShouldBeEmpty();
        fields.QuerySelectorAll("img").ShouldBeEmpty();
        OwnText(fields.QuerySelectorAll("label[for='f-name']").ShouldHaveSingleItem()).ShouldBe(Attack);
    }

    [Fact]
    public void Text_beyond_ASCII_is_written_as_it_is_not_as_character_references()
    {
        const string title = "Café – 東京 ✓";
        var loaded = FormSchema.Load($$"""{ "type": "object", "properties": { "city": { "type": "string", "title": "{{title}}" } } }""");
        loaded.Errors.ShouldBeEmpty();

        var html = ComponentHtml.Render<SchemaFormFields>(new Dictionary<string, object?> { [nameof(SchemaFormFields.Fields)] = loaded.Schema!.Model.Fields });

        html.ShouldContain(title);
    }
}
