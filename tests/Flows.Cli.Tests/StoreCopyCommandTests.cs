using Flows.Host.OAuth;
using Flows.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Flows.Cli.Tests;

/// <summary>
/// `flows store copy`, run as an operator moving a team from the embedded SQLite store to PostgreSQL
/// (and back): a real flows, a real SQLite file, a real PostgreSQL database, addresses with passwords.
/// </summary>
public sealed class StoreCopyCommandTests : IDisposable
{
    private static readonly string[] Secrets = ["/password"];

    private readonly string _key = AccountStoreSandbox.NewKey();
    private readonly AccountStoreSandbox _sqlite = new(StoreKind.Sqlite);
    private readonly AccountStoreSandbox _postgres = new(StoreKind.Postgres);

    private Dictionary<string, string> WithKey(string? key = null) => new() { ["FLOWS_SECRET_KEY"] = key ?? _key };

    // The database as an operator writes it: a URL with the user's password in it.
    private string Url(string? password = PostgresCluster.SuperuserPassword)
    {
        var address = new NpgsqlConnectionStringBuilder(_postgres.PostgresAddress);
        var user = password is null ? address.Username : $"{address.Username}:{password}";
        return $"postgres://{user}@{address.Host}:{address.Port}/{address.Database}";
    }

    private string PostgresLocation
    {
        get
        {
            var address = new NpgsqlConnectionStringBuilder(_postgres.PostgresAddress);
            return $"PostgreSQL database {address.Database} on {address.Host}:{address.Port}";
        }
    }

    [Fact]
    public async Task Copy_ToPostgresAndBackToAFile_KeepsEveryAccountSecretAndSignIn_AndNeverPrintsThePassword()
    {
        await SeedAsync(_sqlite.Open(_key), "Sales", "Support");
        var original = await SnapshotAsync(_sqlite.Open(_key));
        var file = Path.Combine(_sqlite.Root, "portable", "accounts.db");

        var there = await FlowsCommand.RunAsync(_sqlite.Home, WithKey(), "store", "copy", "--to", Url());
        // As psql does, the password may stay out of the address (and the shell's history): PGPASSWORD or ~/.pgpass.
        var withoutPassword = new Dictionary<string, string>(WithKey()) { ["PGPASSWORD"] = PostgresCluster.SuperuserPassword };
        var back = await FlowsCommand.RunAsync(_sqlite.Home, withoutPassword, "store", "copy", "--from", Url(password: null), "--to", file, "--json");
        var listed = await FlowsCommand.RunAsync(_sqlite.Home, new Dictionary<string, string>(WithKey()) { ["FLOWS_STORE"] = Url() }, "accounts", "list");

        there.ExitCode.ShouldBe(0, there.ToString());
        there.Out.ShouldContain("✔ 2 accounts, 4 secrets, 1 sign-in copied; every secret decrypts.");
        there.Out.ShouldContain($"from {_sqlite.DatabasePath}");
        there.Out.ShouldContain($"to {PostgresLocation}");
        back.ExitCode.ShouldBe(0, back.ToString());
        var json = back.Json;
        json.GetProperty("from").GetString().ShouldBe(PostgresLocation);
        json.GetProperty("to").GetString().ShouldBe(file);
        json.GetProperty("accounts").GetInt32().ShouldBe(2);
        json.GetProperty("secrets").GetInt32().ShouldBe(4);
        json.GetProperty("signIns").GetInt32().ShouldBe(1);
        json.GetProperty("verified").GetBoolean().ShouldBeTrue();
        json.GetProperty("unreadable").GetArrayLength().ShouldBe(0);
        listed.ExitCode.ShouldBe(0, listed.ToString());
        listed.Out.ShouldContain("Sales");
        listed.Out.ShouldContain("Support");
        foreach (var run in new[] { there, back, listed })
        {
            run.ToString().ShouldNotContain(PostgresCluster.SuperuserPassword, customMessage: "the address's password is never printed");
            run.ToString().ShouldNotContain("secret-Sales");
        }

        (await SnapshotAsync(_postgres.Open(_key))).ShouldBe(original);
        (await SnapshotAsync(_sqlite.Open(_key).OpenOther(file))).ShouldBe(original);
    }

    [Fact]
    public async Task Copy_IntoAStoreThatHoldsAccounts_IsRefused_AndWithIntoNonEmptyALabelClashWritesNothing()
    {
        await SeedAsync(_sqlite.Open(_key), "Sales", "Support");
        await _postgres.Open(_key).SaveAsync(AccountStoreSandbox.Draft("SALES", Values("kept")), Secrets);

        var refused = await FlowsCommand.RunAsync(_sqlite.Home, WithKey(), "store", "copy", "--to", Url());
        var clash = await FlowsCommand.RunAsync(_sqlite.Home, WithKey(), "store", "copy", "--to", Url(), "--into-non-empty");

        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Error.ShouldContain($"{PostgresLocation} already holds 1 account; nothing was copied. Copy into an empty store, or add --into-non-empty");
        clash.ExitCode.ShouldBe(1, clash.ToString());
        clash.Error.ShouldContain("salesforce already has an account labelled \"Sales\" there");
        clash.Error.ShouldContain("Nothing was copied");
        _postgres.Scalar("SELECT count(*) FROM accounts").ShouldBe(1, "not even Support, which clashes with nothing");
        _postgres.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(1);
        foreach (var run in new[] { refused, clash })
        {
            run.ToString().ShouldNotContain(PostgresCluster.SuperuserPassword);
        }
    }

