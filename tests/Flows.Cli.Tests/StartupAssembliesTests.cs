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

    [Theory]
    [InlineData("plugins", "list")]
    [InlineData("plugins", "list", "--json")]
    public async Task PluginsList_WithItsManifestsValidatedBefore_LoadsNoSchemaLibraryCryptographyOrEmittedCode(params string[] args)
    {
        // The first run validates the bundled manifests and remembers them; the second is what every
        // later start is.
        (await LoadedAssembliesFile.RunAsync(scratch.Home, Path.Combine(scratch.Path, "first.txt"), args)).Run.ExitCode.ShouldBe(0);
        var (run, assemblies) = await LoadedAssembliesFile.RunAsync(scratch.Home, Path.Combine(scratch.Path, "assemblies.txt"), args);

        run.ExitCode.ShouldBe(0, run.ToString());
        assemblies.ShouldContain("flows");
        assemblies.ShouldNotContain("JsonSchema.Net");
        // Hashing loads the platform's cryptography library; reflection-based JSON emits code at run time.
        assemblies.ShouldNotContain("System.Security.Cryptography");
        assemblies.Where(a => a.StartsWith("System.Reflection.Emit", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    public void Dispose() => scratch.Dispose();
}
