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
}
