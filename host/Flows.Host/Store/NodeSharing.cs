using Flows.Host.Accounts;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Store;

/// <summary>What this node shares with the other nodes of its store: nothing with a SQLite file (one node), the documents with PostgreSQL.</summary>
public sealed class NodeSharing(AccountStoreOptions options, ILogger<SharedDocuments> logger) : IDisposable
{
    /// <summary>The shared documents; null when the store is a SQLite file.</summary>
    public SharedDocuments? Documents { get; } = options.Store is { } address ? new SharedDocuments(address, logger) : null;

    public void Dispose() => Documents?.Dispose();
}
