namespace Flows.Host.Hosting;

/// <summary>
/// Folders and files of the data directory, readable by their owner only: they hold account labels,
/// hosts, user names, keys and plugin state, which other local users have no business reading.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rwx for the owner, nothing for anyone else (0700).</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the owner, nothing for anyone else (0600).</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Group or other may do anything at all.</summary>
    public const UnixFileMode OpenToOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder and any missing parent 0700; folders that exist keep their mode.</summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        // Directory.CreateDirectory gives the mode to the last folder only; the data directory itself
        // (FLOWS_HOME) is usually a missing parent of the folder asked for.
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } parent && !Directory.Exists(parent))
        {
            CreateDirectory(parent);
        }

        return Directory.CreateDirectory(full, FolderMode);
    }

    /// <summary>Options that create a new file 0600 (it must not exist yet).</summary>
    public static FileStreamOptions CreateNew(FileAccess access = FileAccess.Write)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = access, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>Writes a new file 0600 (for the temporary file of an atomic replace).</summary>
    public static void WriteNew(string path, string text)
    {
        using var stream = new FileStream(path, CreateNew());
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    /// <summary>Creates an empty file 0600 if there is none; true when it did.</summary>
    public static bool CreateEmptyIfMissing(string path)
    {
        try
        {
            using var stream = new FileStream(path, CreateNew());
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>
    /// Takes group and other access away from a file that has any; true when it had to. On Windows
    /// (no Unix modes) nothing changes.
    /// </summary>
    public static bool Tighten(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return false;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OpenToOthers) == 0)
        {
            return false;
        }

        File.SetUnixFileMode(path, mode & ~OpenToOthers);
        return true;
    }
}
