using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Flows.Host.Tests.Plugins;

/// <summary>
/// A hostile plugin, run by the real flows executable in its worker process, cannot read the
/// account key, the database, the host's environment or the user's home, nor write outside its
/// scratch folder or signal the host; it still writes its scratch folder and reaches the network.
/// </summary>
public sealed class ConfinementTests : IAsyncLifetime
{
    private const string SnoopingType = "fixture-snooping.basic";
    private const string Canary = "CANARY-confinement-5b1e";

    private static readonly string[] Forbidden =
        ["readKeyFile", "listKeys", "readAccountsDb", "readHostEnvironment", "listHome", "writeDataDirectory", "writePluginFolder", "signalHost"];

    private readonly PluginSandbox _sandbox = new();
    private WebApplication? _server;

    private string ServerUrl => _server!.Urls.First();

    public async Task InitializeAsync()
    {
        _sandbox.Add(Fixtures.Snooping);
        _sandbox.Add(Fixtures.Good);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/", () => Results.Text("reachable"));
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task AHostilePlugin_ValidatingThroughTheCli_ReachesOnlyItsScratchFolderAndTheNetwork()
    {
        await SeedKeyFileAndDatabaseAsync();

        var attempts = await SnoopAsync(new Dictionary<string, string> { ["FLOWS_ACCESS_TOKEN"] = Canary });

        foreach (var forbidden in Forbidden)
        {
            attempts[forbidden].ShouldBe("denied", $"{forbidden}: {Describe(attempts)}");
        }

        attempts["writeScratch"].ShouldBe("allowed", Describe(attempts));
        attempts["http"].ShouldBe("allowed", Describe(attempts));
    }

    [Fact]
    public async Task AWorkersScratchFolder_IsItsOwnTemporaryFolder_AndIsGoneWhenTheWorkerEnds()
    {
        await SeedKeyFileAndDatabaseAsync();

        var attempts = await SnoopAsync(new Dictionary<string, string>());

        var scratch = attempts["tmp"];
        Path.TrimEndingDirectorySeparator(scratch).ShouldNotBe(Path.TrimEndingDirectorySeparator(Path.GetTempPath()));
        Path.GetFileName(Path.TrimEndingDirectorySeparator(scratch)).ShouldStartWith("flows-plugin-");
        Directory.Exists(scratch).ShouldBeFalse("the host deletes the scratch folder once the worker has ended");
    }

    [Fact]
    public async Task WithConfinementTurnedOff_TheSamePluginReadsTheDataDirectory_AndTheListingSaysPluginsAreNotConfined()
    {
        await SeedKeyFileAndDatabaseAsync();
        var unconfined = new Dictionary<string, string> { ["FLOWS_PLUGINS_UNCONFINED"] = "1" };

        var attempts = await SnoopAsync(unconfined);
        var list = await FlowsCommand.RunAsync(_sandbox.Home, unconfined, "plugins", "list", "--json");
        var human = await FlowsCommand.RunAsync(_sandbox.Home, unconfined, "plugins", "list");

        attempts["readKeyFile"].ShouldBe("allowed", "the switch really turns confinement off (for debugging a connector)");
        attempts["readAccountsDb"].ShouldBe("allowed");
        var confinement = list.Json.GetProperty("confinement");
        confinement.GetProperty("confined").GetBoolean().ShouldBeFalse();
        confinement.GetProperty("summary").GetString().ShouldBe(
            "Plugins are not confined: confinement is turned off (FLOWS_PLUGINS_UNCONFINED=1), and their code can read everything this user can, including the account key and the account database.");
        human.Out.ShouldContain("Plugins are not confined: confinement is turned off (FLOWS_PLUGINS_UNCONFINED=1)");
    }

    [Fact]
    public async Task PluginsList_SaysWhetherPluginsAreConfined_HumanAndJson()
    {
        var json = await FlowsCommand.RunAsync(_sandbox.Home, "plugins", "list", "--json");
        var human = await FlowsCommand.RunAsync(_sandbox.Home, "plugins", "list");
        var inProcess = await FlowsCommand.RunAsync(_sandbox.Home, new Dictionary<string, string> { ["FLOWS_PLUGINS_IN_PROCESS"] = "1" }, "plugins", "list", "--json");

        var confinement = json.Json.GetProperty("confinement");
        confinement.GetProperty("confined").GetBoolean().ShouldBeTrue(json.ToString());
        confinement.GetProperty("summary").GetString()!.ShouldStartWith("Plugins are confined (Landlock ABI ");
        human.Out.ShouldContain("Plugins are confined (Landlock ABI ");
        var inProcessConfinement = inProcess.Json.GetProperty("confinement");
        inProcessConfinement.GetProperty("confined").GetBoolean().ShouldBeFalse();
        inProcessConfinement.GetProperty("summary").GetString()!.ShouldStartWith("Plugins are not confined: they run inside the flows process (FLOWS_PLUGINS_IN_PROCESS=1)");
    }

    [Fact]
    public async Task TheFlowsProcess_IsNotDumpable_SoAnotherProcessOfTheSameUserCannotReadItsEnvironment()
    {
        // Root may read any process's /proc files (CAP_SYS_PTRACE), so as root both sides run as nobody.
        var home = Directory.CreateTempSubdirectory("flows-dumpable-").FullName;
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                (await RunAsync("chown", "65534:65534", home)).ExitCode.ShouldBe(0);
            }

            using var dumpable = StartAsUser("sleep", "60");
            using var flows = StartAsUser("dotnet", FlowsCommand.EntryAssembly, "serve", "--urls", "http://127.0.0.1:0");
            flows.StartInfo.Environment["FLOWS_HOME"] = home;
            flows.StartInfo.Environment["HOME"] = home;
            flows.StartInfo.Environment["FLOWS_TEST_CANARY"] = Canary;
            flows.Start();
            dumpable.Start();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                while (await flows.StandardOutput.ReadLineAsync(timeout.Token) is { } line && !line.StartsWith("Flows is listening on ", StringComparison.Ordinal))
                {
                }

                var control = await ReadEnvironmentAsUserAsync(dumpable.Id);
                var read = await ReadEnvironmentAsUserAsync(flows.Id);

                control.ExitCode.ShouldBe(0, $"the same user reads an ordinary process's environment: {control.Error}");
                read.ExitCode.ShouldNotBe(0, "flows' environment must not be readable by another process of its user");
                read.Out.ShouldNotContain(Canary);
                read.Error.ShouldContain("Permission denied");
            }
            finally
            {
                flows.Kill(entireProcessTree: true);
                dumpable.Kill();
                await flows.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task TheFlowsProcess_LeavesNoDiagnosticPortThroughWhichAnotherProcessCouldAskForItsEnvironment()
    {
        var temporary = Directory.CreateTempSubdirectory("flows-diagnostics-").FullName;
        try
        {
            await using var flows = await FlowsServer.StartAsync(_sandbox.Home, new Dictionary<string, string> { ["TMPDIR"] = temporary });

            Directory.GetFiles(temporary, $"dotnet-diagnostic-{flows.ProcessId}-*").ShouldBeEmpty("the runtime's diagnostic socket answers any process of this user with flows' environment");
        }
        finally
        {
            Directory.Delete(temporary, recursive: true);
        }
    }

    [Fact]
    public async Task ThePluginsPageAndApi_SayPlainlyWhenPluginsAreNotConfined()
    {
        // The web sandbox keeps plugins in its own process (no worker): not confined, and said so.
        await using var web = await WebSandbox.StartAsync(p => p.Add(Fixtures.Good));

        var page = await web.Client.GetStringAsync(new Uri("/plugins", UriKind.Relative));
        var api = System.Text.Json.JsonDocument.Parse(await web.Client.GetStringAsync(new Uri("/api/plugins", UriKind.Relative))).RootElement;

        page.ShouldContain("<p class=\"summary\" role=\"note\" id=\"confinement\">Plugins are not confined: they run inside the flows process");
        var confinement = api[0].GetProperty("confinement");
        confinement.GetProperty("confined").GetBoolean().ShouldBeFalse();
        confinement.GetProperty("summary").GetString()!.ShouldContain("including the account key and the account database");
    }

    private async Task SeedKeyFileAndDatabaseAsync()
    {
        var seed = await FlowsCommand.RunAsync(_sandbox.Home, new Dictionary<string, string> { ["SEED_API_KEY"] = "k-1" }, "accounts", "add", "fixture-good.basic", "--label", "Seed", "--set", "host=example.com", "--set-from-env", "apiKey=SEED_API_KEY");
        seed.ExitCode.ShouldBe(0, seed.ToString());
        File.Exists(Path.Combine(_sandbox.Home, "keys", "accounts.key")).ShouldBeTrue("the key file the plugin tries to read is there");
        File.Exists(Path.Combine(_sandbox.Home, "accounts.db")).ShouldBeTrue("the database the plugin tries to read is there");
    }

    // flows accounts add --validate: the real command starts the plugin's worker, as a user runs it.
    private async Task<Dictionary<string, string>> SnoopAsync(IReadOnlyDictionary<string, string> environment)
    {
        var label = $"Snoop {Guid.NewGuid():N}";
        // The test server is on loopback: the operator allows it, as one would a service on this machine.
        var allowed = new Dictionary<string, string>(environment) { ["FLOWS_OUTBOUND_ALLOWED_HOSTS"] = new Uri(ServerUrl).Authority };
        var add = await FlowsCommand.RunAsync(_sandbox.Home, allowed, "accounts", "add", SnoopingType, "--label", label, "--set", $"url={ServerUrl}/", "--validate");
        add.ExitCode.ShouldBe(0, add.ToString());
        var show = await FlowsCommand.RunAsync(_sandbox.Home, "accounts", "show", label, "--json");
        var detail = show.Json[0].GetProperty("status").GetProperty("detail").GetString()!;
        detail.ShouldNotContain(Canary);
        return detail.Split(' ').Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a[1], StringComparer.Ordinal);
    }

    private static string Describe(Dictionary<string, string> attempts) => string.Join(", ", attempts.Select(a => $"{a.Key}={a.Value}"));

    private static Process StartAsUser(string program, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "setpriv" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "--", program })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new Process { StartInfo = start };
    }

    private static async Task<CliRun> ReadEnvironmentAsUserAsync(int processId)
    {
        using var reader = StartAsUser("cat", $"/proc/{processId}/environ");
        reader.Start();
        var stdout = reader.StandardOutput.ReadToEndAsync();
        var stderr = reader.StandardError.ReadToEndAsync();
        await reader.WaitForExitAsync();
        return new CliRun(reader.ExitCode, await stdout, await stderr);
    }

    private static async Task<CliRun> RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await process.StandardOutput.ReadToEndAsync(), await process.StandardError.ReadToEndAsync());
    }
}
