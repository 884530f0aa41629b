using System.Diagnostics;

namespace Flows.Testing;

/// <summary>
/// A small tmpfs mounted over a folder, for faults that mode bits cannot make for root: a full disk and
/// a read-only file system. Needs root (CAP_SYS_ADMIN); <see cref="TryMount"/> says why not otherwise.
/// </summary>
public sealed class TestMount : IDisposable
{
    private TestMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>A tmpfs of <paramref name="size"/> (e.g. "2m") over <paramref name="path"/> (created), or null and the reason it cannot be had.</summary>
    public static (TestMount? Mount, string? Reason) TryMount(string path, string size)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, "mounting a tmpfs needs Linux");
        }

        if (Environment.UserName != "root")
        {
            return (null, "mounting a tmpfs needs root, and this test runs as " + Environment.UserName);
        }

        Directory.CreateDirectory(path);
        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path);
        return exitCode == 0 ? (new TestMount(path), null) : (null, $"mount -t tmpfs failed: {output}");
    }

    /// <summary>Remounts it read-only: every write is refused, to root as well.</summary>
    public void MakeReadOnly()
    {
        var (exitCode, output) = Run("mount", "-o", "remount,ro", Path);
        exitCode.ShouldBe(0, output);
    }

    /// <summary>Fills the free space with a file until the disk says it is full.</summary>
    public void Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        var block = new byte[64 * 1024];
        try
        {
            using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // Full. Now the last crumbs, so not even one small write fits.
        }

        try
        {
            using var stream = new FileStream(filler, FileMode.Append, FileAccess.Write, FileShare.None, 1);
            var one = new byte[1];
            while (true)
            {
                stream.Write(one);
                stream.Flush();
            }
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        // Lazily: a server that is still stopping may hold a file open on it.
        Run("umount", "-l", Path);
    }

    private static (int ExitCode, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
