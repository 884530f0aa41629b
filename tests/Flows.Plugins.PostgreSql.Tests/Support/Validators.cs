using System.Text.Json;
using Flows.Plugins.PostgreSql.Endpoints;
using Flows.Plugins.PostgreSql.Validation;

namespace Flows.Plugins.PostgreSql.Tests.Support;

/// <summary>
/// The two validators wired as the host wires them (the host's real outbound policy for the connect
/// timeout and the addresses, its masking of the secret fields in answers and log), with the
/// operator's allow-list naming the test servers, and a logger that keeps what they write.
/// </summary>
public sealed class Validators : IDisposable
{
    private readonly HostWiring _host;

    public Validators(string allowedHosts, TimeSpan? connectTimeout = null)
    {
        _host = new HostWiring(PluginId, allowedHosts, connectTimeout ?? TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));
        var policy = new PostgreSqlHostPolicy(_host.Http.Policy);
        // The fields the account schemas mark secret (writeOnly).
        Password = _host.Masked(new PasswordAccountValidator(_host.Http, _host.PluginLog, () => policy), "/password");
        Certificate = _host.Masked(new CertificateAccountValidator(_host.Http, _host.PluginLog, () => policy), "/clientKey");
    }

    public const string PluginId = "flows.postgresql";

    public RecordingPluginLogger Log => _host.Log;

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

    public void Dispose() => _host.Dispose();
}
