using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Accounts;

/// <summary>One 256-bit key and its id (the first 8 bytes of its SHA-256, hex).</summary>
internal sealed class SecretKey(byte[] material, string source)
{
    public byte[] Material { get; } = material;

    public string Id { get; } = IdOf(material);

    /// <summary>Where the key came from, for messages (never the key itself).</summary>
    public string Source { get; } = source;

    public static string IdOf(byte[] material) => Convert.ToHexStringLower(SHA256.HashData(material).AsSpan(0, 8));
}

/// <summary>The keys the store has at one moment: the one that encrypts, and all that may decrypt.</summary>
internal sealed class KeySnapshot(SecretKey? current, IReadOnlyDictionary<string, SecretKey> all)
{
    public SecretKey? Current { get; } = current;

    public IReadOnlyDictionary<string, SecretKey> All { get; } = all;

    public bool Has(string keyId) => All.ContainsKey(keyId);
}

/// <summary>
/// The store's keys, kept outside the database (see <see cref="AccountStoreOptions"/> for the policy).
/// Files are re-read on every use so that a rotation by another process is seen at once.
/// </summary>
internal sealed partial class SecretKeyRing
{
    public const string KeyFileName = "accounts.key";
    private const int KeySize = 32;

    private readonly AccountStoreOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ((DateTime Directory, DateTime File, long Length) State, KeySnapshot Snapshot)? _loaded;
    private readonly SecretKey? _environmentKey;
    private readonly IReadOnlyList<SecretKey> _previousKeys = [];

    // A key variable that does not hold a key is reported by every use of the store, not by its
    // construction: the CLI and the server then say it as a sentence where the store is used.
    private readonly AccountStoreUnavailableException? _environmentProblem;

    public SecretKeyRing(AccountStoreOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        try
        {
            _environmentKey = options.SecretKey is null ? null : ParseVariable(options.SecretKey, AccountStoreOptions.SecretKeyVariable);
            _previousKeys = options.PreviousSecretKeys.Select(k => ParseVariable(k, AccountStoreOptions.PreviousSecretKeysVariable)).ToList();
        }
        catch (AccountStoreUnavailableException problem)
        {
            _environmentProblem = problem;
        }
    }

    public bool UsesEnvironmentKey => _options.SecretKey is not null;

    /// <summary>Throws the reason the keys cannot be used, if there is one (a bad variable, a damaged key file).</summary>
    public void EnsureUsable() => Load();

    private string KeyFilePath => Path.Combine(_options.KeyDirectory, KeyFileName);

    /// <summary>The keys as they are now (files re-read when they changed).</summary>
    public KeySnapshot Load()
    {
        if (_environmentProblem is not null)
        {
            throw _environmentProblem;
        }

        lock (_gate)
        {
            // Every save asks; the key files are read again only when the key directory or key file changed
            // (a rotation in this or another process replaces the file and adds a retired one).
            var seen = KeyFilesState();
            if (_loaded is { } loaded && seen is not null && loaded.State == seen)
            {
                return loaded.Snapshot;
            }

            var snapshot = LoadFromFiles();
            _loaded = seen is { } state ? (state, snapshot) : null;
            return snapshot;
        }
    }

    private (DateTime Directory, DateTime File, long Length)? KeyFilesState()
    {
        var file = new FileInfo(KeyFilePath);
        var directory = new DirectoryInfo(_options.KeyDirectory);
        return file.Exists && directory.Exists ? (directory.LastWriteTimeUtc, file.LastWriteTimeUtc, file.Length) : null;
    }

    private KeySnapshot LoadFromFiles()
    {
        var all = new Dictionary<string, SecretKey>(StringComparer.Ordinal);
        var fileKey = ReadKeyFile(KeyFilePath, required: true);
        foreach (var retired in RetiredKeyFiles())
        {
            if (ReadKeyFile(retired, required: false) is { } key)
            {
                all.TryAdd(key.Id, key);
            }
        }

        foreach (var key in _previousKeys)
        {
            all.TryAdd(key.Id, key);
        }

        if (fileKey is not null)
        {
            all[fileKey.Id] = fileKey;
        }

        if (_environmentKey is not null)
        {
            all[_environmentKey.Id] = _environmentKey;
        }

        return new KeySnapshot(_environmentKey ?? fileKey, all);
    }

    /// <summary>The keys, with a current key guaranteed: the key file is created if there is none.</summary>
    public KeySnapshot LoadForWriting()
    {
        lock (_gate)
        {
            var snapshot = Load();
            if (snapshot.Current is not null)
            {
                return snapshot;
            }

            var created = WriteKeyFile(KeyFilePath, RandomNumberGenerator.GetBytes(KeySize), overwrite: false);
            if (created)
            {
                LogKeyCreated(_logger, KeyFilePath);
            }

            return Load();
        }
    }

