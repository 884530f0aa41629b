namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// The one folder a plugin worker may write (its TMPDIR): made by the host for that worker alone,
/// readable by this user only, and deleted with everything in it when the worker has ended.
/// </summary>
internal sealed class WorkerScratchFolder
{
    private WorkerScratchFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new empty folder under the system's temporary folder (mode 0700 on Unix).</summary>
    public static WorkerScratchFolder Create() => new(Directory.CreateTempSubdirectory("flows-plugin-").FullName);

    public void Delete()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the system's temporary-file cleaning; it holds nothing of the host's.
        }
    }
}
