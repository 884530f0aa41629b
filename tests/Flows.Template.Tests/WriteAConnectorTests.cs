using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flows.Template.Tests.Support;

namespace Flows.Template.Tests;

/// <summary>
/// The README's "Write a connector" path from a clean temporary folder, with the real .NET SDK and the
/// real flows command. Slow (NuGet restores and several builds), so it is one test. NuGet uses the
/// machine's usual package cache; dotnet new gets a private template hive so the machine's list of
/// templates is left alone.
/// </summary>
public sealed partial class WriteAConnectorTests : IDisposable
{
    private const string PluginId = "acme.connector";
    private const string AccountTypeId = "acme.api-key";

    private readonly string _root = Directory.CreateTempSubdirectory("flows-template-tests-").FullName;
    private readonly Dictionary<string, string> _environment = [];

    public WriteAConnectorTests()
    {
        _environment["FLOWS_HOME"] = Path.Combine(_root, "home");
    }

    private string Feed => Path.Combine(_root, "feed");

    private string Hive => Path.Combine(_root, "template-hive");

    private string Work => Directory.CreateDirectory(Path.Combine(_root, "work")).FullName;

    private string Solution => Path.Combine(Work, "Acme.Connector");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<Run> Succeeds(string workingDirectory, params string[] arguments)
    {
        var run = await Shell.RunAsync(workingDirectory, _environment, arguments);
        run.ExitCode.ShouldBe(0, run.ToString());
        return run;
    }

    private Task<Run> Flows(string workingDirectory, params string[] arguments) =>
        Succeeds(workingDirectory, ["dotnet", Shell.FlowsDll, .. arguments]);

    [Fact]
    public async Task From_dotnet_new_to_the_account_form_in_flows_serve()
    {
        await Succeeds(_root, "dotnet", "pack", Path.Combine(Shell.RepoRoot, "contracts", "Flows.Contracts"), "-o", Feed);
        await ForgetCachedContractsAsync();
        await Succeeds(_root, "dotnet", "new", "install", Path.Combine(Shell.RepoRoot, "templates", "flows-connector"), "--debug:custom-hive", Hive);
        await Succeeds(
            Work, "dotnet", "new", "flows-connector", "-n", "Acme.Connector", "--displayName", "Acme \"CRM\"",
            "--accountTypeId", AccountTypeId, "--accountTitle", "Acme account", "--publisher", "Acme", "--feed", Feed, "--debug:custom-hive", Hive);

        AppendACarelessEcho();
        var tests = await Succeeds(Solution, "dotnet", "test");
        tests.Out.ShouldContain("Passed!");

        var check = await Flows(Solution, "plugins", "check", Path.Combine("Acme.Connector", "bin", "Debug", "net10.0"));
        check.Out.ShouldContain($"{PluginId} 1.0.0: manifest, files and account schemas are valid; the code loads and its exports match plugin.json");

        await Flows(Solution, "plugins", "pack", "Acme.Connector");
        var package = Path.Combine(Solution, $"{PluginId}-1.0.0.flowsplugin");
        using (var archive = ZipFile.OpenRead(package))
        {
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            entries.ShouldContain("plugin.json");
            entries.ShouldContain("Acme.Connector.dll");
            entries.ShouldContain($"schemas/{AccountTypeId}.schema.json");
            entries.ShouldNotContain("Flows.Contracts.dll", customMessage: "the host provides the contracts");
            entries.ShouldNotContain("System.Composition.AttributedModel.dll");
        }

        (await Flows(Solution, "plugins", "install", package)).Out.ShouldContain($"Installed {PluginId} 1.0.0");

        using (var list = JsonDocument.Parse((await Flows(Solution, "plugins", "list", "--json")).Out))
        {
            var plugin = list.RootElement.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("id").GetString() == PluginId);
            plugin.GetProperty("status").GetString().ShouldBe("active");
            // Quotes typed into a name would break the generated JSON and C#; the template drops them.
            plugin.GetProperty("displayName").GetString().ShouldBe("Acme CRM");
        }

        var form = await ServeAndGetAsync($"/connectors/{PluginId}/new/{AccountTypeId}");
        form.ShouldContain("Acme account");
        form.ShouldContain("Server URL");
        form.ShouldContain("API key");

