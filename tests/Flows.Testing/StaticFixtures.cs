namespace Flows.Testing;

/// <summary>
/// The hand-written fixture folders of tests/Fixtures/Static (broken manifests that no build makes),
/// copied into fixtures/static next to the tests of each project that lists them; found with
/// <see cref="FixtureFolders"/> like the built ones.
/// </summary>
public static class StaticFixtures
{
    public const string InvalidJson = "static/invalid-json";
    public const string SchemaViolation = "static/schema-violation";
    public const string MissingMain = "static/missing-main";
    public const string PathEscape = "static/path-escape";
    public const string NoManifest = "static/no-manifest";
}
