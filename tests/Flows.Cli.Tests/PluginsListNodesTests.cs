namespace Flows.Cli.Tests;

/// <summary>
/// What <c>flows plugins list</c> says about the nodes of a shared store when it cannot read them, and
/// that with a SQLite store it says nothing of nodes and loads nothing of PostgreSQL.
/// </summary>
public sealed class PluginsListNodesTests : IDisposable
{
    private const string Password = "NotAnyonesPassword42";

    private readonly ScratchRoot scratch = new("flows-list-shared");

    [Theory]
    [InlineData]
    [InlineData("--json")]
    public async Task ASharedStoreThatDoesNotAnswer_StillListsThePlugins_AndSaysTheNodesCouldNotBeRead(params string[] extra)
    {
        // Nothing listens on port 1: the connection is refused at once. The bundled plugins are listed still.
        var run = await FlowsCommand.RunAsync(
            scratch.Home,
            new Dictionary<string, string> { ["FLOWS_STORE"] = $"postgres://flows:{Password}@127.0.0.1:1/flows" },
            ["plugins", "list", .. extra]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.ToString().ShouldNotContain(Password);
        if (extra.Length == 0)
        {
            run.Out.ShouldContain("flows.salesforce", Case.Sensitive, run.ToString());
            run.Out.ShouldContain("The nodes of this store could not be read: ", Case.Sensitive, run.ToString());
        }
        else
        {
            run.Json.GetProperty("plugins").GetArrayLength().ShouldBeGreaterThan(0);
            run.Json.GetProperty("nodes").GetProperty("problem").GetString().ShouldNotBeNullOrEmpty();
        }
    }

    [Theory]
    [InlineData("plugins", "list")]
    [InlineData("plugins", "list", "--json")]
    public async Task ListWithASqliteStore_SaysNothingOfNodes_AndLoadsNoNpgsql(params string[] args)
    {
        var (run, assemblies) = await LoadedAssembliesFile.RunAsync(scratch.Home, Path.Combine(scratch.Path, "assemblies.txt"), args);

        run.ExitCode.ShouldBe(0, run.ToString());
        assemblies.ShouldContain("flows");
        assemblies.ShouldNotContain("Npgsql");
        if (args.Contains("--json"))
        {
            run.Json.TryGetProperty("nodes", out _).ShouldBeFalse(run.Out);
        }
        else
        {
            run.Out.ShouldNotContain("node(s)", Case.Insensitive);
            run.Out.ShouldNotContain("nodes of this store", Case.Insensitive);
        }
    }

    public void Dispose() => scratch.Dispose();
}
