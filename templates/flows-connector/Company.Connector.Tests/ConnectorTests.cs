using System.Net;
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

    [Theory]
    [InlineData(HttpStatusCode.OK, AccountValidationOutcome.Valid)]
    [InlineData(HttpStatusCode.Unauthorized, AccountValidationOutcome.Invalid)]
    [InlineData(HttpStatusCode.ServiceUnavailable, AccountValidationOutcome.Unavailable)]
    public async Task The_validator_reads_what_the_service_answers(HttpStatusCode status, AccountValidationOutcome expected)
    {
        var service = new StubService(status);
        var validator = new ConnectorAccountValidator(service, new SilentLogger());
        using var values = JsonDocument.Parse("""{ "serverUrl": "https://api.example.com/", "apiKey": "s3cret-key" }""");

        var result = await validator.ValidateAsync(new AccountValidationRequest(validator.AccountTypeId, values.RootElement), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal("Bearer s3cret-key", service.Authorization);
        Assert.DoesNotContain("s3cret-key", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validator_blames_a_server_url_that_is_not_http()
    {
        var validator = new ConnectorAccountValidator(new StubService(HttpStatusCode.OK), new SilentLogger());
        using var values = JsonDocument.Parse("""{ "serverUrl": "ftp://api.example.com/", "apiKey": "s3cret-key" }""");

        var result = await validator.ValidateAsync(new AccountValidationRequest(validator.AccountTypeId, values.RootElement), CancellationToken.None);

        Assert.Equal(AccountValidationOutcome.Invalid, result.Outcome);
        Assert.Equal("serverUrl", Assert.Single(result.FieldErrors).Field);
    }

    // The host's IOutboundHttp, answering every request with one status.
    private sealed class StubService(HttpStatusCode status) : HttpMessageHandler, IOutboundHttp
    {
        public string? Authorization { get; private set; }

        public TimeSpan ConnectTimeout => TimeSpan.FromSeconds(10);

        public TimeSpan RequestTimeout => TimeSpan.FromSeconds(30);

        public HttpClient CreateClient() => new(this, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(status));
        }
    }

    private sealed class SilentLogger : IPluginLogger
    {
        public bool IsEnabled(PluginLogLevel level) => false;

        public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
        {
        }
    }
}
