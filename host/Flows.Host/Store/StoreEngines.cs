using Flows.Host.Accounts;
using Flows.Host.Store.PostgreSql;
using Flows.Host.Store.Sqlite;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Store;

/// <summary>Which engine a store's options name.</summary>
internal static class StoreEngines
{
    public static StoreEngine Create(AccountStoreOptions options, ILogger logger) =>
        options.Store is { } address ? new PostgresEngine(address) : new SqliteEngine(options, logger);
}
