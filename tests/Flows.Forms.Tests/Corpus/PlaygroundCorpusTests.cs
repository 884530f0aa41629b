using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Flows.Forms.Tests.Corpus;

/// <summary>
/// The rjsf playground samples, each with its uiSchema: they load, their data survives the trip through
/// a form, and the engine's validation agrees with JsonSchema.Net's own evaluation of that data.
/// </summary>
public class PlaygroundCorpusTests
{
    public static TheoryData<string> Samples => [.. PlaygroundSample.Names];

    public static TheoryData<string> SamplesInside => [.. PlaygroundSample.Names.Where(n => !PlaygroundExpectations.Outside.ContainsKey(n))];

    [Fact]
    public void The_corpus_holds_every_playground_sample() =>
        PlaygroundSample.Names.Count.ShouldBe(33);

    [Fact]
    public void The_tables_name_only_samples_of_the_corpus() =>
        PlaygroundExpectations.Outside.Keys.Concat(PlaygroundExpectations.RoundTripDifferences.Keys).Except(PlaygroundSample.Names).ShouldBeEmpty();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_loads_with_its_uiSchema_unless_the_table_says_why_not(string name)
    {
        var sample = PlaygroundSample.Read(name);

        var loaded = FormSchema.Load(sample.Schema.ToJsonString(), sample.UiSchema.ToJsonString());
        var usable = loaded.Schema is not null && sample.StartingData is JsonObject;

        usable.ShouldBe(!PlaygroundExpectations.Outside.ContainsKey(name), string.Join(" ", loaded.Errors));
    }

    [Theory]
    [MemberData(nameof(SamplesInside))]
    public void Every_sample_s_data_binds_back_to_itself_from_the_form_values_it_unbinds_to(string name)
    {
        var sample = PlaygroundSample.Read(name);
        var form = Load(sample);
        var data = (JsonObject)sample.StartingData;

        // As an edit form does: the stored data is there to keep what the form does not take (disabled fields).
        var values = FormBinder.Unbind(form.Model, data, includeSecrets: true);
        var back = FormBinder.Bind(form.Model, values, stored: data);

        back.Errors.ShouldBeEmpty();
        PlaygroundExpectations.Differences(data, back.Instance).ShouldBe(
            PlaygroundExpectations.DifferencesOf(name),
            ignoreOrder: true,
            $"{data.ToJsonString()} came back as {back.Instance.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(SamplesInside))]
    public void Validation_agrees_with_JsonSchema_Net_on_every_sample_s_data(string name)
    {
        var sample = PlaygroundSample.Read(name);
        var data = (JsonObject)sample.StartingData;

        var errors = Load(sample).Validate(data);

        errors.IsEmpty.ShouldBe(JsonSchemaNetAccepts(sample.Schema, data), string.Join(" ", errors.All()));
    }

    [Fact]
    public void The_errors_sample_is_invalid_as_it_is_meant_to_be() =>
        Load(PlaygroundSample.Read("errors")).Validate((JsonObject)PlaygroundSample.Read("errors").StartingData).IsEmpty.ShouldBeFalse();

    [Fact]
    public void The_ordering_sample_shows_its_fields_in_its_ui_order() =>
        Load(PlaygroundSample.Read("ordering")).Model.Fields.Select(f => f.Name).ShouldBe(["firstName", "lastName", "bio", "age", "password"]);

    [Fact]
    public void The_enumerated_objects_sample_draws_radio_buttons_and_checkboxes_by_their_registry_names()
    {
        var model = Load(PlaygroundSample.Read("enumObjects")).Model;

        model.Fields.Single(f => f.Name == "locationRadio").Widget.ShouldBe(FieldWidget.Radio);
        model.Fields.Single(f => f.Name == "checkboxes").Widget.ShouldBe(FieldWidget.Checkboxes);
    }

    [Fact]
    public void The_widgets_sample_gets_its_disabled_hidden_and_read_only_fields()
    {
        var model = Load(PlaygroundSample.Read("widgets")).Model;

        model.Fields.Single(f => f.Name == "disabled").Disabled.ShouldBeTrue();
        model.Fields.Single(f => f.Name == "secret").Hidden.ShouldBeTrue();
        model.Fields.Single(f => f.Name == "readonly").ReadOnly.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(SamplesInside))]
    public void Every_note_about_an_ignored_uiSchema_key_names_a_key_the_sample_s_uiSchema_has(string name)
    {
        var sample = PlaygroundSample.Read(name);
        var keys = AllKeys(sample.UiSchema).ToHashSet(StringComparer.Ordinal);

        foreach (var note in Load(sample).Model.Notes.Where(n => n.StartsWith("The uiSchema's \"", StringComparison.Ordinal)))
        {
            var key = note.Split('"')[1];
            keys.ShouldContain(key, note);
        }
    }

    private static FormSchema Load(PlaygroundSample sample)
    {
        var loaded = FormSchema.Load(sample.Schema.ToJsonString(), sample.UiSchema.ToJsonString());
        loaded.Errors.ShouldBeEmpty();
        return loaded.Schema!;
    }

    private static bool JsonSchemaNetAccepts(JsonObject schema, JsonObject data)
    {
        var dialect = SchemaDialects.Of(JsonSerializer.SerializeToElement(schema)).Dialect!;
        var validator = JsonSchema.Build(
            JsonSerializer.SerializeToElement(schema),
            new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = dialect.Dialect });
        return validator.Evaluate(JsonSerializer.SerializeToElement(data), new EvaluationOptions { RequireFormatValidation = true }).IsValid;
    }

    private static IEnumerable<string> AllKeys(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => AllKeys(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(AllKeys),
        _ => [],
    };
}
