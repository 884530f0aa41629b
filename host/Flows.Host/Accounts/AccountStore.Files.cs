using Flows.Host.Hosting;

namespace Flows.Host.Accounts;

/// <summary>The store's files are its owner's alone.</summary>
public sealed partial class AccountStore
{
    private static readonly string[] CompanionSuffixes = ["-wal", "-shm", "-journal"];

    // SQLite creates the -wal, -shm and -journal files with the mode of the database file, so an
    // empty database created 0600 first keeps all of them private. (An empty file is a valid, empty database.)
    private void PrepareFiles()
    {
        var path = _options.DatabasePath;
        PrivateFiles.CreateEmptyIfMissing(path);
        foreach (var file in CompanionSuffixes.Select(s => path + s).Prepend(path))
        {
            if (PrivateFiles.Tighten(file))
            {
                LogTightened(_logger, file);
            }
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(
        Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "{Path} was readable by other users; it is now readable and writable by its owner only (0600)")]
    private static partial void LogTightened(Microsoft.Extensions.Logging.ILogger logger, string path);
}
