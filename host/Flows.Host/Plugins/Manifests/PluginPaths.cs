namespace Flows.Host.Plugins.Manifests;

/// <summary>Turns a path from a manifest into a canonical path that is guaranteed to stay in the plugin folder.</summary>
public static class PluginPaths
{
    /// <summary>
    /// Resolves <paramref name="relativePath"/> against <paramref name="pluginDirectory"/>. Fails when the
    /// path is absolute, leaves the folder (through <c>..</c> or a symbolic link), or is empty.
    /// </summary>
    public static bool TryResolve(string pluginDirectory, string relativePath, out string fullPath, out string error)
    {
        fullPath = string.Empty;
        if (string.IsNullOrWhiteSpace(relativePath))
        {
            error = "is empty";
            return false;
        }

        if (Path.IsPathRooted(relativePath) || relativePath.Contains(':', StringComparison.Ordinal))
        {
            error = $"'{relativePath}' must be relative to the plugin folder";
            return false;
        }

        var root = EnsureTrailingSeparator(Path.GetFullPath(pluginDirectory));
        var candidate = Path.GetFullPath(Path.Combine(root, relativePath.Replace('\\', '/')));
        if (!IsInside(root, candidate))
        {
            error = $"'{relativePath}' leaves the plugin folder";
            return false;
        }

        // A symbolic link inside the folder may still point outside it; follow it before trusting it.
        var target = ResolveLinks(candidate);
        if (target is not null && !IsInside(EnsureTrailingSeparator(ResolveLinks(root.TrimEnd(Path.DirectorySeparatorChar)) ?? root), target))
        {
            error = $"'{relativePath}' is a link that leaves the plugin folder";
            return false;
        }

        fullPath = candidate;
        error = string.Empty;
        return true;
    }

    private static bool IsInside(string rootWithSeparator, string path) =>
        path.StartsWith(rootWithSeparator, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string EnsureTrailingSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) ? path : path + Path.DirectorySeparatorChar;

    /// <summary>The final target of <paramref name="path"/> after following links, or the path itself when nothing is linked.</summary>
    private static string? ResolveLinks(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists && !Directory.Exists(path))
            {
                return null;
            }

            var real = Path.GetFullPath(path);
            var segments = real.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var current = Path.GetPathRoot(real) ?? string.Empty;
            foreach (var segment in segments)
            {
                current = Path.Combine(current, segment);
                FileSystemInfo entry = File.Exists(current) ? new FileInfo(current) : new DirectoryInfo(current);
                if (entry.LinkTarget is not null)
                {
                    var resolved = entry.ResolveLinkTarget(returnFinalTarget: true);
                    if (resolved is not null)
                    {
                        current = Path.GetFullPath(resolved.FullName);
                    }
                }
            }

            return current;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
