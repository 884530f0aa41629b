namespace Flows.Host.Plugins.Confinement;

/// <summary>
/// The .NET runtime's diagnostic port: a socket in the temporary folder through which any process
/// of the same user can ask for this process's environment (where the account key and the access
/// credential can be), take a memory dump or start a trace. Landlock does not guard connecting to a
/// socket, so a confined plugin could use it too. The port can only be turned off before the runtime
/// starts (DOTNET_EnableDiagnostics=0, which the host sets for its workers); flows removes the
/// socket's name instead, so nothing can connect to it any more.
/// </summary>
public static class DiagnosticPort
{
    /// <summary>The runtime setting that keeps a process from opening the port at all.</summary>
    public const string DisableVariable = "DOTNET_EnableDiagnostics";

    /// <summary>Makes this process's diagnostic port unreachable (Linux and macOS; elsewhere nothing happens).</summary>
    public static void Close()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        try
        {
            // The runtime names the socket after this process's id and start time; finding it by that
            // name spares every start a listing of the temporary folder, which on a busy machine holds
            // thousands of entries (tens of milliseconds per command).
            if (OwnSocketName() is { } own && File.Exists(own))
            {
                File.Delete(own);
                return;
            }

            if (Environment.GetEnvironmentVariable(DisableVariable) == "0")
            {
                return;
            }

            foreach (var socket in Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-*-socket"))
            {
                File.Delete(socket);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // No temporary folder, or not ours to clean: then there is no port of ours in it either.
        }
    }

    // dotnet-diagnostic-{pid}-{start time in clock ticks since boot, field 22 of /proc/self/stat}-socket
    // on Linux; null where that cannot be read (then the folder is searched).
    private static string? OwnSocketName()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var stat = File.ReadAllText("/proc/self/stat");
        // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 19 && ulong.TryParse(fields[19], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var started)
            ? Path.Combine(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-{started}-socket")
            : null;
    }
}
