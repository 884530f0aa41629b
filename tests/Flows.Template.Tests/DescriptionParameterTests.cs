using System.Text.Json;
using Flows.Template.Tests.Support;

namespace Flows.Template.Tests;

/// <summary>
/// `dotnet new flows-connector --description`: the sentence becomes the plugin's and the account
/// type's description, in plugin.json and in the account definition alike (the host requires the
/// two to agree). Only `dotnet new` runs here, in a private template hive; nothing is restored.
/// </summary>
public sealed class DescriptionParameterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flows-template-description-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<string> NewConnectorAsync(params string[] extra)
    {
        var hive = Path.Combine(_root, "hive");
        var work = Directory.CreateDirectory(Path.Combine(_root, "work")).FullName;
        var install = await Shell.RunAsync(_root, new Dictionary<string, string>(), "dotnet", "new", "install", Path.Combine(Shell.RepoRoot, "templates", "flows-connector"), "--debug:custom-hive", hive);
        install.ExitCode.ShouldBe(0, install.ToString());

        var created = await Shell.RunAsync(work, new Dictionary<string, string>(), ["dotnet", "new", "flows-connector", "-n", "Acme.Connector", "--displayName", "Acme CRM", "--feed", _root, "--debug:custom-hive", hive, .. extra]);
        created.ExitCode.ShouldBe(0, created.ToString());
        return Path.Combine(work, "Acme.Connector", "Acme.Connector");
    }

    [Fact]
    public async Task Description_FillsThePluginsAndTheAccountTypesDescription_InTheManifestAndTheDefinition()
    {
        var project = await NewConnectorAsync("--description", "Reads invoices and customers from Acme \"CRM\".");

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, "plugin.json")));
        var expected = "Reads invoices and customers from Acme CRM.";
        manifest.RootElement.GetProperty("description").GetString().ShouldBe(expected);
        manifest.RootElement.GetProperty("contributes").GetProperty("accounts")[0].GetProperty("description").GetString().ShouldBe(expected);
        (await File.ReadAllTextAsync(Path.Combine(project, "ConnectorAccountDefinition.cs"))).ShouldContain($"public string Description => \"{expected}\";");
    }

    [Fact]
    public async Task NoDescription_KeepsTheDefaults()
    {
        var project = await NewConnectorAsync();

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, "plugin.json")));
        manifest.RootElement.GetProperty("description").GetString().ShouldBe("Connects Flows to Acme CRM.");
        manifest.RootElement.GetProperty("contributes").GetProperty("accounts")[0].GetProperty("description").GetString().ShouldBe("A server URL and an API key.");
        (await File.ReadAllTextAsync(Path.Combine(project, "ConnectorAccountDefinition.cs"))).ShouldContain("public string Description => \"A server URL and an API key.\";");
    }
}
