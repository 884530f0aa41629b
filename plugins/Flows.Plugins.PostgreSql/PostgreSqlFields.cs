namespace Flows.Plugins.PostgreSql;

/// <summary>The schema property names both account types share, and the operator's allow-list variable.</summary>
internal static class PostgreSqlFields
{
    public const string Host = "host";
    public const string Port = "port";
    public const string Database = "database";
    public const string Username = "username";
    public const string Password = "password";
    public const string SslMode = "sslMode";
    public const string RootCertificate = "rootCertificate";
    public const string ClientCertificate = "clientCertificate";
    public const string ClientKey = "clientKey";
    public const string Options = "options";

    public const int DefaultPort = 5432;

    /// <summary>The operator's list of internal hosts that may be called; never settable from a form.</summary>
    public const string AllowedHostsVariable = "FLOWS_POSTGRES_ALLOWED_HOSTS";
}
