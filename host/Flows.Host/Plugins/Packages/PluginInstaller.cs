using System.IO.Compression;
using Flows.Host.Hosting;
using Microsoft.Extensions.Logging;
using Semver;

namespace Flows.Host.Plugins.Packages;

/// <summary>
/// Installs a plugin folder or package (zip) into the user's plugin directory: checks it first,
/// refuses a broken one, and swaps it into place atomically so a failed install changes nothing.
/// </summary>
public sealed partial class PluginInstaller
{
    private readonly FlowsHostOptions _options;
    private readonly PluginChecker _checker;
    private readonly PluginCatalog _catalog;
    private readonly ILogger<PluginInstaller> _logger;

    public PluginInstaller(FlowsHostOptions options, PluginChecker checker, PluginCatalog catalog, ILogger<PluginInstaller> logger)
    {
        _options = options;
        _checker = checker;
        _catalog = catalog;
        _logger = logger;
    }

    /// <summary>Installs from <paramref name="source"/>, a plugin folder or a .zip / .flowsplugin package.</summary>
    /// <param name="force">Allow replacing an installed plugin with a lower version.</param>
    public async Task<PluginInstallResult> InstallAsync(string source, bool force, CancellationToken cancellationToken)
    {
        var pluginsRoot = Path.GetFullPath(_options.UserPluginsDirectory);
        var stagingRoot = Path.Combine(pluginsRoot, ".staging");
        var staging = Path.Combine(stagingRoot, Guid.NewGuid().ToString("N"));
        try
        {
            PrivateFiles.CreateDirectory(staging);
            var unpacked = Stage(Path.GetFullPath(source), staging);
            if (unpacked.Error is { } stageError)
            {
                return PluginInstallResult.Refused(stageError);
            }

            var report = await _checker.CheckAsync(unpacked.Directory!, activate: false, cancellationToken).ConfigureAwait(false);
            if (!report.Passed)
            {
                return PluginInstallResult.Refused([.. report.Problems.Select(p => $"[{p.Stage}] {p.Message}")]);
            }

            var manifest = report.Plugin.Manifest!;
            var destination = Path.Combine(pluginsRoot, manifest.Id);
            var existing = _catalog.Plugins.FirstOrDefault(p => p.Directory == destination && p.Version is not null);
            if (existing?.Version is { } installed && SemVersion.ComparePrecedence(installed, manifest.Version) > 0 && !force)
            {
                return PluginInstallResult.Refused(
                    [$"Version {installed} of '{manifest.Id}' is installed; installing {manifest.Version} would downgrade it. Use --force to do so."]);
            }

            Swap(unpacked.Directory!, destination, stagingRoot);
            _catalog.Refresh();
            LogInstalled(_logger, manifest.Id, manifest.Version, destination);

            var now = _catalog.Plugins.FirstOrDefault(p => p.Directory == destination);
            return new PluginInstallResult(true, now, existing?.Version, []);
        }
        finally
        {
            TryDelete(staging);
        }
    }

    // Replaces destination with the staged folder by renames only, so readers see the old plugin or the new one, never half of either.
    private static void Swap(string staged, string destination, string stagingRoot)
    {
        var backup = Path.Combine(stagingRoot, $"{Path.GetFileName(destination)}.{Guid.NewGuid():N}.old");
        var hadOld = Directory.Exists(destination);
        if (hadOld)
        {
            Directory.Move(destination, backup);
        }

        try
        {
            Directory.Move(staged, destination);
        }
        catch
        {
            if (hadOld)
            {
                Directory.Move(backup, destination);
            }

            throw;
        }

        TryDelete(backup);
    }

    private static StagedPlugin Stage(string source, string staging)
    {
        if (Directory.Exists(source))
        {
            var target = Path.Combine(staging, "plugin");
            return PluginFolderCopy.Copy(source, target) is { } problem
                ? new StagedPlugin(null, [problem])
                : new StagedPlugin(target, null);
        }

        if (!File.Exists(source))
        {
            return new StagedPlugin(null, [$"'{source}' is neither a plugin folder nor a package file."]);
        }

        try
        {
            var target = Path.Combine(staging, "package");
            var error = Extract(source, target);
            if (error is not null)
            {
                return new StagedPlugin(null, [error]);
            }

            // The manifest sits at the package root, or inside its single top-level folder.
            if (File.Exists(Path.Combine(target, "plugin.json")))
            {
                return new StagedPlugin(target, null);
            }

            var folders = Directory.GetDirectories(target);
            return folders.Length == 1 && File.Exists(Path.Combine(folders[0], "plugin.json"))
                ? new StagedPlugin(folders[0], null)
                : new StagedPlugin(null, [$"The package '{Path.GetFileName(source)}' has no plugin.json at its root."]);
        }
        catch (InvalidDataException exception)
        {
            return new StagedPlugin(null, [$"'{Path.GetFileName(source)}' is not a valid zip package: {exception.Message}"]);
        }
    }

    private static string? Extract(string package, string target)
    {
        using var archive = ZipFile.OpenRead(package);
        if (archive.Entries.Count > PackageLimits.MaxFiles)
        {
            return $"The package has {archive.Entries.Count:N0} entries; the limit is {PackageLimits.MaxFilesText}.";
        }

        if (archive.Entries.Sum(e => e.Length) > PackageLimits.MaxBytes)
        {
            return $"The package unpacks to more than {PackageLimits.MaxBytesText}.";
        }

        var root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            var path = Path.GetFullPath(Path.Combine(root, entry.FullName.Replace('\\', '/')));
            if (!path.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(entry.FullName))
            {
                return $"The package entry '{entry.FullName}' would be written outside the plugin folder.";
            }

            // Two entries for one file: which one a tool unpacks differs, so the package is ambiguous.
            if (!entry.FullName.EndsWith('/') && !written.TryAdd(path, entry.FullName))
            {
                return $"The package has two entries for the file '{written[path]}'; a package names each file once. Make it again (flows plugins pack does).";
            }

            const int UnixFileTypeMask = 0xF000;
            const int UnixSymlink = 0xA000;
            if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymlink)
            {
                return $"The package entry '{entry.FullName}' is a symbolic link; packages may not contain links.";
            }

            try
            {
                if (entry.FullName.EndsWith('/'))
                {
                    Directory.CreateDirectory(path);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                entry.ExtractToFile(path, overwrite: false);
            }
            catch (IOException exception)
            {
                // A file and a folder of one name, or no room left: say which entry, and why.
                return $"The package entry '{entry.FullName}' could not be unpacked: {exception.Message}";
            }
        }

        return null;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Leftovers live in the dot-folder, which discovery ignores; the next install tries again.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed plugin {PluginId} {Version} into {Directory}")]
    private static partial void LogInstalled(ILogger logger, string pluginId, SemVersion version, string directory);

    private sealed record StagedPlugin(string? Directory, IReadOnlyList<string>? Error);
}

/// <summary>The outcome of an install.</summary>
/// <param name="Plugin">The installed plugin as the host now sees it (it may still be Superseded or Incompatible).</param>
/// <param name="PreviousVersion">The version it replaced, if any.</param>
public sealed record PluginInstallResult(bool Installed, PluginInfo? Plugin, SemVersion? PreviousVersion, IReadOnlyList<string> Problems)
{
    public static PluginInstallResult Refused(IReadOnlyList<string> problems) => new(false, null, null, problems);
}
