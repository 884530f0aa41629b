namespace Flows.Testing;

/// <summary>
/// The fixture plugins a test project's build places in <c>fixtures/</c> next to its tests (their
/// names are generated constants of the project's <c>Fixtures</c> class), and copying them into a
/// FLOWS_HOME or anywhere else a test needs its own copy.
/// </summary>
public static class FixtureFolders
{
    /// <summary>The built (or hand-written) fixture folder <paramref name="folder"/>.</summary>
    public static string PathOf(string folder)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", folder);
        return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"Fixture '{folder}' was not built into {path}.");
    }

    /// <summary>Copies each fixture in <paramref name="folders"/> into <paramref name="directory"/> under its own name.</summary>
    public static void CopyInto(string directory, params string[] folders)
    {
        foreach (var folder in folders)
        {
            Copy(PathOf(folder), Path.Combine(directory, folder));
        }
    }

    /// <summary>Copies the folder <paramref name="source"/> with everything in it to <paramref name="target"/>.</summary>
    public static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            Copy(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}
