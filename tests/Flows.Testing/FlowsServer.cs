using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Flows.Testing;

/// <summary>
/// The real <c>flows serve</c> as a child process (environment as <see cref="FlowsCommand"/> sets it):
/// started, asked where it listens (the lines it prints), and killed at the end.
/// </summary>
public sealed partial class FlowsServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly StringBuilder _log;

    private FlowsServer(Process process, StringBuilder output, StringBuilder log, IReadOnlyList<string> addresses)
    {
        _process = process;
        _output = output;
        _log = log;
        Addresses = addresses;

        // An address on every interface is reached through loopback.
        var first = new UriBuilder(addresses[0]);
        first.Host = first.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : first.Host;
        BaseAddress = first.Uri;
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>The addresses it said it listens on, as it printed them.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>Where to reach it, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client whose base address is <see cref="BaseAddress"/>.</summary>
    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    /// <summary>What the server logged so far (standard error).</summary>
    public string Log => Read(_log);

    /// <summary>Everything the server printed so far (for failure messages).</summary>
    public string Output => Read(_output);

    /// <summary>Starts <c>flows serve --urls <paramref name="urls"/></c> with <paramref name="home"/> as FLOWS_HOME and waits until it listens.</summary>
    public static async Task<FlowsServer> StartAsync(string home, IReadOnlyDictionary<string, string>? environment = null, string urls = "http://127.0.0.1:0", bool verbose = false)
    {
        var output = new StringBuilder();
        var log = new StringBuilder();
        var addresses = new List<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = FlowsCommand.StartInfo(home, environment ?? new Dictionary<string, string>(), verbose ? ["serve", "--urls", urls, "--verbose"] : ["serve", "--urls", urls]) };
        process.OutputDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("flows serve ended before it said where it listens."));
            }
            else if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                addresses.Add(match.Groups["url"].Value);
            }
            else if (addresses.Count > 0)
            {
                // The first line after the addresses: all of them are known.
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            Append(log, e.Data);
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new FlowsServer(process, output, log, addresses);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            await StopAsync(process);
            process.Dispose();
            throw new InvalidOperationException($"flows serve did not start:\n{Read(output)}", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync(_process);
        _process.Dispose();
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    [GeneratedRegex(@"^Flows is listening on (?<url>http://\S+)$")]
    private static partial Regex ListeningLine();
}
