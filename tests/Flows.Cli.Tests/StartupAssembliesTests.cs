namespace Flows.Cli.Tests;

/// <summary>
/// Commands that do not serve start without the web host: no ASP.NET Core assembly (nor the web
/// host's own) is loaded, so they pay only for what they use.
/// </summary>
public sealed class StartupAssembliesTests : IDisposable
{
    private readonly ScratchRoot scratch = new("flows-startup");

    [Theory]
    [InlineData("plugins", "list")]
    [InlineData("plugins", "list", "--json")]
    [InlineData("accounts", "list")]
    public async Task CommandThatDoesNotServe_LoadsNoAspNetCoreAssembly(params string[] args)
    {
        var (run, assemblies) = await LoadedAssembliesFile.RunAsync(scratch.Home, Path.Combine(scratch.Path, "assemblies.txt"), args);

        run.ExitCode.ShouldBe(0, run.ToString());
        // The hook did run: flows itself is among the names.
        assemblies.ShouldContain("flows");
        assemblies.Where(a => a.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) || a == "Flows.Web").ShouldBeEmpty();
    }

    public void Dispose() => scratch.Dispose();
}
