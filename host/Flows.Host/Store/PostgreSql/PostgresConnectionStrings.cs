using System.Globalization;
using Npgsql;

namespace Flows.Host.Store.PostgreSql;

/// <summary>
/// A PostgreSQL store's address as operators write it: a URL (<c>postgres://user:password@host:5432/flows?sslmode=require</c>,
/// libpq's form) or Npgsql's keywords (<c>Host=…;Database=…</c>).
/// </summary>
internal static class PostgresConnectionStrings
{
    /// <summary>Connections one node keeps to the store at most, unless the address says otherwise.</summary>
    public const int DefaultPoolSize = 16;

    /// <summary>Whether <paramref name="value"/> names a PostgreSQL store (rather than a SQLite file).</summary>
    public static bool IsPostgres(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        value.Contains("host=", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="FormatException">The text is neither; the message never quotes it (it may hold a password).</exception>
    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var builder = value.Contains("://", StringComparison.Ordinal) ? FromUrl(value) : FromKeywords(value);
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new FormatException("The PostgreSQL store's address names no host.");
        }

        if (string.IsNullOrEmpty(builder.Database))
        {
            throw new FormatException("The PostgreSQL store's address names no database (postgres://user@host/DATABASE).");
        }

        builder.ApplicationName ??= "flows";
        // A node's writes wait for a free connection rather than each holding one of the server's few
        // (100 by default, shared by every node); the operator's own setting wins.
        if (!HasSetting(value, "Maximum Pool Size") && !HasSetting(value, "MaxPoolSize"))
        {
            builder.MaxPoolSize = DefaultPoolSize;
        }

        return builder;
    }

    /// <summary>Where the store is, for messages: database, host and port, never the user's password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        string.Create(CultureInfo.InvariantCulture, $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}");

    private static bool HasSetting(string value, string name) =>
        value.Replace(" ", "", StringComparison.Ordinal).Contains(name.Replace(" ", "", StringComparison.Ordinal) + "=", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder FromKeywords(string value)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(value);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's message may quote a value of the address, and a value may be the password.
            throw new FormatException("The PostgreSQL store's address is not a postgres:// URL or a list of Npgsql keywords (Host=…;Database=…) with valid values.");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("postgres" or "postgresql"))
        {
            throw new FormatException("The PostgreSQL store's address is not a postgres:// URL.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host.Trim('[', ']'),
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')),
        };
        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var setting = Uri.UnescapeDataString(equals < 0 ? "" : pair[(equals + 1)..]);
            switch (name.ToLowerInvariant())
            {
                case "sslmode":
                    builder.SslMode = Enum.TryParse<SslMode>(setting.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode)
                        ? mode
                        : throw new FormatException("The sslmode of the PostgreSQL store's address is not one of disable, allow, prefer, require, verify-ca, verify-full.");
                    break;
                case "application_name":
                    builder.ApplicationName = setting;
                    break;
                case "connect_timeout":
                    builder.Timeout = int.TryParse(setting, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                        ? seconds
                        : throw new FormatException("The connect_timeout of the PostgreSQL store's address is not a number of seconds.");
                    break;
                default:
                    // Npgsql's own keywords are accepted too (e.g. ?Maximum Pool Size=50).
                    try
                    {
                        builder[name] = setting;
                    }
                    catch (ArgumentException)
                    {
                        throw new FormatException($"The PostgreSQL store's address has a parameter '{name}' neither libpq nor Npgsql knows.");
                    }
                    catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
                    {
                        // Npgsql's message quotes the value.
                        throw new FormatException($"The parameter '{name}' of the PostgreSQL store's address has a value Npgsql does not accept.");
                    }

                    break;
            }
        }

        return builder;
    }
}
