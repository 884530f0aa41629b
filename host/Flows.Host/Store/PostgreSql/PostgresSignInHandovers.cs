using System.Security.Cryptography;
using System.Text;
using Flows.Host.OAuth.Handovers;
using Npgsql;

namespace Flows.Host.Store.PostgreSql;

/// <summary>
/// Hand-overs in the database the nodes of a store share, so a sign-in started on one node finishes
/// on any: rows of <c>sign_in_handovers</c> keyed by hashes of the key and binding (never the bearer
/// values themselves), the payload sealed under the accounts' key. A take is one <c>DELETE … RETURNING</c>,
/// so however many nodes take at once one gets the payload; a fault of the database leaves the row
/// in place for a take once it answers again.
/// </summary>
internal sealed class PostgresSignInHandovers(SharedDocuments database, HandoverSeal seal, TimeProvider time) : SignInHandovers
{
    // Expired rows are removed by later puts, a bounded batch at a time; until then a late take says "expired".
    private const int SweepBatch = 100;
    private static readonly TimeSpan SweepAfter = TimeSpan.FromMinutes(10);

    internal override async Task PutAsync(string kind, string key, string binding, byte[] payload, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var keyHash = Hash(key);
        var body = seal.Seal(kind, keyHash, payload);
        await RunAsync(
            async connection =>
            {
                await using (var sweep = new NpgsqlCommand(
                    "DELETE FROM sign_in_handovers WHERE ctid IN (SELECT ctid FROM sign_in_handovers WHERE expires_at < @before LIMIT @batch)", connection))
                {
                    sweep.Parameters.AddWithValue("before", time.GetUtcNow() - SweepAfter);
                    sweep.Parameters.AddWithValue("batch", SweepBatch);
                    await sweep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using var insert = new NpgsqlCommand(
                    """
                    INSERT INTO sign_in_handovers (kind, key_hash, binding_hash, body, expires_at) VALUES (@kind, @key, @binding, @body, @expires)
                    ON CONFLICT (kind, key_hash) DO UPDATE SET binding_hash = excluded.binding_hash, body = excluded.body, expires_at = excluded.expires_at
                    """,
                    connection);
                insert.Parameters.AddWithValue("kind", kind);
                insert.Parameters.AddWithValue("key", keyHash);
                insert.Parameters.AddWithValue("binding", Hash(binding));
                insert.Parameters.AddWithValue("body", body);
                insert.Parameters.AddWithValue("expires", expiresAt.ToUniversalTime());
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    internal override async Task<HandoverTake> TakeAsync(string kind, string key, string binding, CancellationToken cancellationToken)
    {
        var keyHash = Hash(key);
        var bindingHash = Hash(binding);
        var (body, expiresAt, refusal) = await RunAsync(
            async connection =>
            {
                await using (var take = new NpgsqlCommand(
                    "DELETE FROM sign_in_handovers WHERE kind = @kind AND key_hash = @key AND binding_hash = @binding RETURNING body, expires_at", connection))
                {
                    take.Parameters.AddWithValue("kind", kind);
                    take.Parameters.AddWithValue("key", keyHash);
                    take.Parameters.AddWithValue("binding", bindingHash);
                    await using var taken = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    if (await taken.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return (taken.GetFieldValue<byte[]>(0), taken.GetFieldValue<DateTimeOffset>(1), HandoverRefusal.None);
                    }
                }

                // Nothing taken: a row still there is another browser's (its binding did not match).
                await using var look = new NpgsqlCommand("SELECT 1 FROM sign_in_handovers WHERE kind = @kind AND key_hash = @key", connection);
                look.Parameters.AddWithValue("kind", kind);
                look.Parameters.AddWithValue("key", keyHash);
                var there = await look.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
                return ((byte[]?)null, default(DateTimeOffset), there ? HandoverRefusal.OtherBrowser : HandoverRefusal.Unknown);
            },
            cancellationToken).ConfigureAwait(false);

        if (body is null)
        {
            return HandoverTake.Refused(refusal);
        }

        if (expiresAt <= time.GetUtcNow())
        {
            return HandoverTake.Refused(HandoverRefusal.Expired);
        }

        return seal.Open(kind, keyHash, body) is { } payload ? HandoverTake.Of(payload) : HandoverTake.Refused(HandoverRefusal.Unreadable);
    }

    // A fault of the database is the store's fault, said as the account store says it ("unavailable, try later").
    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await work(connection).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (PostgresFaults.Describe(exception, database.Location) is { } fault)
        {
            database.ForgetConnections();
            throw fault;
        }
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
