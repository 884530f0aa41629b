using Flows.Testing.Postgres;

namespace Flows.Plugins.PostgreSql.Tests.Support;

/// <summary>
/// Two real PostgreSQL servers for a test collection. <see cref="Main"/> has TLS on (a throwaway CA,
/// a certificate for "localhost") and users and databases for every good and bad case;
/// <see cref="Plain"/> has TLS off, for "the server offers no TLS".
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "Alice-pw-4242";
    public const string Database = "app";
    public const string TlsOnlyDatabase = "tlsonly";
    public const string ClosedDatabase = "closed";
    public const string NoLoginUser = "bob";
    public const string CertificateUser = "certuser";

    private PostgresCluster? _main;
    private PostgresCluster? _plain;

    public TestCertificates Certificates { get; } = new();

    public PostgresCluster Main => _main ?? throw new InvalidOperationException("The server is not running.");

    public PostgresCluster Plain => _plain ?? throw new InvalidOperationException("The server is not running.");

    public async Task InitializeAsync()
    {
        const string Users = $"""
            create role {User} login password '{Password}';
            create role {NoLoginUser} nologin password '{Password}';
            create role {CertificateUser} login;
            create database {Database} owner {User};
            create database {TlsOnlyDatabase} owner {User};
            create database {ClosedDatabase};
            revoke connect on database {ClosedDatabase} from public;
            """;

        // Order matters: pg_hba.conf takes the first line that matches.
        var mainHba = $"""
            hostnossl {TlsOnlyDatabase} all 127.0.0.1/32 reject
            hostssl all {CertificateUser} 127.0.0.1/32 cert
            host all all 127.0.0.1/32 scram-sha-256

            """;
        var starting = new[]
        {
            PostgresCluster.StartAsync(mainHba, new ServerTls(Certificates.ServerCertificatePem, Certificates.ServerKeyPem, Certificates.CaPem), Users),
            PostgresCluster.StartAsync("host all all 127.0.0.1/32 scram-sha-256\n", tls: null, Users),
        };
        try
        {
            var started = await Task.WhenAll(starting);
            (_main, _plain) = (started[0], started[1]);
        }
        catch
        {
            foreach (var task in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await task.Result.DisposeAsync();
            }

            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_main is not null)
        {
            await _main.DisposeAsync();
        }

        if (_plain is not null)
        {
            await _plain.DisposeAsync();
        }

        Certificates.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL servers";
}
