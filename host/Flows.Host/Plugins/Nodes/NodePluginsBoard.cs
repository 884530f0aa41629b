using System.Text.Json;
using Flows.Host.Store;

namespace Flows.Host.Plugins.Nodes;

/// <summary>
/// Where the nodes of a shared store say what plugins they run: one shared document per node (kind
/// <c>node-plugins</c>, named after the node), written when the node starts, when its plugins change,
/// and every <see cref="Heartbeat"/>; removed when it stops. A node not heard from for
/// <see cref="StaleAfter"/> (stopped without saying so, or cut off) is stale: shown, not compared.
/// Nothing with a SQLite store (one node).
/// </summary>
public sealed class NodePluginsBoard(NodeSharing sharing)
{
    /// <summary>The shared documents' kind.</summary>
    public const string Kind = "node-plugins";

    /// <summary>How often a running node says it still runs.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(1);

    /// <summary>How long a node may go unheard before it no longer counts.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>Whether the store is shared (PostgreSQL); false with a SQLite file.</summary>
    public bool IsShared => sharing.Documents is not null;

    /// <summary>Where the documents are (never a password); null when not shared.</summary>
    public string? Location => sharing.Documents?.Location;

    /// <summary>Writes (or replaces) this node's document.</summary>
    public void Publish(NodePlugins node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Documents.Put(Kind, node.Node, JsonSerializer.Serialize(node, NodePluginsJson.Default.NodePlugins));
    }

    /// <summary>Removes this node's document.</summary>
    public void Withdraw(string node) => Documents.Remove(Kind, node);

    /// <summary>Every node's document, by name; one that cannot be read as such is left out.</summary>
    public IReadOnlyList<NodeReport> Read()
    {
        var reports = new List<NodeReport>();
        foreach (var document in Documents.ReadAll(Kind))
        {
            NodePlugins? node;
            try
            {
                node = JsonSerializer.Deserialize(document.Body, NodePluginsJson.Default.NodePlugins);
            }
            catch (JsonException)
            {
                continue;
            }

            if (node is { Node: not null, Plugins: not null })
            {
                reports.Add(new NodeReport(node, document.Age > StaleAfter, document.Age));
            }
        }

        return reports;
    }

    /// <summary>
    /// <see cref="Read"/> within <paramref name="patience"/>: the reports, or why there are none in a
    /// sentence that names no secret (a server that does not answer, a refused login, a newer schema).
    /// </summary>
    public async Task<(IReadOnlyList<NodeReport>? Reports, string? Problem)> TryReadAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        try
        {
            return (await Task.Run(Read, cancellationToken).WaitAsync(patience, cancellationToken).ConfigureAwait(false), null);
        }
        catch (TimeoutException)
        {
            return (null, $"{Location} did not answer within {patience.TotalSeconds:0} s");
        }
        catch (Accounts.AccountStoreException exception)
        {
            return (null, exception.Message);
        }
        catch (Exception exception) when (IsStoreFault(exception))
        {
            return (null, $"{Location} could not be reached ({exception.GetType().Name})");
        }
    }

    /// <summary>Whether <paramref name="exception"/> says the store could not be used (away, refusing, a newer schema) rather than a bug.</summary>
    public static bool IsStoreFault(Exception exception) =>
        exception is Npgsql.NpgsqlException or Accounts.AccountStoreException or TimeoutException or IOException or System.Net.Sockets.SocketException;

    private SharedDocuments Documents => sharing.Documents ?? throw new InvalidOperationException("The store is not shared.");
}
