using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Contracts;
using Flows.Host.Hosting;
using Flows.Host.Outbound;
using Flows.Plugins.PostgreSql.Endpoints;
using Flows.Plugins.PostgreSql.Validation;
using Flows.Plugins.Salesforce.Tests.Support;

namespace Flows.Plugins.PostgreSql.Tests.Support;

/// <summary>
/// The two validators wired as the host wires them (the host's real outbound policy for the connect
/// timeout), with the operator's allow-list naming the test servers, and a logger that keeps what they write.
/// </summary>
public sealed class Validators : IDisposable
{
    private readonly OutboundHttp _http;

    public Validators(string allowedHosts, TimeSpan? connectTimeout = null)
    {
        _http = new OutboundHttp(new FlowsHostOptions
        {
            OutboundConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5),
            OutboundRequestTimeout = TimeSpan.FromSeconds(15),
        });
        var policy = new PostgreSqlHostPolicy(AllowedHost.ParseList(allowedHosts));
        Password = new PasswordAccountValidator(_http, Log, () => policy);
        Certificate = new CertificateAccountValidator(_http, Log, () => policy);
    }

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
