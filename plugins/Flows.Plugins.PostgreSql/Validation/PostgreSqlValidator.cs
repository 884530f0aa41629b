using System.Text.Json;
using Flows.Contracts;
using Flows.Plugins.PostgreSql.Endpoints;
using Npgsql;

namespace Flows.Plugins.PostgreSql.Validation;

/// <summary>
/// "Save &amp; Validate" for both account types: read and check the fields, let the host policy pick
/// the addresses, connect, and report who the server says we are. The two types differ only in how
/// they log in (<see cref="ReadCredentials"/>) and which fields are secret.
/// </summary>
public abstract class PostgreSqlValidator : IAccountValidator
{
    /// <summary>Used when the host's outbound policy is not available.</summary>
    private static readonly TimeSpan FallbackConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly IPluginLogger _log;
    private readonly TimeSpan _connectTimeout;
    private readonly Func<PostgreSqlHostPolicy> _policy;

    private protected PostgreSqlValidator(IOutboundHttp? http, IPluginLogger log, Func<PostgreSqlHostPolicy> policy)
    {
        _log = log;
        _connectTimeout = http?.ConnectTimeout is { } timeout && timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan ? timeout : FallbackConnectTimeout;
        _policy = policy;
    }

    public abstract string AccountTypeId { get; }

    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ValidateCoreAsync(request, _log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How this account logs in, or the field errors that stop it.</summary>
    private protected abstract Credentials? ReadCredentials(AccountValidationRequest request, List<AccountFieldError> problems);

    private async Task<AccountValidationResult> ValidateCoreAsync(AccountValidationRequest request, IPluginLogger log, CancellationToken cancellationToken)
    {
        var problems = new List<AccountFieldError>();
        var database = Required(request, PostgreSqlFields.Database, problems);
        var username = Required(request, PostgreSqlFields.Username, problems);
        var port = ReadPort(request, problems);
        var mode = TlsPolicy.Parse(request.GetString(PostgreSqlFields.SslMode));
        if (mode is null)
        {
            problems.Add(new AccountFieldError(PostgreSqlFields.SslMode, "Choose one of disable, prefer, require, verify-ca or verify-full."));
        }

        var root = PemCertificates.Root(request.GetString(PostgreSqlFields.RootCertificate), out var rootProblem);
        if (rootProblem is not null)
        {
            problems.Add(new AccountFieldError(PostgreSqlFields.RootCertificate, rootProblem));
        }

        var options = new NpgsqlConnectionStringBuilder();
        if (ConnectionOptions.Apply(request.GetString(PostgreSqlFields.Options), options) is { } optionsProblem)
        {
            problems.Add(new AccountFieldError(PostgreSqlFields.Options, optionsProblem));
        }

        var credentials = ReadCredentials(request, problems);
        if (problems.Count > 0 || credentials is null || mode is null)
        {
            return AccountValidationResult.Invalid("Some fields need attention before the connection can be tried.", problems);
        }

        var host = await _policy().CheckAsync(request.GetString(PostgreSqlFields.Host), port, cancellationToken).ConfigureAwait(false);
        if (host.Problem is { } hostProblem)
        {
            log.Information("Refused to connect to the host of a {AccountType} account: {Problem}", AccountTypeId, hostProblem);
            return host.Unavailable
                ? AccountValidationResult.Unavailable(hostProblem)
                : AccountValidationResult.Invalid(hostProblem, new AccountFieldError(PostgreSqlFields.Host, hostProblem));
        }

        var settings = new ConnectionSettings(host.Host, port, database, username, credentials, new TlsPolicy(mode.Value, host.Host, root), options, _connectTimeout);
        return await new ConnectionProbe(log).RunAsync(settings, host, cancellationToken).ConfigureAwait(false);
    }

    private static string Required(AccountValidationRequest request, string field, List<AccountFieldError> problems)
    {
        var value = request.GetString(field)?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            problems.Add(new AccountFieldError(field, "Required."));
        }

        return value;
    }

    private static int ReadPort(AccountValidationRequest request, List<AccountFieldError> problems)
    {
        if (!request.Values.TryGetProperty(PostgreSqlFields.Port, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return PostgreSqlFields.DefaultPort;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        problems.Add(new AccountFieldError(PostgreSqlFields.Port, "The port must be a whole number from 1 to 65535."));
        return PostgreSqlFields.DefaultPort;
    }
}
