namespace Flows.Tests.Fixtures.Support.FixtureHelper;

/// <summary>A trivial type whose only job is to live in an assembly a plugin depends on.</summary>
public static class HelperText
{
    /// <summary>The title MissingDependencyPlugin would use, if it could load this assembly.</summary>
    public static string Title => "Missing dependency fixture account";
}
