using System.Collections;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Flows.Host.Plugins.Confinement;

/// <summary>
/// Confines a plugin worker before any plugin code loads. Landlock restricts only the thread that
/// asks (the runtime's other threads already run unrestricted), so the worker restricts its main
/// thread and then executes itself again: the new program starts with every thread confined.
/// </summary>
internal static class WorkerConfinement
{
    /// <summary>
    /// Restricts this thread to <paramref name="rules"/> (see <see cref="WorkerConfinementPolicy"/>) and executes
    /// <paramref name="program"/> with <paramref name="arguments"/> in place of this process. Returns
    /// only when the kernel has no Landlock: the worker goes on unconfined, as the plugin listing
    /// says. Throws <see cref="ConfinementException"/> when Landlock is there but confinement failed.
    /// </summary>
    public static void ConfineAndRestart(IReadOnlyList<LandlockRule> rules, string program, IReadOnlyList<string> arguments)
    {
        var abi = Landlock.AbiVersion();
        if (abi < 1)
        {
            return;
        }

        try
        {
            Landlock.RestrictThisThread(abi, rules);
        }
        catch (Win32Exception exception)
        {
            throw new ConfinementException($"The plugin's worker process could not be confined ({exception.Message}: {exception.NativeErrorCode}).", exception);
        }

        Execute(program, arguments);
        throw new ConfinementException($"The plugin's worker process could not start again confined (execve failed: {Marshal.GetLastPInvokeError()}).");
    }

    private static void Execute(string program, IReadOnlyList<string> arguments)
    {
        var argv = new nint[arguments.Count + 2];
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToList();
        var envp = new nint[environment.Count + 1];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(program);
            for (var i = 0; i < arguments.Count; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            }

            for (var i = 0; i < environment.Count; i++)
            {
                envp[i] = Marshal.StringToCoTaskMemUTF8($"{environment[i].Key}={environment[i].Value}");
            }

            _ = LinuxInterop.Execve(program, argv, envp);
        }
        finally
        {
            // Reached only when execve failed.
            foreach (var pointer in argv.Concat(envp))
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }
}
