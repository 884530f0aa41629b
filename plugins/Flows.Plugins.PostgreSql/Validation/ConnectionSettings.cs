using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace Flows.Plugins.PostgreSql.Validation;

/// <summary>How to log in: with a password, or with a client certificate (and never with anything else).</summary>
internal sealed record Credentials(string? Password, X509Certificate2? ClientCertificate);

/// <summary>Everything one validation connects with, already checked; the host is the checked decision.</summary>
internal sealed record ConnectionSettings(
    string Host,
    int Port,
    string Database,
    string Username,
    Credentials Credentials,
    TlsPolicy Tls,
    NpgsqlConnectionStringBuilder Options,
    TimeSpan ConnectTimeout)
{
    /// <summary>The connection string for one checked address.</summary>
    public NpgsqlConnectionStringBuilder For(System.Net.IPAddress address)
    {
        var seconds = (int)Math.Clamp(Math.Ceiling(ConnectTimeout.TotalSeconds), 1, 3600);
        var builder = new NpgsqlConnectionStringBuilder(Options.ConnectionString)
        {
            Host = address.ToString(),
            Port = Port,
            Database = Database,
            Username = Username,
            Timeout = seconds,
            CommandTimeout = seconds,
            Pooling = false,
            Enlist = false,
            IncludeErrorDetail = false,

            // Npgsql's own certificate checks would compare against the IP address; TlsPolicy checks
            // against the typed name instead, so Npgsql only has to ask for TLS.
            SslMode = Tls.Mode switch
            {
                SslChoice.Disable => SslMode.Disable,
                SslChoice.Prefer => SslMode.Prefer,
                _ => SslMode.Require,
            },

            // Never Kerberos/GSS/SSPI: that would log in to a server of the form's choosing with this
            // machine's own identity. A certificate account sends no password at all, so one from the
            // host's environment (PGPASSWORD, ~/.pgpass) can never reach the server either.
            GssEncryptionMode = GssEncryptionMode.Disable,
            RequireAuth = Credentials.Password is null ? "None" : "ScramSHA256,MD5,Password",
        };
        if (Credentials.Password is { } password)
        {
            // Given explicitly, so a ~/.pgpass or PGPASSWORD of the host's own can never take its place.
            builder.Password = password;
        }

        if (!builder.ContainsKey("Application Name") || string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "Flows";
        }

        return builder;
    }

    /// <summary>A data source for one address: TLS as <see cref="Tls"/> decides, exactly this account's client certificate.</summary>
    public NpgsqlDataSource Open(System.Net.IPAddress address)
    {
        var builder = new NpgsqlDataSourceBuilder(For(address).ConnectionString);

        // One query of built-in types is all validation runs; loading the server's type catalogue is wasted time.
        builder.ConfigureTypeLoading(loading => loading.EnableTypeLoading(false));
        builder.UseSslClientAuthenticationOptionsCallback(options =>
        {
            Tls.Configure(options);

            // Only this account's certificate: never one the host's environment (PGSSLCERT) points at.
            options.ClientCertificates = Credentials.ClientCertificate is { } certificate ? [certificate] : [];
            options.LocalCertificateSelectionCallback = null;
        });
        return builder.Build();
    }
}
