using System.Text.Json;
using Flows.Contracts;

namespace Company.Connector.Tests;

public sealed class ConnectorTests
{
    private static JsonElement Manifest() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugin.json"))).RootElement;

    [Fact]
    public void The_account_definition_agrees_with_plugin_json()
    {
        var manifest = Manifest();
        var declared = manifest.GetProperty("contributes").GetProperty("accounts")[0];
        var definition = new ConnectorAccountDefinition();

        Assert.Equal(declared.GetProperty("id").GetString(), definition.Id);
        Assert.Equal(declared.GetProperty("title").GetString(), definition.Title);
        Assert.Equal(declared.GetProperty("description").GetString(), definition.Description);
        Assert.Equal(typeof(ConnectorAccountDefinition).Assembly.GetName().Name + ".dll", manifest.GetProperty("main").GetString());

        // The host requires the exported schema to equal the file the manifest points to.
        var schemaFile = Path.Combine(AppContext.BaseDirectory, declared.GetProperty("schema").GetString()!);
        Assert.Equal(File.ReadAllText(schemaFile), definition.Schema);
    }

    [Fact]
    public void The_schema_is_an_object_whose_api_key_is_a_secret()
    {
        using var schema = JsonDocument.Parse(new ConnectorAccountDefinition().Schema);
        var properties = schema.RootElement.GetProperty("properties");

        Assert.Equal("object", schema.RootElement.GetProperty("type").GetString());
        Assert.True(properties.GetProperty("apiKey").GetProperty("writeOnly").GetBoolean());
        Assert.False(properties.GetProperty("serverUrl").TryGetProperty("writeOnly", out _));
    }

    [Fact]
    public async Task The_validator_says_honestly_that_it_is_not_implemented_yet()
    {
        var validator = new ConnectorAccountValidator(new SilentLogger());
        using var values = JsonDocument.Parse("""{ "serverUrl": "https://api.example.com/", "apiKey": "s3cret-key" }""");

        var result = await validator.ValidateAsync(new AccountValidationRequest(validator.AccountTypeId, values.RootElement), CancellationToken.None);

        Assert.Equal(AccountValidationOutcome.Unavailable, result.Outcome);
        Assert.Contains("not implemented yet", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-key", result.Message, StringComparison.Ordinal);
    }

    private sealed class SilentLogger : IPluginLogger
    {
        public bool IsEnabled(PluginLogLevel level) => false;

        public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
        {
        }
    }
}