    /// <summary>
    /// Retires the current key file to <c>accounts.key.&lt;id&gt;.old</c> and writes a fresh
    /// <c>accounts.key</c>. With an environment key, nothing changes (the operator rotates it).
    /// </summary>
    public KeySnapshot RotateKeyFile()
    {
        lock (_gate)
        {
            if (_environmentKey is not null)
            {
                return Load();
            }

            var before = Load();
            if (before.Current is { } old)
            {
                var retired = Path.Combine(_options.KeyDirectory, $"{KeyFileName}.{old.Id}.old");
                if (ReadKeyFile(retired, required: false)?.Id != old.Id)
                {
                    WriteKeyFile(retired, old.Material, overwrite: true);
                }
            }

            WriteKeyFile(KeyFilePath, RandomNumberGenerator.GetBytes(KeySize), overwrite: true);
            var after = Load();
            LogKeyRotated(_logger, before.Current?.Id ?? "(none)", after.Current!.Id);
            return after;
        }
    }

    /// <summary>Deletes the retired key files whose keys no stored secret uses; returns their ids.</summary>
    public IReadOnlyList<string> RemoveRetiredKeys(IReadOnlySet<string> keyIdsInUse)
    {
        lock (_gate)
        {
            var removed = new List<string>();
            var current = Load().Current?.Id;
            foreach (var file in RetiredKeyFiles())
            {
                var key = ReadKeyFile(file, required: false);
                if (key is not null && !keyIdsInUse.Contains(key.Id) && key.Id != current)
                {
                    File.Delete(file);
                    removed.Add(key.Id);
                    LogKeyRemoved(_logger, key.Id);
                }
            }

            return removed;
        }
    }

    private List<string> RetiredKeyFiles() =>
        Directory.Exists(_options.KeyDirectory)
            ? Directory.EnumerateFiles(_options.KeyDirectory, $"{KeyFileName}.*.old").Order(StringComparer.Ordinal).ToList()
            : [];

    private SecretKey? ReadKeyFile(string path, bool required)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (!required)
            {
                LogUnreadableKey(_logger, path);
                return null;
            }

            throw new AccountStoreUnavailableException(
                AccountStoreFault.KeyUnusable,
                $"The account key file {path} cannot be read ({(exception is UnauthorizedAccessException ? "permission denied" : "read error")}). " +
                "Make it readable by the user running flows (mode 0600, owned by that user).",
                exception);
        }

        if (TryParse(text.Trim(), out var material))
        {
            return new SecretKey(material, path);
        }

        if (!required)
        {
            LogUnreadableKey(_logger, path);
            return null;
        }

        // Never a new key in its place: the secrets stored under the old one would be lost for good.
        throw new AccountStoreUnavailableException(
            AccountStoreFault.KeyUnusable,
            $"The account key file {path} is damaged: it does not hold a base64-encoded {KeySize}-byte key. " +
            $"Put back the key file from your backup (the stored secrets cannot be decrypted without it), or set {AccountStoreOptions.SecretKeyVariable} to that key.");
    }

    /// <summary>A key given in an environment variable or on the command line; its value is never part of a message.</summary>
    internal static SecretKey ParseVariable(string base64, string variable)
    {
        if (TryParse(base64, out var material))
        {
            return new SecretKey(material, variable);
        }

        var problem = Base64Length(base64) is { } length
            ? $"{variable} holds {length} bytes, but an account key is {KeySize} bytes (AES-256), base64-encoded."
            : $"{variable} is not base64: an account key is {KeySize} bytes (AES-256), base64-encoded.";
        throw new AccountStoreUnavailableException(
            AccountStoreFault.KeyUnusable,
            problem + " Set it to the key your secrets were encrypted with (a new key: openssl rand -base64 32), or unset it to use the key file.");
    }

    internal static bool TryParse(string base64, out byte[] material)
    {
        material = new byte[KeySize];
        return Convert.TryFromBase64String(base64, material, out var written) && written == KeySize;
    }

    private static int? Base64Length(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? written : null;
    }

    /// <summary>Writes a key file readable and writable by its owner only; false when it already existed (and <paramref name="overwrite"/> is off).</summary>
    private bool WriteKeyFile(string path, byte[] key, bool overwrite)
    {
        Hosting.PrivateFiles.CreateDirectory(_options.KeyDirectory);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var streamOptions = Hosting.PrivateFiles.CreateNew();

        try
        {
            using (var stream = new FileStream(temporary, streamOptions))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            // Another process created the key first: use theirs.
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the account secret key file {Path}")]
    private static partial void LogKeyCreated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rotated the account secret key from {OldKeyId} to {NewKeyId}")]
    private static partial void LogKeyRotated(ILogger logger, string oldKeyId, string newKeyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the retired account secret key {KeyId}: no stored secret uses it")]
    private static partial void LogKeyRemoved(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retired key file {Path} is not a valid key and is ignored")]
    private static partial void LogUnreadableKey(ILogger logger, string path);
}
