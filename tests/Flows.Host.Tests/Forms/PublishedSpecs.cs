namespace Flows.Host.Tests.Forms;

/// <summary>
/// The published connector specs of the corpus fixture plugin (tests/Fixtures/CorpusPlugin), as
/// its specs/INDEX.json lists them: file, account type, source repository, path and commit.
/// </summary>
public static class PublishedSpecs
{
    public static string Folder => FixtureFolders.PathOf(Fixtures.Corpus);

    public static JsonArray Index => (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "specs", "INDEX.json")))!["specs"]!;

    /// <summary>The spec files, relative to the plugin folder (<c>specs/source-postgres.schema.json</c>).</summary>
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
