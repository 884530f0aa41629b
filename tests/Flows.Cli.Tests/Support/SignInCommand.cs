using System.Text;

namespace Flows.Cli.Tests.Support;

/// <summary>
/// A <c>flows accounts add … --no-browser</c> left running while the test plays the browser: the
/// authorize address it printed, the loopback redirect it listens on, and its exit once signed in.
/// </summary>
internal sealed class SignInCommand : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SignInCommand(Process process) => _process = process;

    /// <summary>Starts <c>flows args…</c> and waits until it printed the address to sign in at.</summary>
    public static async Task<SignInCommand> StartAsync(string home, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var command = new SignInCommand(new Process { StartInfo = FlowsCommand.StartInfo(home, environment, args) });
        command.Begin();
        try
        {
            await Task.WhenAny(command._address.Task, command._process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(60));
            if (!command._address.Task.IsCompleted)
            {
                throw new InvalidOperationException($"flows printed no address to sign in at:\n{command}");
            }

            return command;
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
    }

    /// <summary>The provider's authorize address, as printed on its own line.</summary>
    public Uri AuthorizationUrl => _address.Task.Result;

    /// <summary>The loopback redirect the command listens on (the address's redirect_uri).</summary>
    public Uri RedirectUri => new(Query(AuthorizationUrl)["redirect_uri"]);

    public string Out => Read(_out);

    public string Error => Read(_error);

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the command to end and returns what it did.</summary>
    public async Task<CliRun> WaitAsync(TimeSpan? limit = null)
    {
        await _process.WaitForExitAsync().WaitAsync(limit ?? TimeSpan.FromSeconds(60));
        // The last lines arrive with the end of the streams.
        _process.WaitForExit();
        return new CliRun(_process.ExitCode, Out, Error);
    }

    public static Dictionary<string, string> Query(Uri url) =>
        url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString((p.Length > 1 ? p[1] : string.Empty).Replace('+', ' ')), StringComparer.Ordinal);

    public override string ToString() => $"--- stdout\n{Out}\n--- stderr\n{Error}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Begin()
    {
        _process.OutputDataReceived += (_, e) =>
        {
            Append(_out, e.Data);
            if (e.Data is { } line && Uri.TryCreate(line.Trim(), UriKind.Absolute, out var url) && url.Query.Contains("redirect_uri=", StringComparison.Ordinal))
            {
                _address.TrySetResult(url);
            }
        };
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
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
}