    [Fact]
    public async Task Copy_OfSecretsUnderAKeyThisFlowsDoesNotHave_NamesTheirAccountsByLabel_AndExits1()
    {
        var theirKey = AccountStoreSandbox.NewKey();
        await SeedAsync(_sqlite.Open(theirKey), "Sales", "Support");

        var run = await FlowsCommand.RunAsync(_sqlite.Home, WithKey(_key), "store", "copy", "--to", Url());

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldContain($"2 accounts, 4 secrets, 1 sign-in copied from {_sqlite.DatabasePath} to {PostgresLocation}.");
        run.Error.ShouldContain($"the secrets of 2 accounts in {PostgresLocation} do not decrypt with the keys this flows has:");
        var theirKeyId = SecretKey.IdOf(Convert.FromBase64String(theirKey));
        run.Error.ShouldContain($"\"Sales\" (salesforce): no key with id {theirKeyId} is at hand");
        run.Error.ShouldContain($"\"Support\" (salesforce): no key with id {theirKeyId} is at hand");
        run.Error.ShouldContain("FLOWS_SECRET_KEY_PREVIOUS");
        foreach (var secret in new[] { "secret-Sales", "secret-Support", "access-Support", theirKey, _key, PostgresCluster.SuperuserPassword })
        {
            run.ToString().ShouldNotContain(secret);
        }

        _postgres.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(4, "copied as they were");
    }

    [Fact]
    public async Task Copy_IntoTheStoreItCopiesFrom_IsRefused()
    {
        await SeedAsync(_sqlite.Open(_key), "Sales");
        var configuredPostgres = new Dictionary<string, string>(WithKey()) { ["FLOWS_STORE"] = Url() };
        await FlowsCommand.RunAsync(_sqlite.Home, WithKey(), "store", "copy", "--to", Url());

        var toDefault = await FlowsCommand.RunAsync(_sqlite.Home, WithKey(), "store", "copy", "--to", "default");
        var sameFile = await FlowsCommand.RunAsync(_sqlite.Home, WithKey(), "store", "copy", "--from", _sqlite.DatabasePath, "--to", Path.Combine(_sqlite.Home, ".", "accounts.db"));
        var sameDatabase = await FlowsCommand.RunAsync(_sqlite.Home, configuredPostgres, "store", "copy", "--to", _postgres.PostgresAddress!);

        toDefault.ExitCode.ShouldBe(1, toDefault.ToString());
        toDefault.Error.ShouldContain($"{_sqlite.DatabasePath} is both the source and the target of the copy; nothing was copied.");
        sameFile.ExitCode.ShouldBe(1, sameFile.ToString());
        sameFile.Error.ShouldContain("is both the source and the target");
        sameDatabase.ExitCode.ShouldBe(1, sameDatabase.ToString());
        sameDatabase.Error.ShouldContain($"{PostgresLocation} is both the source and the target of the copy; nothing was copied.");
        sameDatabase.ToString().ShouldNotContain(PostgresCluster.SuperuserPassword);
        _sqlite.Scalar("SELECT count(*) FROM accounts").ShouldBe(1);
        _postgres.Scalar("SELECT count(*) FROM accounts").ShouldBe(1);
    }

    [Fact]
    public async Task Copy_ToAnAddressWithAWrongPasswordOrNoDatabase_SaysWhatIsWrong_WithoutThePassword()
    {
        await SeedAsync(_sqlite.Open(_key), "Sales");
        const string Wrong = "Not-The-Password-42";

        var refused = await FlowsCommand.RunAsync(_sqlite.Home, WithKey(), "store", "copy", "--to", Url(Wrong));
        var noDatabase = await FlowsCommand.RunAsync(_sqlite.Home, WithKey(), "store", "copy", "--to", $"postgres://postgres:{Wrong}@127.0.0.1:5432/");

        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Error.ShouldContain($"The account store ({PostgresLocation}) refused the user and password in its address.");
        noDatabase.ExitCode.ShouldBe(2, noDatabase.ToString());
        noDatabase.Error.ShouldContain("--to: The PostgreSQL store's address names no database");
        foreach (var run in new[] { refused, noDatabase })
        {
            run.ToString().ShouldNotContain(Wrong);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _sqlite.Dispose();
        _postgres.Dispose();
    }

    private static JsonObject Values(string password) => new() { ["username"] = "ada", ["password"] = password };

    // An account per label (password "secret-<label>"); the last one signed in with OAuth tokens. Closes every SQLite connection.
    private static async Task SeedAsync(AccountStore store, params string[] labels)
    {
        foreach (var label in labels)
        {
            var draft = AccountStoreSandbox.Draft(label, Values($"secret-{label}"));
            await store.SaveAsync(label == labels[^1] && labels.Length > 1 ? draft with { SignIn = Tokens(label) } : draft, Secrets);
        }

        SqliteConnection.ClearAllPools();
    }

    private static OAuthTokenSet Tokens(string label) => new()
    {
        AccessToken = $"access-{label}",
        RefreshToken = $"refresh-{label}",
        ExpiresAt = new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero),
        Identity = "ada@example.com",
        SignedInAt = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero),
    };

    // Every account as the store answers it, secrets and tokens decrypted: one line each.
    private static async Task<List<string>> SnapshotAsync(AccountStore store)
    {
        var lines = new List<string>();
        foreach (var summary in await store.ListAsync())
        {
            var account = (await store.GetAsync(summary.Id))!;
            var signIn = await store.GetSignInAsync(summary.Id);
            lines.Add(string.Join(
                " | ", account.Id, account.Label, account.Version, account.Status, account.CreatedAt.UtcTicks, account.GetValues().ToJsonString(),
                signIn is null ? "-" : $"{signIn.TokenVersion} {signIn.Tokens.AccessToken} {signIn.Tokens.RefreshToken} {signIn.Tokens.Identity} {signIn.Tokens.ExpiresAt?.UtcTicks}"));
        }

        SqliteConnection.ClearAllPools();
        return lines;
    }
}
