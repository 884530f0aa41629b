namespace Flows.Host.Plugins.Manifests;

/// <summary>Turns a path from a manifest into a canonical path that is guaranteed to stay in the plugin folder.</summary>
public static class PluginPaths
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Resolves <paramref name="relativePath"/> against <paramref name="pluginDirectory"/>. Fails when the
    /// path is empty or absolute, or leaves the folder through <c>..</c> or through a symbolic link.
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

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(pluginDirectory));
        var candidate = Path.GetFullPath(Path.Combine(root, relativePath.Replace('\\', '/')));
        if (!IsInside(root, candidate))
        {
            error = $"'{relativePath}' leaves the plugin folder";
            return false;
        }

        if (LeavesThroughLink(root, candidate))
        {
            error = $"'{relativePath}' is a link that leaves the plugin folder";
            return false;
        }

        fullPath = candidate;
        error = string.Empty;
        return true;
    }

    /// <summary>Whether <paramref name="path"/> lies below <paramref name="root"/> (both full paths).</summary>
    internal static bool IsInside(string root, string path) =>
        path.Length > root.Length
        && path.StartsWith(root, PathComparison)
        && path[root.Length] == Path.DirectorySeparatorChar;

    // Follows links segment by segment below the plugin folder (one lstat per segment); only when one
    // is found is the folder's own real location worked out, so a plugin folder that is itself a
    // link (a developer linking a build output) stays allowed.
    private static bool LeavesThroughLink(string root, string candidate)
    {
        try
        {
            var current = root;
            var followedLink = false;
            foreach (var segment in candidate[(root.Length + 1)..].Split(Path.DirectorySeparatorChar))
            {
                current = Path.Combine(current, segment);
                var entry = new FileInfo(current);
                if (entry.LinkTarget is null)
                {
                    continue;
                }

                followedLink = true;
                current = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName is { } target
                    ? Path.GetFullPath(target)
                    : current;
            }

            return followedLink && !IsInside(RealPath(root), current);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A link that cannot be followed cannot be trusted.
            return true;
        }
    }

    /// <summary><paramref name="path"/> with every symbolic link along it followed.</summary>
    internal static string RealPath(string path)
    {
        var current = Path.GetPathRoot(path) ?? string.Empty;
        foreach (var segment in path[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            var entry = new DirectoryInfo(current);
            if (entry.LinkTarget is not null && entry.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = Path.GetFullPath(target.FullName);
            }
        }

        return current;
    }
}
