using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Flows.Host.Store.Sqlite;

/// <summary>
/// The compiled statements of the writer's connection, kept between writes. SQLite compiles a
/// statement's text again for every new command, and the store's writes run the same few statements
/// for every save; a command given back here keeps its compiled statement for the next write.
/// Used on the writing thread only.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    // Enough for every statement the store writes with; anything beyond is compiled each time.
    private const int MaxKept = 64;

    private readonly Dictionary<string, Stack<KeptCommand>> _idle = new(StringComparer.Ordinal);
    private int _kept;
    private bool _disposed;

    /// <summary>A command for <paramref name="sql"/> with no parameters bound; disposing it gives it back.</summary>
    public DbCommand Rent(DbTransaction? transaction, string sql)
    {
        var command = _idle.TryGetValue(sql, out var idle) && idle.Count > 0
            ? idle.Pop()
            : new KeptCommand(this) { Connection = connection, CommandText = sql };
        command.Transaction = (SqliteTransaction?)transaction;
        return command;
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var command in _idle.Values.SelectMany(c => c))
        {
            command.Discard();
        }

        _idle.Clear();
    }

    private bool Keep(KeptCommand command)
    {
        if (_disposed)
        {
            return false;
        }

        command.Parameters.Clear();
        command.Transaction = null;
        if (!_idle.TryGetValue(command.CommandText, out var idle))
        {
            if (_kept >= MaxKept)
            {
                return false;
            }

            _kept++;
            _idle[command.CommandText] = idle = new Stack<KeptCommand>();
        }

        idle.Push(command);
        return true;
    }

    private sealed class KeptCommand(SqliteStatements owner) : SqliteCommand
    {
        private bool _discarding;

        public void Discard()
        {
            _discarding = true;
            Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_discarding && owner.Keep(this))
            {
                return;
            }

            base.Dispose(disposing);
        }
    }
}