        await TheSecretItEchoes_IsMaskedInItsAnswerAndLog();
        await ThisMachineAndPrivateAddresses_AreReachedOnlyWhenTheOperatorAllowsThem();
    }

    // A line appended to the generated validator, as a careless author might write it: the API key
    // in the answer and in a log line. The connector has no code of its own against that.
    private void AppendACarelessEcho()
    {
        var path = Path.Combine(Solution, "Acme.Connector", "ConnectorAccountValidator.cs");
        var code = File.ReadAllText(path);
        const string Anchor = "ArgumentNullException.ThrowIfNull(request);";
        code.ShouldContain(Anchor);
        File.WriteAllText(path, code.Replace(Anchor, Anchor + """

                if (request.GetString("serverUrl") == "https://echo.example/")
                {
                    log.Warning("Careless connector: the key is {ApiKey}", request.GetString("apiKey"));
                    return AccountValidationResult.Invalid($"The key {request.GetString("apiKey")} was refused.");
                }
        """, StringComparison.Ordinal));
    }

    private async Task TheSecretItEchoes_IsMaskedInItsAnswerAndLog()
    {
        const string Key = "acme-CANARY-3f9d+key";
        var run = await Shell.RunAsync(
            Solution,
            new Dictionary<string, string>(_environment) { ["ACME_KEY"] = Key },
            "dotnet", Shell.FlowsDll, "accounts", "add", AccountTypeId, "--label", "Echo", "--set", "serverUrl=https://echo.example/", "--set-from-env", "apiKey=ACME_KEY", "--validate", "--verbose");

        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Error.ShouldContain("The key ••• was refused.", customMessage: run.ToString());
        run.Error.ShouldContain("Careless connector: the key is •••", customMessage: run.ToString());
        run.ToString().ShouldNotContain("CANARY");
    }

    private async Task ThisMachineAndPrivateAddresses_AreReachedOnlyWhenTheOperatorAllowsThem()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requests = 0;
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var connection = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref requests);
                var stream = connection.GetStream();
                _ = await stream.ReadAsync(new byte[4096], stop.Token);
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), stop.Token);
            }
        });

        Task<Run> Validate(string label, string url, string? allowed = null)
        {
            var environment = new Dictionary<string, string>(_environment) { ["ACME_KEY"] = "acme-key-1234" };
            if (allowed is not null)
            {
                environment["FLOWS_OUTBOUND_ALLOWED_HOSTS"] = allowed;
            }

            return Shell.RunAsync(Solution, environment, "dotnet", Shell.FlowsDll, "accounts", "add", AccountTypeId, "--label", label, "--set", $"serverUrl={url}", "--set-from-env", "apiKey=ACME_KEY", "--validate");
        }

        var loopback = await Validate("Loopback", $"http://127.0.0.1:{port}/");
        loopback.ExitCode.ShouldNotBe(0, loopback.ToString());
        loopback.ToString().ShouldContain($"127.0.0.1 is a loopback address. The Flows operator can allow it as 127.0.0.1:{port} in FLOWS_OUTBOUND_ALLOWED_HOSTS");
        Volatile.Read(ref requests).ShouldBe(0, "nothing connected to the server on this machine");

        var secondLook = await Validate("Private", "http://10.1.2.3:8080/");
        secondLook.ExitCode.ShouldNotBe(0, secondLook.ToString());
        secondLook.ToString().ShouldContain("10.1.2.3 is a private address");

        var allowed = await Validate("Allowed", $"http://127.0.0.1:{port}/", allowed: $"127.0.0.1:{port}");
        allowed.ExitCode.ShouldBe(0, allowed.ToString());
        Volatile.Read(ref requests).ShouldBe(1);

        await stop.CancelAsync();
        listener.Stop();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    // The package keeps its version while the contracts change; a copy restored earlier from another
    // feed would shadow the one just packed, so only this package's cache entry is dropped.
    private async Task ForgetCachedContractsAsync()
    {
        var locals = await Succeeds(_root, "dotnet", "nuget", "locals", "global-packages", "--list");
        var cache = locals.Out.Trim()["global-packages:".Length..].Trim();
        var cached = Path.Combine(cache, "flows.contracts", "1.2.0");
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }
    }

    private async Task<string> ServeAndGetAsync(string path)
    {
        using var server = Shell.Start(_root, _environment, "dotnet", Shell.FlowsDll, "serve", "--urls", "http://127.0.0.1:0");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Match match;
            do
            {
                var line = await server.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new ShouldAssertException("flows serve stopped before saying where it listens: " + await server.StandardError.ReadToEndAsync());
                match = Listening().Match(line);
            }
            while (!match.Success);

            using var client = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
            return await client.GetStringAsync(new Uri(path, UriKind.Relative));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [GeneratedRegex(@"^Flows is listening on (http://127\.0\.0\.1:\d+)$")]
    private static partial Regex Listening();
}
