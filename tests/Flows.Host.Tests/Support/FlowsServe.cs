using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Flows.Host.Tests.Support;

/// <summary>
/// The real <c>flows serve</c> process on a free loopback port, for what only a process of its own
/// shows: its environment (an account key variable) and its log on standard error.
/// </summary>
public sealed partial class FlowsServe : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Task _logReader;

    private FlowsServe(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address };
        _logReader = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_log)
                {
                    _log.AppendLine(line);
                }
            }
        });
    }

    public HttpClient Client { get; }

    /// <summary>What the server logged so far (standard error).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<FlowsServe> StartAsync(string home, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { FlowsCommand.EntryAssembly, "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["FLOWS_HOME"] = home;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new ShouldAssertException("flows serve stopped before saying where it listens: " + await process.StandardError.ReadToEndAsync());
                if (Listening().Match(line) is { Success: true } match)
                {
                    return new FlowsServe(process, new Uri(match.Groups[1].Value));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _logReader;
        _process.Dispose();
    }

    [GeneratedRegex(@"^Flows is listening on (http://127\.0\.0\.1:\d+)$")]
    private static partial Regex Listening();
}
