using System.Text.Json.Nodes;
using Flows.Forms;
using Flows.Forms.Tests.Corpus;
using static Flows.Web.BrowserTests.SchemaForms.FormPageChecks;

namespace Flows.Web.BrowserTests.SchemaForms;

/// <summary>
/// Every rjsf playground sample the engine takes, as a page of Flows.Forms.AspNetCore in Chromium on a
/// 360 px wide screen: clean, labelled, no wider than the window; submitted, it shows the JSON it
/// received (the sample's data, but for the listed round-trip differences) or, for data the schema
/// refuses, the messages beside the fields with everything typed still there.
/// </summary>
[Collection(SchemaFormsInChromium.Name)]
public sealed class RjsfPlaygroundTests(SchemaFormsBrowser browser, RjsfPlaygroundSite site) : IClassFixture<RjsfPlaygroundSite>
{
    private const string SubmitText = "Submit";

    public static TheoryData<string> Samples => [.. RjsfPlaygroundSite.Loadable];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_sample_opens_at_360_pixels_clean_with_every_input_named_and_nothing_wider_than_the_window(string name)
    {
        await using var session = await browser.OpenAsync(site.Address);
        var page = session.Page;

        var response = await page.GotoAsync(RjsfPlaygroundSite.PathOf(name));

        response!.Status.ShouldBe(200);
        await Expect(Button(page, SubmitText)).ToBeVisibleAsync();
        await EveryVisibleInputShouldHaveANameAsync(page);
        session.ShouldBeClean();
        await NothingShouldBeWiderThanTheWindowAsync(page);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public Task A_submitted_sample_shows_its_data_back_or_the_messages_beside_its_fields(string name) =>
        SubmitAsync(name, javaScript: true);

    [Theory]
    [InlineData("simple")]
    [InlineData("errors")]
    public Task Without_javascript_a_submitted_sample_answers_the_same(string name) =>
        SubmitAsync(name, javaScript: false);

    private async Task SubmitAsync(string name, bool javaScript)
    {
        var sample = PlaygroundSample.Read(name);
        var form = RjsfPlaygroundSite.Load(sample);
        var data = (JsonObject)sample.StartingData;
        var valid = form.Validate(OpenedWith(form, data)).IsEmpty;
        await using var session = await browser.OpenAsync(site.Address, javaScript);
        var page = session.Page;
        await page.GotoAsync(RjsfPlaygroundSite.PathOf(name));

        // A secret is never shown back: the person types it again, as they would.
        var secrets = Secrets(form.Model, data).ToList();
        foreach (var (path, _, value) in secrets)
        {
            await page.Locator($"form.schema-form [name='{path}']").FillAsync(value);
        }

        var before = await ShownValuesAsync(page);
        await Button(page, SubmitText).ClickAsync();

        if (valid)
        {
            await Expect(page.Locator("section.schema-form-result pre")).ToBeVisibleAsync();
            var received = JsonNode.Parse(await page.Locator("section.schema-form-result pre").TextContentAsync() ?? "null");
            // The form starts a field the data leaves out at its schema default, as rjsf does.
            var defaults = form.Model.AllFields().Where(f => f.Default is not null).ToLookup(f => f.InstancePath, f => f.Default, StringComparer.Ordinal);
            var listed = PlaygroundExpectations.DifferencesOf(name);
            var unexplained = PlaygroundExpectations.Differences(data, received)
                .Except(secrets.Select(s => s.Pointer))
                .Where(pointer => !listed.Any(l => pointer == l || pointer.StartsWith(l + "/", StringComparison.Ordinal)))
                .Where(pointer => Has(data, pointer) || !defaults[pointer].Any(value => JsonNode.DeepEquals(value, At(received, pointer))))
                .Where(pointer => Has(data, pointer) || !FilledToItsMinimum(form, pointer, At(received, pointer)));
            unexplained.ShouldBeEmpty($"{data.ToJsonString()} came back as {received?.ToJsonString()}");
            foreach (var (_, pointer, value) in secrets)
            {
                await AccountPages.ShouldNotShowAsync(page, value);
                received!.AsObject()[pointer.TrimStart('/')].ShouldNotBeNull($"{pointer} was typed and is not in the received JSON");
            }
        }
        else
        {
            session.ExpectStatus(422);
            await WaitForRefusalAsync(page);
            (await MessagesBesideFieldsAsync(page)).ShouldNotBeEmpty();

            (await ShownValuesAsync(page)).ShouldBe(before, "what was in the form before the post");
            await Expect(page.Locator("section.schema-form-result")).ToHaveCountAsync(0);
        }

        session.ShouldBeClean();
        await NothingShouldBeWiderThanTheWindowAsync(page);
    }

    // The data a form opens with: the sample's, and the schema's default where it gives nothing (as rjsf does).
    private static JsonObject OpenedWith(FormSchema form, JsonObject data) =>
        FormBinder.Bind(form.Model, FormDefaults.FillIn(form.Model, FormBinder.Unbind(form.Model, data, includeSecrets: true)), stored: data).Instance;

    // A list the data leaves out opens with the rows its minimum asks for, each holding its items' defaults, as rjsf fills it.
    private static bool FilledToItsMinimum(FormSchema form, string pointer, JsonNode? received)
    {
        var list = form.Model.AllFields().FirstOrDefault(f => f.InstancePath == pointer && f.Kind == FieldKind.List);
        if (list is not { MinItems: > 0, Item: { } item } || received is not JsonArray rows || rows.Count != list.MinItems)
        {
            return false;
        }

        JsonNode? blank = item.Kind == FieldKind.Group
            ? new JsonObject(item.Fields.Where(f => f.Default is not null).Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Default!.DeepClone())))
            : item.Default?.DeepClone();
        return rows.All(row => JsonNode.DeepEquals(row, blank));
    }

    private static bool Has(JsonNode? data, string pointer)
    {
        foreach (var key in pointer.Split('/').Skip(1))
        {
            if (data is not JsonObject holder || !holder.TryGetPropertyValue(key, out data))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonNode? At(JsonNode? data, string pointer) =>
        pointer.Split('/').Skip(1).Aggregate(data, (at, key) => at is JsonObject holder ? holder[key] : null);

    // The sample's secret fields at the top level with a string in its data: post name, pointer, value.
    private static IEnumerable<(string Path, string Pointer, string Value)> Secrets(FormModel model, JsonObject data) =>
        model.Fields
            .Where(f => f.Secret && data[f.Name] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .Select(f => (f.Path, f.InstancePath, data[f.Name]!.GetValue<string>()));
}
