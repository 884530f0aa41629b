using System.Composition;
using Flows.Contracts;

namespace Flows.Plugins.PostgreSql;

/// <summary>"PostgreSQL account": host, port, database, username, password, SSL mode, options.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class PasswordAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "postgresql.password";

    public string Id => AccountTypeId;

    public string Title => "PostgreSQL account";

    public string Description => "Log in to a PostgreSQL database with a username and password.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(PasswordAccountDefinition).Assembly, "schemas/postgresql.password.schema.json");
}

/// <summary>"PostgreSQL certificate account": the same connection fields, a certificate and key instead of a password.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class CertificateAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "postgresql.certificate";

    public string Id => AccountTypeId;

    public string Title => "PostgreSQL certificate account";

    public string Description => "Log in to a PostgreSQL database over TLS with a client certificate and its private key.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(CertificateAccountDefinition).Assembly, "schemas/postgresql.certificate.schema.json");
}
