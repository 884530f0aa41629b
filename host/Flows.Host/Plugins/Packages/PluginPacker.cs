using System.IO.Compression;

namespace Flows.Host.Plugins.Packages;

/// <summary>
/// `flows plugins pack`: turns a plugin project (built in Release first) or a built plugin folder
/// into one package file, <c>&lt;id&gt;-&lt;version&gt;.flowsplugin</c> — a zip with plugin.json at its root
/// that <see cref="PluginInstaller"/> accepts. The same checks as `flows plugins check` run first,
/// and a plugin with any problem is not packed.
/// </summary>
public sealed class PluginPacker
{
    /// <summary>The package file extension.</summary>
    public const string Extension = ".flowsplugin";

    // Every entry gets the same time, so packing the same files twice gives the same bytes.
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // A regular file, rw-r--r--, in the Unix mode bits of the zip's external attributes.
    private const int RegularFileMode = 0x81A4 << 16;

    private readonly PluginChecker _checker;
    private readonly PluginProjectBuilder _builder;

    public PluginPacker(PluginChecker checker, PluginProjectBuilder builder)
    {
        _checker = checker;
        _builder = builder;
    }

    /// <summary>What <paramref name="source"/> is: a project to build, a built plugin folder, or neither.</summary>
    public static PackSource Locate(string source)
    {
        var path = Path.GetFullPath(source);
        if (File.Exists(path))
        {
            return path.EndsWith("proj", StringComparison.OrdinalIgnoreCase)
                ? new PackSource(path, IsProject: true, null)
                : new PackSource(path, false, $"'{source}' is a file but not a project file; give a project (.csproj) or a plugin folder.");
        }

        if (!Directory.Exists(path))
        {
            return new PackSource(path, false, $"'{source}' does not exist.");
        }

        // A project folder holds plugin.json too (its source), so a project file decides first.
        var projects = Directory.GetFiles(path, "*.csproj");
        return projects.Length switch
        {
            1 => new PackSource(projects[0], IsProject: true, null),
            > 1 => new PackSource(path, false, $"'{source}' has {projects.Length} project files; name the one to pack."),
            _ when File.Exists(Path.Combine(path, "plugin.json")) => new PackSource(path, false, null),
            _ => new PackSource(path, false, $"'{source}' has neither a plugin.json nor a project file; give the connector's project or its build output."),
        };
    }

    /// <summary>Builds (for a project), checks and packs <paramref name="source"/> into <paramref name="outputDirectory"/>.</summary>
    public async Task<PluginPackResult> PackAsync(PackSource source, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Error is { } error)
        {
            return PluginPackResult.Refused(null, [error]);
        }

        var folder = source.Path;
        if (source.IsProject)
        {
            var build = await _builder.BuildAsync(source.Path, cancellationToken).ConfigureAwait(false);
            if (build.OutputDirectory is null)
            {
                return PluginPackResult.Refused(null, build.Problems);
            }

            folder = build.OutputDirectory;
        }

        var report = await _checker.CheckAsync(folder, activate: true, cancellationToken).ConfigureAwait(false);
        if (!report.Passed)
        {
            return PluginPackResult.Refused(folder, [.. report.Problems.Select(p => $"[{p.Stage}] {p.Message}")]);
        }

        var files = PackageFiles(folder);
        var links = files.Where(f => new FileInfo(f.FullPath).LinkTarget is not null).Select(f => $"{f.EntryName} is a symbolic link; packages may not contain links.").ToList();
        if (links.Count > 0)
        {
            return PluginPackResult.Refused(folder, links);
        }

        var manifest = report.Plugin.Manifest!;
        Directory.CreateDirectory(outputDirectory);
        var package = Path.Combine(Path.GetFullPath(outputDirectory), $"{manifest.Id}-{manifest.Version}{Extension}");
        Write(files, package);
        return new PluginPackResult(true, package, report.Plugin, folder, files.Count, []);
    }

    // Everything in the folder but debug symbols and earlier packages, in ordinal order of entry name.
    private static List<PackageFile> PackageFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
            .Select(f => new PackageFile(f, Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .OrderBy(f => f.EntryName, StringComparer.Ordinal)];

    // Written beside the target and renamed into place, so a failed pack never leaves half a package.
    private static void Write(IReadOnlyList<PackageFile> files, string package)
    {
        var partial = $"{package}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var archive = ZipFile.Open(partial, ZipArchiveMode.Create))
            {
                foreach (var file in files)
                {
                    var entry = archive.CreateEntry(file.EntryName, CompressionLevel.Optimal);
                    entry.LastWriteTime = EntryTime;
                    entry.ExternalAttributes = RegularFileMode;
                    using var target = entry.Open();
                    using var content = File.OpenRead(file.FullPath);
                    content.CopyTo(target);
                }
            }

            File.Move(partial, package, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private sealed record PackageFile(string FullPath, string EntryName);
}

/// <summary>What to pack: a project file to build, or a built plugin folder; or why neither was found.</summary>
public sealed record PackSource(string Path, bool IsProject, string? Error);

/// <summary>The outcome of <see cref="PluginPacker.PackAsync"/>.</summary>
/// <param name="PluginFolder">The folder that was checked (for a project, its build output).</param>
public sealed record PluginPackResult(bool Packed, string? PackagePath, PluginInfo? Plugin, string? PluginFolder, int FileCount, IReadOnlyList<string> Problems)
{
    public static PluginPackResult Refused(string? pluginFolder, IReadOnlyList<string> problems) => new(false, null, null, pluginFolder, 0, problems);
}
