using System.Composition;
using Flows.Contracts;
using Flows.Plugins.PostgreSql.Endpoints;

namespace Flows.Plugins.PostgreSql.Validation;

/// <summary>"Save &amp; Validate" for a PostgreSQL account account.</summary>
[Export(typeof(IAccountValidator))]
public sealed class PasswordAccountValidator : PostgreSqlValidator
{
    [ImportingConstructor]
    public PasswordAccountValidator(IOutboundHttp http, IPluginLogger log, IOutboundPolicy outbound)
        : this(http, log, () => new PostgreSqlHostPolicy(outbound))
    {
    }

    internal PasswordAccountValidator(IOutboundHttp? http, IPluginLogger log, Func<PostgreSqlHostPolicy> policy)
        : base(http, log, policy)
    {
    }

    public override string AccountTypeId => PasswordAccountDefinition.AccountTypeId;

    private protected override Credentials? ReadCredentials(AccountValidationRequest request, List<AccountFieldError> problems)
    {
        var password = request.GetString(PostgreSqlFields.Password);
        if (string.IsNullOrEmpty(password))
        {
            problems.Add(new AccountFieldError(PostgreSqlFields.Password, "Required."));
            return null;
        }

        return new Credentials(password, null);
    }
}

/// <summary>"Save &amp; Validate" for a PostgreSQL certificate account account.</summary>
[Export(typeof(IAccountValidator))]
public sealed class CertificateAccountValidator : PostgreSqlValidator
{
    [ImportingConstructor]
    public CertificateAccountValidator(IOutboundHttp http, IPluginLogger log, IOutboundPolicy outbound)
        : this(http, log, () => new PostgreSqlHostPolicy(outbound))
    {
    }

    internal CertificateAccountValidator(IOutboundHttp? http, IPluginLogger log, Func<PostgreSqlHostPolicy> policy)
        : base(http, log, policy)
    {
    }

    public override string AccountTypeId => CertificateAccountDefinition.AccountTypeId;

    private protected override Credentials? ReadCredentials(AccountValidationRequest request, List<AccountFieldError> problems)
    {
        var certificate = request.GetString(PostgreSqlFields.ClientCertificate) ?? string.Empty;
        var key = request.GetString(PostgreSqlFields.ClientKey) ?? string.Empty;
        if (certificate.Trim().Length == 0 || key.Trim().Length == 0)
        {
            problems.AddRange(new[] { (PostgreSqlFields.ClientCertificate, certificate), (PostgreSqlFields.ClientKey, key) }
                .Where(f => f.Item2.Trim().Length == 0)
                .Select(f => new AccountFieldError(f.Item1, "Required.")));
            return null;
        }

        if (TlsPolicy.Parse(request.GetString(PostgreSqlFields.SslMode)) is SslChoice.Disable or SslChoice.Prefer)
        {
            problems.Add(new AccountFieldError(PostgreSqlFields.SslMode, "A client certificate is sent only over TLS: choose Require, Verify CA or Verify full."));
        }

        var client = PemCertificates.Client(certificate, key, out var certificateProblem, out var keyProblem);
        if (certificateProblem is not null)
        {
            problems.Add(new AccountFieldError(PostgreSqlFields.ClientCertificate, certificateProblem));
        }

        if (keyProblem is not null)
        {
            problems.Add(new AccountFieldError(PostgreSqlFields.ClientKey, keyProblem));
        }

        return client is null ? null : new Credentials(null, client);
    }
}
