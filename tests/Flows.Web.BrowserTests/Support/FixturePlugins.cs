namespace Flows.Web.BrowserTests.Support;

/// <summary>Fixture plugins the build places in fixtures/ next to the tests, copied into a FLOWS_HOME.</summary>
public static partial class FixturePlugins
{
    public const string HostileId = "fixture.hostile";
    public const string HostileAccountType = "fixture-hostile.basic";

    public const string ThrowingConstructorId = "fixture.throwing";

    /// <summary>A form with every shape: nested variants, a list of objects with secrets, a key, sections; and sets of choices.</summary>
    public const string FormShapesId = "fixture.shapes";
    public const string FormShapesAccountType = "fixture-shapes.warehouse";
    public const string FormShapesReportType = "fixture-shapes.report";
}
