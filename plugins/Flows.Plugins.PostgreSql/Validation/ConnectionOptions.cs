using System.Data.Common;
using Npgsql;

namespace Flows.Plugins.PostgreSql.Validation;

/// <summary>
/// The Options field: a few harmless connection-string settings, <c>Name=value</c> separated by
/// semicolons. Everything else is refused, because the rest of the connection string decides where
/// to connect, how to authenticate and which local files to read — things only the form's own fields
/// and the host may decide.
/// </summary>
internal static class ConnectionOptions
{
    // Npgsql's canonical names (it also accepts synonyms such as ApplicationName; those map here).
    private static readonly string[] Allowed = ["Application Name", "Search Path", "Timezone", "Client Encoding", "Options"];

    /// <summary>Applies <paramref name="text"/> to <paramref name="builder"/>; returns a problem for the Options field, or null.</summary>
    public static string? Apply(string? text, NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = new DbConnectionStringBuilder();
        try
        {
            parsed.ConnectionString = text.Replace('\n', ';').Replace('\r', ';');
        }
        catch (ArgumentException)
        {
            return "Write the options as Name=value pairs separated by semicolons, e.g. Application Name=flows;Search Path=app.";
        }

        foreach (string key in parsed.Keys)
        {
            var probe = new NpgsqlConnectionStringBuilder();
            try
            {
                probe[key] = parsed[key];
            }
            catch (ArgumentException)
            {
                return $"'{key}' is not an option PostgreSQL connections know. Allowed: {string.Join(", ", Allowed)}.";
            }

            var canonical = Allowed.FirstOrDefault(a => probe.ContainsKey(a) && probe.ShouldSerialize(a));
            if (canonical is null)
            {
                return $"'{key}' cannot be set here. Allowed: {string.Join(", ", Allowed)}.";
            }

            builder[canonical] = probe[canonical];
        }

        return null;
    }
}
