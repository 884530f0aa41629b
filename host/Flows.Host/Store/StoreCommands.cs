using System.Data;
using System.Data.Common;
using System.Globalization;

namespace Flows.Host.Store;

/// <summary>Commands and values in the SQL both engines run.</summary>
internal static class StoreCommands
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Binds <paramref name="name"/> (<c>@name</c>); null binds SQL NULL of <paramref name="nullType"/>.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value, DbType nullType = DbType.String)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (value is null)
        {
            parameter.DbType = nullType;
            parameter.Value = DBNull.Value;
        }
        else
        {
            parameter.Value = value;
        }

        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>A stored time: SQLite keeps ISO 8601 text, PostgreSQL <c>timestamptz</c>.</summary>
    public static DateTimeOffset ReadTime(this DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        var other => throw new InvalidCastException($"Column {ordinal} holds {other.GetType().Name}, not a time."),
    };

    public static DateTimeOffset? ReadTimeOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.ReadTime(ordinal);

    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
