namespace Flows.Host.Accounts;

/// <summary>What a copy of the accounts into another store did, and what its verification found.</summary>
/// <param name="Source">Where the accounts came from (a file, or a database and its server; never a password).</param>
/// <param name="Target">Where they went, likewise.</param>
/// <param name="Copied">The rows copied: every row of the source.</param>
/// <param name="Expected">The rows the target should hold now: those it held before, and those copied.</param>
/// <param name="Found">The rows the target holds after the copy.</param>
/// <param name="Unreadable">The accounts in the target with a secret the keys at hand do not decrypt.</param>
public sealed record StoreCopyResult(
    string Source,
    string Target,
    StoreRowCounts Copied,
    StoreRowCounts Expected,
    StoreRowCounts Found,
    IReadOnlyList<UnreadableAccount> Unreadable)
{
    /// <summary>Whether the target holds what it should and every secret in it decrypts.</summary>
    public bool Verified => Found == Expected && Unreadable.Count == 0;
}

/// <summary>Rows of the store's three tables.</summary>
public sealed record StoreRowCounts(int Accounts, int Secrets, int SignIns);

/// <summary>An account with a secret that does not decrypt; named, never shown.</summary>
/// <param name="Id">The account's id.</param>
/// <param name="PluginId">Its connector.</param>
/// <param name="Label">Its label.</param>
/// <param name="KeyId">The id of the key the secret is encrypted under (never the key).</param>
/// <param name="KeyMissing">True when no key at hand has that id; false when the key is there but the secret does not decrypt under it.</param>
public sealed record UnreadableAccount(string Id, string PluginId, string Label, string KeyId, bool KeyMissing);
