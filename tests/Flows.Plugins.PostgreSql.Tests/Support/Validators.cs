using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Contracts;
using Flows.Host.Hosting;
using Flows.Host.Outbound;
using Flows.Host.Secrets;
using Flows.Plugins.PostgreSql.Endpoints;
using Flows.Plugins.PostgreSql.Validation;
using Flows.Plugins.Salesforce.Tests.Support;

namespace Flows.Plugins.PostgreSql.Tests.Support;

/// <summary>
/// The two validators wired as the host wires them (the host's real outbound policy for the connect
/// timeout and the addresses, its masking of the secret fields in answers and log), with the
/// operator's allow-list naming the test servers, and a logger that keeps what they write.
/// </summary>
public sealed class Validators : IDisposable
{
    private readonly OutboundHttp _http;

    public Validators(string allowedHosts, TimeSpan? connectTimeout = null)
    {
        var options = new FlowsHostOptions
        {
            OutboundConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5),
            OutboundRequestTimeout = TimeSpan.FromSeconds(15),
            OutboundAllowedHosts = null,
        };
        options.PluginAllowedHosts[PluginId] = allowedHosts;
        _http = new OutboundHttp(options, PluginId);
        var policy = new PostgreSqlHostPolicy(_http.Policy);
        var scrubbing = new PluginSecretScrubbing();
        var log = new ScrubbingPluginLogger(Log, scrubbing, PluginId);
        // The fields the account schemas mark secret (writeOnly).
        Password = new ScrubbingAccountValidator(new PasswordAccountValidator(_http, log, () => policy), PluginId, ["/password"], scrubbing);
        Certificate = new ScrubbingAccountValidator(new CertificateAccountValidator(_http, log, () => policy), PluginId, ["/clientKey"], scrubbing);
    }

    public const string PluginId = "flows.postgresql";

    public RecordingPluginLogger Log { get; } = new();

    public IAccountValidator Password { get; }

    public IAccountValidator Certificate { get; }

    /// <summary>A password account's values: the good ones, with <paramref name="change"/> applied.</summary>
    public static JsonObject PasswordAccount(PostgresCluster server, Action<JsonObject>? change = null)
    {
        var values = new JsonObject
        {
            ["host"] = "127.0.0.1",
            ["port"] = server.Port,
            ["database"] = PostgresFixture.Database,
            ["username"] = PostgresFixture.User,
            ["password"] = PostgresFixture.Password,
            ["sslMode"] = "prefer",
        };
        change?.Invoke(values);
        return values;
    }

    public Task<AccountValidationResult> CheckPasswordAsync(JsonObject values, CancellationToken cancellationToken = default) =>
        Password.ValidateAsync(new AccountValidationRequest("postgresql.password", JsonSerializer.SerializeToElement(values)), cancellationToken);

    public Task<AccountValidationResult> CheckCertificateAsync(JsonObject values, CancellationToken cancellationToken = default) =>
        Certificate.ValidateAsync(new AccountValidationRequest("postgresql.certificate", JsonSerializer.SerializeToElement(values)), cancellationToken);

    public void Dispose() => _http.Dispose();
}
