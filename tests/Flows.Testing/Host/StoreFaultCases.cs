namespace Flows.Testing;

/// <summary>
/// Each store and key fault a user can meet, made for real in a data directory that holds accounts,
/// with the sentence flows must say about it.
/// </summary>
public static class StoreFaultCases
{
    public const string CorruptPage = "a page of garbage";
    public const string Truncated = "truncated";
    public const string ReadOnlyHome = "read-only FLOWS_HOME";
    public const string DiskFull = "disk full";
    public const string GarbageKeyFile = "garbage key file";
    public const string KeyNotBase64 = "FLOWS_SECRET_KEY not base64";
    public const string ShortKey = "FLOWS_SECRET_KEY of 16 bytes";

    public static TheoryData<string> All => [CorruptPage, Truncated, ReadOnlyHome, DiskFull, GarbageKeyFile, KeyNotBase64, ShortKey];

    /// <summary>
    /// Makes <paramref name="fault"/> in <paramref name="home"/> (an empty or missing folder), with
    /// <paramref name="prepare"/> run on the home before it is damaged (plugins, folders a server needs).
    /// </summary>
    public static async Task<Arranged> ArrangeAsync(string fault, string home, Action<string> prepare)
    {
        TestMount? mount = null;
        if (fault is ReadOnlyHome or DiskFull)
        {
            var (mounted, reason) = TestMount.TryMount(home, fault == DiskFull ? "3m" : "16m");
            if (mounted is null)
            {
                return new Arranged(fault, new Dictionary<string, string>(), "", null, reason);
            }

            mount = mounted;
        }

        Directory.CreateDirectory(home);
        prepare(home);
        await StoreDamage.SeedAsync(home, 30);
        var database = StoreDamage.DatabasePath(home);
        var environment = new Dictionary<string, string>();
        string sentence, context = "";
        switch (fault)
        {
            case CorruptPage:
                var seed = Random.Shared.Next();
                var page = StoreDamage.CorruptRandomPage(home, seed);
                context = $"seed {seed}, page {page}";
                sentence = $"The account store {database} is damaged (database disk image is malformed). Restore it from a backup: flows accounts restore <backup file>";
                break;
            case Truncated:
                StoreDamage.Truncate(home);
                sentence = $"The account store {database} is damaged (database disk image is malformed). Restore it from a backup: flows accounts restore <backup file>";
                break;
            case ReadOnlyHome:
                mount!.MakeReadOnly();
                sentence = $"The account store {database} cannot be written: its folder {home} is read-only or not writable by this user. Make it writable, or set FLOWS_HOME";
                break;
            case DiskFull:
                mount!.Fill();
                sentence = $"No space left on the disk holding {home}: the account store {database} cannot be written. Free some space and try again";
                break;
            case GarbageKeyFile:
                StoreDamage.GarbleKeyFile(home);
                sentence = $"The account key file {StoreDamage.KeyFile(home)} is damaged: it does not hold a base64-encoded 32-byte key. Put back the key file from your backup";
                break;
            case KeyNotBase64:
                environment["FLOWS_SECRET_KEY"] = "this-is-not*base64!";
                sentence = "FLOWS_SECRET_KEY is not base64: an account key is 32 bytes (AES-256), base64-encoded. Set it to the key your secrets were encrypted with";
                break;
            case ShortKey:
                environment["FLOWS_SECRET_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                sentence = "FLOWS_SECRET_KEY holds 16 bytes, but an account key is 32 bytes (AES-256), base64-encoded.";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "No such fault.");
        }

        return new Arranged($"{fault} {context}".Trim(), environment, sentence, mount, null);
    }

    /// <summary>A fault in place. <see cref="SkipReason"/> set: it cannot be made here (and the test says why).</summary>
    public sealed record Arranged(string Context, IReadOnlyDictionary<string, string> Environment, string Sentence, TestMount? Mount, string? SkipReason) : IDisposable
    {
        /// <summary>Whether reads fail too (a full disk still lets the accounts be read).</summary>
        public bool ReadsFail => !Context.StartsWith(DiskFull, StringComparison.Ordinal);

        public void Dispose() => Mount?.Dispose();
    }
}
