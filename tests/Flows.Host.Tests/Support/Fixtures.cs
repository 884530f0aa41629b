namespace Flows.Host.Tests.Support;

/// <summary>Folder names of the fixture plugins the build places in fixtures/ next to the tests.</summary>
public static class Fixtures
{
    public const string Salesforce = "salesforce";
    public const string Good = "good";
    public const string OtherGood = "other-good";
    public const string ThrowingConstructor = "throwing-constructor";
    public const string HangingConstructor = "hanging-constructor";
    public const string Crashing = "crashing";
    public const string MissingDependency = "missing-dependency";
    public const string DisagreeingExports = "disagreeing-exports";
    public const string SchemaMismatch = "schema-mismatch";
    public const string GarbageExport = "garbage-export";
    public const string IncompatibleEngine = "incompatible-engine";
    public const string DuplicateA = "duplicate-a";
    public const string DuplicateB = "duplicate-b";
    public const string Snooping = "snooping";
    public const string NoValidator = "no-validator";
    public const string Corpus = "corpus";

    public const string InvalidJson = "static/invalid-json";
    public const string SchemaViolation = "static/schema-violation";
    public const string MissingMain = "static/missing-main";
    public const string PathEscape = "static/path-escape";
    public const string NoManifest = "static/no-manifest";

    /// <summary>The built (or hand-written) fixture folder.</summary>
    public static string PathOf(string fixture)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", fixture);
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"Fixture '{fixture}' was not built into {path}.");
        }

        return path;
    }
}
