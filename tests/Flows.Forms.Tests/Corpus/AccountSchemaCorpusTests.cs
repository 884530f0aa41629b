using System.Text.Json;

namespace Flows.Forms.Tests.Corpus;

/// <summary>
/// The corpus in Corpus/AccountSchemas: 80+ account schemas covering every construct (and nasty ones).
/// Each builds a form or is refused as documented, and its secrets, degraded parts and field order are
/// what expectations.json says.
/// </summary>
public sealed class AccountSchemaCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "account-schemas");

    private static readonly JsonElement Expectations =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expectations.json"))).RootElement;

    private static readonly string[] FileNames = [.. Directory.GetFiles(Folder, "*.schema.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Files => [.. FileNames];

    [Fact]
    public void TheCorpus_HasAtLeastSixtySchemas_AllWithExpectations()
    {
        FileNames.Length.ShouldBeGreaterThanOrEqualTo(60);
        foreach (var file in FileNames)
        {
            Expectations.TryGetProperty(file, out _).ShouldBeTrue($"{file} has no expectations");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Schema_BuildsOrIsRefusedAsDocumented(string file)
    {
        var expected = Expectations.GetProperty(file);
        var text = File.ReadAllText(Path.Combine(Folder, file));

        var loaded = FormSchema.Load(text);

        if (expected.TryGetProperty("buildError", out var buildError) && buildError.GetBoolean())
        {
            loaded.Schema.ShouldBeNull();
            loaded.Errors.ShouldHaveSingleItem().ShouldContain("$ref");
            return;
        }

        var model = loaded.Schema.ShouldNotBeNull($"{file}: {string.Join("; ", loaded.Errors)}").Model;

        var fields = model.AllFields().ToList();
        if (expected.TryGetProperty("secrets", out var secrets))
        {
            var outsideVariantsAndLists = model.Fields.SelectMany(f => TopLevelSecrets(f, string.Empty)).ToList();
            outsideVariantsAndLists.ShouldBe(Strings(secrets), ignoreOrder: true, $"{file} secrets");
        }

        if (expected.TryGetProperty("variantSecrets", out var variantSecrets))
        {
            fields.Where(f => f.Kind == FieldKind.Variant)
                .SelectMany(v => v.Variants).SelectMany(o => o.Fields).SelectMany(f => f.SelfAndDescendants())
                .Where(f => f.Secret).Select(f => f.Name).Distinct()
                .ShouldBe(Strings(variantSecrets).Distinct(), ignoreOrder: true, $"{file} variant secrets");
        }

        if (expected.TryGetProperty("degraded", out var degraded))
        {
            fields.Any(f => f.Kind == FieldKind.RawJson).ShouldBe(degraded.GetBoolean(), $"{file} degraded: {string.Join("; ", model.Notes)}");
        }

        if (expected.TryGetProperty("topLevelFields", out var order))
        {
            model.Fields.Where(f => !f.Hidden && !f.Inline).Select(f => f.Name).ShouldBe(Strings(order), $"{file} field order");
        }
    }

    // Secrets outside variants and lists, named by their raw property names joined with dots.
    private static IEnumerable<string> TopLevelSecrets(FormField field, string prefix) => field.Kind switch
    {
        FieldKind.Group => field.Fields.SelectMany(child => TopLevelSecrets(child, $"{prefix}{field.Name}.")),
        FieldKind.Variant or FieldKind.List => [],
        _ => field.Secret ? [prefix + field.Name] : [],
    };

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
