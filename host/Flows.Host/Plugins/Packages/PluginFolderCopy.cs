using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Plugins.Packages;

/// <summary>
/// Copies a plugin folder for an install. Only what is inside the folder is copied: a symbolic link
/// that leads out of it (to a system folder, a home directory) is refused, not followed, and so is a
/// link that leads in a circle. A link to a file or folder inside the folder is copied as what it
/// points at. The folder is measured against the package limits before anything is copied.
/// </summary>
internal static class PluginFolderCopy
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>; the problem, or null when copied.</summary>
    public static string? Copy(string source, string target)
    {
        var root = PluginPaths.RealPath(Path.TrimEndingDirectorySeparator(Path.GetFullPath(source)));
        var walk = new Walk(root);
        try
        {
            if (walk.Folder(root, string.Empty) is { } problem)
            {
                return problem;
            }
        }
        catch (UnauthorizedAccessException exception)
        {
            return $"Part of the folder '{root}' cannot be read by this user: {exception.Message}";
        }

        Directory.CreateDirectory(target);
        foreach (var folder in walk.Folders)
        {
            Directory.CreateDirectory(Path.Combine(target, folder));
        }

        foreach (var (from, relative) in walk.Files)
        {
            File.Copy(from, Path.Combine(target, relative));
        }

        return null;
    }

    private sealed class Walk(string root)
    {
        private readonly List<string> _open = [];
        private long _bytes;

        public List<string> Folders { get; } = [];

        public List<(string From, string Relative)> Files { get; } = [];

        /// <summary>Plans the copy of the real folder <paramref name="folder"/> to <paramref name="relative"/>.</summary>
        public string? Folder(string folder, string relative)
        {
            _open.Add(folder);
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                var at = relative.Length == 0 ? entry.Name : Path.Combine(relative, entry.Name);
                var problem = entry.LinkTarget is not null ? Link(entry, at)
                    : entry is DirectoryInfo ? Subfolder(entry.FullName, at)
                    : File(entry.FullName, ((FileInfo)entry).Length, at);
                if (problem is not null)
                {
                    return problem;
                }
            }

            _open.RemoveAt(_open.Count - 1);
            return null;
        }

        private string? Subfolder(string folder, string relative)
        {
            Folders.Add(relative);
            return Folder(folder, relative);
        }

        private string? Link(FileSystemInfo link, string relative)
        {
            FileSystemInfo? final;
            try
            {
                final = link.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException)
            {
                // The kernel gave up following it: links that point at each other.
                return $"'{relative}' is a symbolic link that leads in a circle (a link loop), so it points at nothing. Remove it, or replace it with the file it should be.";
            }

            if (final is null || !final.Exists)
            {
                return $"'{relative}' is a symbolic link to '{link.LinkTarget}', which does not exist. Remove it, or replace it with the file it should be.";
            }

            var real = PluginPaths.RealPath(Path.GetFullPath(final.FullName));
            if (real != root && !PluginPaths.IsInside(root, real))
            {
                return $"'{relative}' is a symbolic link to '{real}', outside the plugin folder; an install copies only what is inside the folder. Put the file itself in the folder instead of a link to it.";
            }

            if (final is not DirectoryInfo)
            {
                return File(real, new FileInfo(real).Length, relative);
            }

            if (_open.Any(open => open == real || PluginPaths.IsInside(real, open)))
            {
                return $"'{relative}' is a symbolic link to '{real}', a folder that contains the link itself, so the folder never ends (a link loop). Remove the link.";
            }

            return Subfolder(real, relative);
        }

        private string? File(string from, long length, string relative)
        {
            Files.Add((from, relative));
            _bytes += length;
            if (Files.Count > PackageLimits.MaxFiles)
            {
                return $"The folder '{root}' holds more than {PackageLimits.MaxFilesText} files; a plugin may have at most {PackageLimits.MaxFilesText}, the same as a package.";
            }

            return _bytes > PackageLimits.MaxBytes
                ? $"The folder '{root}' holds more than {PackageLimits.MaxBytesText}; a plugin may be at most {PackageLimits.MaxBytesText}, the same as a package."
                : null;
        }
    }
}
