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

    public static void CopyInto(string pluginsDirectory, params string[] folders)
    {
        foreach (var folder in folders)
        {
            var source = Path.Combine(AppContext.BaseDirectory, "fixtures", folder);
            if (!Directory.Exists(source))
            {
                throw new DirectoryNotFoundException($"Fixture '{folder}' was not built into {source}.");
            }

            CopyDirectory(source, Path.Combine(pluginsDirectory, folder));
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}
