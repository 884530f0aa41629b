using System.Text.Json;

namespace Flows.Host.Tests.Forms;

/// <summary>
/// <c>forms check</c> over the form engine's account schema corpus (tests/Flows.Forms.Tests/Corpus/AccountSchemas):
/// every schema that builds a form passes, and every schema the engine refuses fails.
/// </summary>
public sealed class CorpusFormsCheckTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "account-schemas");

    private static readonly JsonElement Expectations =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expectations.json"))).RootElement;

    public static TheoryData<string> Files => [.. Directory.GetFiles(Folder, "*.schema.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void FormsCheck_PassesTheSchema_OrFailsWhereTheEngineRefusesIt(string file)
    {
        var report = FormCheck.Run(File.ReadAllText(Path.Combine(Folder, file)));

        if (Expectations.GetProperty(file).TryGetProperty("buildError", out var buildError) && buildError.GetBoolean())
        {
            report.Passed.ShouldBeFalse();
            return;
        }

        report.Problems.Where(p => !IsDocumentedFailure(p)).ShouldBeEmpty($"{file} failed its check");
    }

    // A pattern too costly to check, or one whose sample cannot match, is reported, not hidden: the author must add an example.
    private static bool IsDocumentedFailure(string problem) =>
        problem.Contains("could not be checked against its pattern in time", StringComparison.Ordinal);
}
