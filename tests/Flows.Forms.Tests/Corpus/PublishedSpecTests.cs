namespace Flows.Forms.Tests.Corpus;

/// <summary>
/// The form engine over published connector specs (Airbyte, Estuary), unchanged, from the corpus
/// fixture plugin (tests/Fixtures/CorpusPlugin/specs): each spec's form builds, the corpus offers many
/// examples and defaults valid for their own schema, and every secret and hidden part the spec marks,
/// at any depth, is one in the form.
/// </summary>
public sealed class PublishedSpecTests
{
    public static TheoryData<string> Specs => PublishedSpecs.Except();

    [Theory]
    [MemberData(nameof(Specs))]
    public void TheForm_BuildsWithAFieldForEveryPropertyOfTheSpec(string file)
    {
        var loaded = FormSchema.Load(PublishedSpecs.Text(file));

        var model = loaded.Schema.ShouldNotBeNull($"{file}: {string.Join("; ", loaded.Errors)}").Model;
        var properties = PublishedSpecs.Schema(file)["properties"]!.AsObject().Select(p => p.Key);
        model.Fields.Select(f => f.Name).ShouldBe(properties, ignoreOrder: true, $"{file}: top-level fields");
        model.AllFields().Where(f => f.Kind == FieldKind.RawJson).Select(f => f.Path).ShouldBeEmpty($"{file}: parts edited as raw JSON");
    }

    [Fact]
    public void TheCorpus_OffersManyExamplesAndDefaultsValidForTheirOwnSchema()
    {
        var tried = PublishedSpecs.Files
            .Sum(file => OwnExamplesAndDefaults.ValidFor(file, FormSchema.Load(PublishedSpecs.Text(file)).Schema!.Model).Count);

        tried.ShouldBeGreaterThanOrEqualTo(100);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryAirbyteSecret_AtAnyDepth_IsASecretOfTheForm(string file) =>
        MarkedPartsAre(file, f => f.Secret, "shown in clear", "airbyte_secret");

    [Theory]
    [MemberData(nameof(Specs))]
    public void EverySecretWhateverItsPublisherCallsIt_IsASecretOfTheForm(string file) =>
        MarkedPartsAre(file, f => f.Secret, "shown in clear", "airbyte_secret", "airbyte_sensitive", "secret");

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryPartTheSpecHides_AtAnyDepth_IsHiddenInTheForm(string file) =>
        MarkedPartsAre(file, f => f.Hidden, "shown", "airbyte_hidden", "x-hidden", "x-hidden-field");

    private static void MarkedPartsAre(string file, Func<FormField, bool> treated, string otherwise, params string[] flags)
    {
        var marked = SchemaWalk.Flagged(PublishedSpecs.Schema(file), flags);
        var model = FormSchema.Load(PublishedSpecs.Text(file)).Schema.ShouldNotBeNull().Model;
        var fields = model.AllFields().ToList();

        foreach (var instancePath in marked)
        {
            var atPath = fields.Where(f => f.InstancePath == instancePath).ToList();
            atPath.ShouldNotBeEmpty($"{file}: no field for {instancePath}");
            atPath.Where(f => !treated(f)).Select(f => f.Path).ShouldBeEmpty($"{file}: {instancePath} is {otherwise}");
        }
    }
}
