using System.Data.Common;
using System.Globalization;
using Flows.Host.OAuth;
using Microsoft.Data.Sqlite;

namespace Flows.Host.Tests.Store;

/// <summary>
/// Copying every account into another store (SQLite to PostgreSQL and back): rows as they are, secrets
/// never decrypted on the way, all or nothing; then counts and a decryption of every secret in the target.
/// </summary>
public sealed class StoreCopyTests
{
    private static readonly string[] Secrets = ["/password"];

    private readonly string _key = AccountStoreSandbox.NewKey();

    private static JsonObject Values(string password) => new() { ["username"] = "ada", ["password"] = password };

    [Fact]
    public async Task CopyTo_FromSqliteToPostgresAndBack_KeepsEveryAccountLabelVersionStatusSecretSignInAndToken()
    {
        using var sqlite = new AccountStoreSandbox(StoreKind.Sqlite);
        using var postgres = new AccountStoreSandbox(StoreKind.Postgres);
        var source = sqlite.Open(_key);
        await SeedAsync(source, sqlite.Time);
        var original = await SnapshotAsync(source);
        var originalRows = RawSecrets(sqlite.RawDatabase());

        var there = await source.CopyToAsync(source.OpenOther(postgres.PostgresAddress!), intoNonEmpty: false);
        var backFile = Path.Combine(sqlite.Root, "back", "accounts.db");
        var back = await postgres.Open(_key).CopyToAsync(postgres.Open(_key).OpenOther(backFile), intoNonEmpty: false);

        there.Verified.ShouldBeTrue();
        there.Copied.ShouldBe(new StoreRowCounts(3, 5, 1), "three accounts; a password each, and an access and a refresh token");
        there.Found.ShouldBe(there.Copied);
        there.Unreadable.ShouldBeEmpty();
        there.Source.ShouldBe(sqlite.DatabasePath);
        there.Target.ShouldStartWith("PostgreSQL database ");
        back.Verified.ShouldBeTrue();
        back.Copied.ShouldBe(there.Copied);
        (await SnapshotAsync(postgres.Open(_key))).ShouldBe(original);
        (await SnapshotAsync(source.OpenOther(backFile))).ShouldBe(original);
        RawSecrets(postgres.RawDatabase()).ShouldBe(originalRows, "the ciphertexts are copied as they are, never encrypted again");
        SqliteConnection.ClearAllPools();
        RawSecrets(OpenFile(backFile)).ShouldBe(originalRows);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite, StoreKind.Postgres)]
    [InlineData(StoreKind.Postgres, StoreKind.Sqlite)]
    public async Task CopyTo_ATargetThatHoldsAccounts_IsRefused_AndWritesNothing(StoreKind from, StoreKind to)
    {
        using var source = new AccountStoreSandbox(from);
        using var target = new AccountStoreSandbox(to);
        await source.Open(_key).SaveAsync(AccountStoreSandbox.Draft("Sales", Values("one")), Secrets);
        await target.Open(_key).SaveAsync(AccountStoreSandbox.Draft("Kept", Values("kept")), Secrets);

        var error = await Should.ThrowAsync<AccountStoreException>(() => source.Open(_key).CopyToAsync(target.Open(_key), intoNonEmpty: false));

        error.Message.ShouldContain("already holds 1 account; nothing was copied");
        error.Message.ShouldContain("--into-non-empty");
        target.Scalar("SELECT count(*) FROM accounts").ShouldBe(1);
        target.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(1);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite, StoreKind.Postgres)]
    [InlineData(StoreKind.Postgres, StoreKind.Sqlite)]
    public async Task CopyTo_IntoNonEmpty_AddsTheAccounts_ButALabelOrIdClashWritesNothing(StoreKind from, StoreKind to)
    {
        using var source = new AccountStoreSandbox(from);
        using var target = new AccountStoreSandbox(to);
        var sales = await source.Open(_key).SaveAsync(AccountStoreSandbox.Draft("Sales", Values("one")), Secrets);
        await source.Open(_key).SaveAsync(AccountStoreSandbox.Draft("Support", Values("two")), Secrets);
        await target.Open(_key).SaveAsync(AccountStoreSandbox.Draft("SALES", Values("kept")), Secrets);

        var clash = await Should.ThrowAsync<AccountStoreException>(() => source.Open(_key).CopyToAsync(target.Open(_key), intoNonEmpty: true));

        clash.Message.ShouldContain("salesforce already has an account labelled \"Sales\" there");
        clash.Message.ShouldContain("Nothing was copied");
        target.Scalar("SELECT count(*) FROM accounts").ShouldBe(1, "not even the account without a clash");
        target.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(1);

        await source.Open(_key).DeleteAsync(sales.Id);
        var added = await source.Open(_key).CopyToAsync(target.Open(_key), intoNonEmpty: true);
        added.Verified.ShouldBeTrue();
        added.Copied.ShouldBe(new StoreRowCounts(1, 1, 0));
        added.Expected.ShouldBe(new StoreRowCounts(2, 2, 0));
        added.Found.ShouldBe(added.Expected);
        (await target.Open(_key).ListAsync()).Select(a => a.Label).ShouldBe(["SALES", "Support"]);

        var again = await Should.ThrowAsync<AccountStoreException>(() => source.Open(_key).CopyToAsync(target.Open(_key), intoNonEmpty: true));
        again.Message.ShouldContain("(\"Support\" of salesforce) is already there");
        target.Scalar("SELECT count(*) FROM accounts").ShouldBe(2);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite, StoreKind.Postgres)]
    [InlineData(StoreKind.Postgres, StoreKind.Sqlite)]
    public async Task CopyTo_ASecretUnderAKeyTheTargetLacks_IsCopiedAsItIs_AndItsAccountIsNamedByLabel(StoreKind from, StoreKind to)
    {
        using var source = new AccountStoreSandbox(from);
        using var target = new AccountStoreSandbox(to);
        var otherKey = AccountStoreSandbox.NewKey();
        await source.Open(otherKey).SaveAsync(AccountStoreSandbox.Draft("Old key", Values("old")), Secrets);
        await source.Open(otherKey).SaveAsync(AccountStoreSandbox.Draft("No secret", new JsonObject { ["username"] = "ada" }), Secrets);

        var result = await source.Open(otherKey).CopyToAsync(target.Open(_key), intoNonEmpty: false);

        result.Verified.ShouldBeFalse();
        result.Found.ShouldBe(new StoreRowCounts(2, 1, 0), "everything was copied");
        var unreadable = result.Unreadable.ShouldHaveSingleItem();
        unreadable.Label.ShouldBe("Old key");
        unreadable.PluginId.ShouldBe("salesforce");
        unreadable.KeyId.ShouldBe(SecretKey.IdOf(Convert.FromBase64String(otherKey)));
        unreadable.KeyMissing.ShouldBeTrue();
        var readWithThatKey = (await target.Open(_key, previousKeys: [otherKey]).FindByLabelAsync("salesforce", "Old key"))!;
        readWithThatKey.GetValues()["password"]!.GetValue<string>().ShouldBe("old");
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task CopyTo_TheSameStore_IsRefused(StoreKind kind)
    {
        using var sandbox = new AccountStoreSandbox(kind);
        await sandbox.Open(_key).SaveAsync(AccountStoreSandbox.Draft("Sales", Values("one")), Secrets);
        var same = kind == StoreKind.Sqlite ? sandbox.Open(_key).OpenOther(sandbox.DatabasePath) : sandbox.Open(_key).OpenOther(sandbox.PostgresAddress!);

        var error = await Should.ThrowAsync<AccountStoreException>(() => sandbox.Open(_key).CopyToAsync(same, intoNonEmpty: true));

        error.Message.ShouldContain("is both the source and the target of the copy; nothing was copied.");
        sandbox.Scalar("SELECT count(*) FROM accounts").ShouldBe(1);
    }

    [Fact]
    public async Task CopyTo_FromAFileThatIsNotThere_IsRefused_AndCreatesNoFile()
    {
        using var target = new AccountStoreSandbox(StoreKind.Postgres);
        var missing = Path.Combine(target.Root, "nowhere.db");

        var error = await Should.ThrowAsync<AccountStoreException>(() => target.Open(_key).OpenOther(missing).CopyToAsync(target.Open(_key), intoNonEmpty: false));

        error.Message.ShouldBe($"There is no account store at {missing}; nothing was copied.");
        File.Exists(missing).ShouldBeFalse();
    }

    [Fact]
    public async Task CopyTo_ThatFailsPartWay_LeavesTheTargetAsItWas()
    {
        using var source = new AccountStoreSandbox(StoreKind.Sqlite);
        using var target = new AccountStoreSandbox(StoreKind.Postgres);
        await source.Open(_key).SaveAsync(AccountStoreSandbox.Draft("Sales", Values("one")), Secrets);
        using (var raw = source.Raw())
        {
            // A secret whose account is gone: the target's foreign key refuses it after the accounts went in.
            using var orphan = raw.CreateCommand();
            orphan.CommandText = "PRAGMA foreign_keys = OFF; INSERT INTO account_secrets SELECT '00000000-0000-0000-0000-000000000001', pointer, key_id, nonce, ciphertext, tag FROM account_secrets;";
            orphan.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();

        await Should.ThrowAsync<Exception>(() => source.Open(_key).CopyToAsync(target.Open(_key), intoNonEmpty: false));

        target.Scalar("SELECT count(*) FROM accounts").ShouldBe(0, "the accounts written before the failure were rolled back with it");
        target.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(0);
    }

    // Three accounts: one as created, one edited (version 2) and checked, one signed in whose tokens were refreshed.
    private static async Task SeedAsync(AccountStore store, ManualTime time)
    {
        await store.SaveAsync(AccountStoreSandbox.Draft("Plain", Values("one")), Secrets);
        var edited = await store.SaveAsync(AccountStoreSandbox.Draft("Edited", Values("two")), Secrets);
        time.Advance(TimeSpan.FromMinutes(3));
        edited = await store.SaveAsync(AccountStoreSandbox.Draft("Edited — Café", Values("two-b"), id: edited.Id, version: edited.Version), Secrets);
        time.Advance(TimeSpan.FromMinutes(1));
        (await store.SetStatusAsync(edited.Id, AccountStatus.Invalid("wrong password", time.GetUtcNow()), edited.Version)).ShouldBeTrue();
        var signedIn = await store.SaveAsync(
            AccountStoreSandbox.Draft("Signed in", Values("three")) with { SignIn = Tokens(time, "access-1", "refresh-1") }, Secrets);
        time.Advance(TimeSpan.FromMinutes(1));
        (await store.ReplaceTokensAsync(signedIn.Id, 1, Tokens(time, "access-2", "refresh-2"))).ShouldBeTrue();
    }

    private static OAuthTokenSet Tokens(ManualTime time, string access, string refresh) => new()
    {
        AccessToken = access,
        RefreshToken = refresh,
        ExpiresAt = time.GetUtcNow().AddHours(2),
        Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["instance_url"] = "https://example.my.salesforce.com" },
        Identity = "ada@example.com",
        SignedInAt = time.GetUtcNow(),
    };

    // Everything a store answers about its accounts, secrets and tokens decrypted, one line per account.
    private static async Task<List<string>> SnapshotAsync(AccountStore store)
    {
        var lines = new List<string>();
        foreach (var summary in await store.ListAsync())
        {
            var account = (await store.GetAsync(summary.Id))!;
            var signIn = await store.GetSignInAsync(summary.Id);
            var tokens = signIn is null
                ? "no sign-in"
                : string.Join(
                    " ", signIn.TokenVersion, signIn.Tokens.AccessToken, signIn.Tokens.RefreshToken, signIn.Tokens.Identity, signIn.Tokens.TokenType,
                    Time(signIn.Tokens.SignedInAt), Time(signIn.Tokens.ExpiresAt), string.Join(",", signIn.Tokens.Properties.Select(p => $"{p.Key}={p.Value}")));
            lines.Add(string.Join(
                " | ", account.Id, account.Label, account.AccountTypeId, account.PluginId, account.Version, account.PluginVersion, account.SchemaVersion,
                account.Status.Kind, account.Status.Detail, Time(account.Status.CheckedAt), Time(account.CreatedAt), Time(summary.UpdatedAt),
                account.GetValues().ToJsonString(), tokens));
        }

        return lines;
    }

    private static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-";

    private static List<string> RawSecrets(DbConnection connection)
    {
        using (connection)
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT account_id, pointer, key_id, nonce, ciphertext, tag FROM account_secrets ORDER BY account_id, pointer";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join(" ", reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    Convert.ToHexString((byte[])reader[3]), Convert.ToHexString((byte[])reader[4]), Convert.ToHexString((byte[])reader[5])));
            }

            return rows;
        }
    }

    private static SqliteConnection OpenFile(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
