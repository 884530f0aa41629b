using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Flows.Web.BrowserTests.Support;

/// <summary>
/// `flows serve --urls http://127.0.0.1:0` as a child process: started, asked where it listens (the
/// line it prints), and killed at the end.
/// </summary>
public sealed partial class FlowsServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private FlowsServer(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. http://127.0.0.1:40123/</summary>
    public Uri BaseAddress { get; }

    /// <summary>Everything the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<FlowsServer> StartAsync(string home, IReadOnlyDictionary<string, string> environment)
    {
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = FlowsCommand.StartInfo(home, environment, "serve", "--urls", "http://127.0.0.1:0") };
        process.OutputDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("flows serve ended before it said where it listens."));
            }
            else if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new FlowsServer(process, output, baseAddress);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            Stop(process);
            process.Dispose();
            throw new InvalidOperationException($"flows serve did not start:\n{output}", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    [GeneratedRegex(@"^Flows is listening on (?<url>http://127\.0\.0\.1:\d+)/?$")]
    private static partial Regex ListeningLine();
}
