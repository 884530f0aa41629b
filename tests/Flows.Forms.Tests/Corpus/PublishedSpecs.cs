namespace Flows.Forms.Tests.Corpus;

/// <summary>
/// The published connector specs of the corpus fixture plugin (tests/Fixtures/CorpusPlugin), as
/// its specs/INDEX.json lists them: file, account type, source repository, path and commit. The
/// project file copies them next to the tests, laid out as in the plugin's folder, so they are read
/// without the plugin.
/// </summary>
public static class PublishedSpecs
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "published-specs");

    public static JsonArray Index => (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "specs", "INDEX.json")))!["specs"]!;

    /// <summary>The spec files, relative to <see cref="Folder"/> as to the plugin folder (<c>specs/source-postgres.schema.json</c>).</summary>
    public static IReadOnlyList<string> Files => [.. Index.Select(e => (string)e!["file"]!)];

    public static string PathOf(string file) => Path.Combine(Folder, file);

    public static string Text(string file) => File.ReadAllText(PathOf(file));

    public static JsonObject Schema(string file) => (JsonObject)JsonNode.Parse(Text(file))!;

    /// <summary>Theory rows: every spec except the ones a finding keeps out (each named where it is listed).</summary>
    public static TheoryData<string> Except(params string[] excluded)
    {
        var unknown = excluded.Except(Files).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Not in the corpus: {string.Join(", ", unknown)}", nameof(excluded));
        }

        return [.. Files.Except(excluded)];
    }
}
