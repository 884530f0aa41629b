using Flows.Forms;
using Flows.Host.Schemas;

namespace Flows.Host.Tests.Forms;

/// <summary>The dialect of an account schema comes from its $schema, the same way in every check and at run time.</summary>
public sealed class SchemaDialectTests
{
    [Theory]
    [MemberData(nameof(DraftSpecs.Spellings), MemberType = typeof(DraftSpecs))]
    public void PublishedSpecInAnySpellingOfItsDialect_PassesTheAccountSchemaCheck(string dialect)
    {
        var result = AccountSchemaLoader.Check(DraftSpecs.Connector(dialect), "spec.json");

        result.Problems.ShouldBeEmpty();
        result.IsValid.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(DraftSpecs.Spellings), MemberType = typeof(DraftSpecs))]
    public void PublishedSpecInAnySpellingOfItsDialect_PassesTheFormsCheck(string dialect)
    {
        var report = FormCheck.Run(DraftSpecs.Connector(dialect));

        report.Problems.ShouldBeEmpty();
        report.Passed.ShouldBeTrue();
        report.Secrets.ShouldBe(["api_key"]);
    }

    [Fact]
    public void Draft07TupleItems_PassTheChecksAndAreEditedAsJson()
    {
        const string spec = """
            { "$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
              "properties": { "range": { "type": "array", "items": [ { "type": "string" }, { "type": "integer" } ] } } }
            """;

        AccountSchemaLoader.Check(spec, "spec.json").Problems.ShouldBeEmpty();
        var report = FormCheck.Run(spec);
        report.Problems.ShouldBeEmpty();
        report.Degraded.ShouldBe(["range"]);
    }

    [Fact]
    public void ExamplesThatIsNotAnArray_IsNotARefusal()
    {
        AccountSchemaLoader.Check(DraftSpecs.ExamplesNotAnArray, "spec.json").IsValid.ShouldBeTrue();
        FormCheck.Run(DraftSpecs.ExamplesNotAnArray).Passed.ShouldBeTrue();
        FormSchema.Load(DraftSpecs.ExamplesNotAnArray).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void APropertyNamedExamples_IsStillCheckedAsASchema()
    {
        var result = AccountSchemaLoader.Check("""
            { "$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": { "examples": 5 } }
            """, "spec.json");

        result.IsValid.ShouldBeFalse();
        result.Problems.ShouldContain(p => p.StartsWith("spec.json $.properties.examples:", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownDollarSchema_GetsTheSameClearSentenceFromBothChecksAndAtRunTime()
    {
        var checkedSchema = AccountSchemaLoader.Check(DraftSpecs.UnknownDialect, "The schema");
        var report = FormCheck.Run(DraftSpecs.UnknownDialect);
        var loaded = FormSchema.Load(DraftSpecs.UnknownDialect);

        checkedSchema.IsValid.ShouldBeFalse();
        checkedSchema.Problems.Single().ShouldStartWith("The schema: " + DraftSpecs.UnknownDialectSentence);
        report.Passed.ShouldBeFalse();
        report.Problems.ShouldBe(checkedSchema.Problems);
        loaded.Errors.Single().ShouldStartWith(DraftSpecs.UnknownDialectSentence);
    }
}
