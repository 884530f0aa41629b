namespace Flows.Testing;

/// <summary>
/// Account store tests that hold for every engine: derive one sealed class per engine
/// (<c>public sealed class OnSqlite() : XTests(StoreKind.Sqlite);</c>, likewise <c>OnPostgres</c>), so
/// the same tests run against a SQLite file and a PostgreSQL database. Each test gets a sandbox (and
/// database) of its own.
/// </summary>
public abstract class StoreTests(StoreKind kind) : IDisposable
{
    protected AccountStoreSandbox Sandbox { get; } = new(kind);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Sandbox.Dispose();
        }
    }
}
