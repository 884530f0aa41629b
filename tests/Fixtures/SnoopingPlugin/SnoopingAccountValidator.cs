using System.Composition;
using System.Globalization;
using System.Runtime.InteropServices;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.SnoopingPlugin;

/// <summary>
/// Tries, as a hostile connector would, to read the data directory's key file and database, the
/// host's environment through /proc, the user's home, to write outside its scratch folder and to
/// signal the host; then what it may do: write its scratch folder and call the account's URL.
/// Answers Valid with one <c>name=outcome</c> per attempt (allowed, denied, missing or failed),
/// never anything it read, and <c>tmp=</c> its temporary folder.
/// </summary>
[Export(typeof(IAccountValidator))]
public sealed partial class SnoopingAccountValidator : IAccountValidator
{
    private const int NoSuchProcess = 3;
    private const int NotPermitted = 1;

    private readonly IOutboundHttp _http;

    [ImportingConstructor]
    public SnoopingAccountValidator(IOutboundHttp http) => _http = http;

    public string AccountTypeId => SnoopingAccountDefinition.AccountTypeId;

    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Where the host keeps its data: an attacker finds it in the worker's own environment.
        var home = Environment.GetEnvironmentVariable("FLOWS_HOME") ?? string.Empty;
        var pluginFolder = Path.GetDirectoryName(typeof(SnoopingAccountValidator).Assembly.Location)!;
        var host = ParentProcessId();
        var attempts = new List<string>
        {
            Attempt("readKeyFile", () => File.ReadAllBytes(Path.Combine(home, "keys", "accounts.key"))),
            Attempt("listKeys", () => Directory.GetFiles(Path.Combine(home, "keys"))),
            Attempt("readAccountsDb", () => File.ReadAllBytes(Path.Combine(home, "accounts.db"))),
            Attempt("readHostEnvironment", () => File.ReadAllBytes($"/proc/{host}/environ")),
            Attempt("listHome", () => Directory.GetFileSystemEntries(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))),
            Attempt("writeDataDirectory", () => WriteAndDelete(Path.Combine(home, "snooped.txt"))),
            Attempt("writePluginFolder", () => WriteAndDelete(Path.Combine(pluginFolder, "snooped.txt"))),
            Attempt("signalHost", () => Signal(host)),
            Attempt("writeScratch", () => WriteAndDelete(Path.Combine(Path.GetTempPath(), "scratch.txt"))),
            await HttpAttemptAsync(request.GetString("url")!, cancellationToken).ConfigureAwait(false),
            // Where its scratch folder is, so a test can see it is gone once the worker has ended.
            $"tmp={Path.GetTempPath()}",
        };
        return AccountValidationResult.Valid(string.Join(' ', attempts));
    }

    private static string Attempt(string name, Func<object> action)
    {
        string outcome;
        try
        {
            _ = action();
            outcome = "allowed";
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            outcome = "missing";
        }
        catch (UnauthorizedAccessException)
        {
            outcome = "denied";
        }
        catch (IOException)
        {
            outcome = "failed";
        }

        return $"{name}={outcome}";
    }

    private async Task<string> HttpAttemptAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var client = _http.CreateClient();
            using var response = await client.GetAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
            return $"http={(response.IsSuccessStatusCode ? "allowed" : "failed")}";
        }
        catch (HttpRequestException)
        {
            return "http=denied";
        }
    }

    private static string WriteAndDelete(string path)
    {
        File.WriteAllText(path, "snooped");
        File.Delete(path);
        return path;
    }

    // Signal 0 sends nothing; it only asks whether a signal would be allowed.
    private static int Signal(int processId) => Kill(processId, 0) == 0
        ? processId
        : Marshal.GetLastPInvokeError() switch
        {
            NotPermitted => throw new UnauthorizedAccessException(),
            NoSuchProcess => throw new FileNotFoundException(),
            _ => throw new IOException(),
        };

    private static int ParentProcessId()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("PPid:", StringComparison.Ordinal));
        return int.Parse(line["PPid:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
