using System.Text;
using Flows.Host.OAuth;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Tests.Accounts;

/// <summary>The OAuth tokens an account keeps: stored, refreshed, cleared and deleted with it, always encrypted.</summary>
public abstract class AccountSignInTests(StoreKind kind) : StoreTests(kind)
{
    private static readonly string[] Secrets = ["/consumerSecret"];

    private static JsonObject Values(string consumerSecret = "consumer-secret") => new()
    {
        ["loginUrl"] = "https://login.salesforce.com",
        ["consumerKey"] = "3MVG9-key",
        ["consumerSecret"] = consumerSecret,
    };

    private OAuthTokenSet Tokens(string access = "access-1", string? refresh = "refresh-1", string identity = "ada@example.com") => new()
    {
        AccessToken = access,
        RefreshToken = refresh,
        ExpiresAt = Sandbox.Time.GetUtcNow().AddHours(2),
        Properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["instance_url"] = "https://example.my.salesforce.com",
            ["id"] = "https://login.salesforce.com/id/00D000000000001/005000000000001",
        },
        Identity = identity,
        SignedInAt = Sandbox.Time.GetUtcNow(),
    };

    private static AccountDraft SignedIn(string label, OAuthTokenSet tokens, JsonObject? values = null) =>
        AccountStoreSandbox.Draft(label, values ?? Values()) with { SignIn = tokens };

    [Fact]
    public async Task SaveWithSignIn_ThenGetSignIn_RoundTripsTheTokens_AndTheAccountShowsOnlyWhoSignedIn()
    {
        var store = Sandbox.Open();
        var tokens = Tokens();

        var saved = await store.SaveAsync(SignedIn("Sales", tokens), Secrets);
        var stored = await Sandbox.Open().GetSignInAsync(saved.Id);

        stored.ShouldNotBeNull();
        stored.TokenVersion.ShouldBe(1);
        stored.Tokens.AccessToken.ShouldBe("access-1");
        stored.Tokens.RefreshToken.ShouldBe("refresh-1");
        stored.Tokens.TokenType.ShouldBe("Bearer");
        stored.Tokens.ExpiresAt.ShouldBe(tokens.ExpiresAt);
        stored.Tokens.Identity.ShouldBe("ada@example.com");
        stored.Tokens.SignedInAt.ShouldBe(tokens.SignedInAt);
        stored.Tokens.Properties.ShouldBe(tokens.Properties, ignoreOrder: true);

        var shown = new AccountSignInInfo("ada@example.com", tokens.SignedInAt, tokens.ExpiresAt);
        saved.SignIn.ShouldBe(shown);
        var read = (await store.GetAsync(saved.Id))!;
        read.SignIn.ShouldBe(shown);
        read.ToSummary().SignIn.ShouldBe(shown);
        (await store.ListAsync()).Single().SignIn.ShouldBe(shown);
        (await store.FindByLabelAsync("salesforce", "sales"))!.SignIn.ShouldBe(shown);

        // Tokens are not form values: not in the values, not among the secrets a form shows as set.
        JsonNode.DeepEquals(read.GetValues(), Values()).ShouldBeTrue(read.GetValues().ToJsonString());
        read.SecretPointers.ShouldBe(["/consumerSecret"]);
        read.NonSecretValues.ToJsonString().ShouldNotContain("access-1");
        read.NonSecretValues.ToJsonString().ShouldNotContain("refresh-1");
    }

    [Fact]
    public async Task AnAccountWithoutSignIn_HasNoTokens_AndTheSummarySaysSo()
    {
        var store = Sandbox.Open();
        var saved = await store.SaveAsync(AccountStoreSandbox.Draft("Plain", Values()), Secrets);

        saved.SignIn.ShouldBeNull();
        (await store.GetAsync(saved.Id))!.SignIn.ShouldBeNull();
        (await store.ListAsync()).Single().SignIn.ShouldBeNull();
        (await store.GetSignInAsync(saved.Id)).ShouldBeNull();
        (await store.GetSignInAsync(Guid.NewGuid().ToString())).ShouldBeNull();
        (await store.GetSignInAsync("not-an-id")).ShouldBeNull();
    }

    [Fact]
    public async Task TokensAsAnAccountsOnlySecrets_GetAKeyMadeForThem()
    {
        var values = new JsonObject { ["loginUrl"] = "https://login.salesforce.com", ["consumerKey"] = "3MVG9-key" };

        var saved = await Sandbox.Open().SaveAsync(SignedIn("Sales", Tokens(), values), Secrets);

        File.Exists(Sandbox.KeyFile).ShouldBeTrue();
        (await Sandbox.Open().GetSignInAsync(saved.Id))!.Tokens.RefreshToken.ShouldBe("refresh-1");
        (await Sandbox.Open().GetAsync(saved.Id))!.SecretPointers.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnEdit_WithoutSignIn_KeepsTheTokens_AndRewritesOnlyTheFormSecrets()
    {
        var store = Sandbox.Open();
        var first = await store.SaveAsync(SignedIn("Sales", Tokens()), Secrets);

        var edited = await store.SaveAsync(
            AccountStoreSandbox.Draft("Sales EU", Values("new-consumer-secret"), id: first.Id, version: first.Version), Secrets);

        edited.SignIn.ShouldBe(first.SignIn, "the saved account says it is still signed in");
        var stored = (await store.GetSignInAsync(first.Id))!;
        stored.TokenVersion.ShouldBe(1);
        stored.Tokens.RefreshToken.ShouldBe("refresh-1");
        stored.Tokens.AccessToken.ShouldBe("access-1");
        var read = (await store.GetAsync(first.Id))!;
        read.Label.ShouldBe("Sales EU");
        read.GetValues()["consumerSecret"]!.GetValue<string>().ShouldBe("new-consumer-secret");
        read.SignIn.ShouldBe(first.SignIn);

        // An edit that drops the form's secrets still leaves the tokens alone.
        await store.SaveAsync(AccountStoreSandbox.Draft("Sales EU", [], id: first.Id, version: edited.Version), Secrets);
        (await store.GetSignInAsync(first.Id))!.Tokens.RefreshToken.ShouldBe("refresh-1");
        (await store.GetAsync(first.Id))!.SecretPointers.ShouldBeEmpty();
    }

    [Fact]
    public async Task ASignInOnAnEdit_ReplacesTheTokens_AndTheirVersionMovesOn()
    {
        var store = Sandbox.Open();
        var first = await store.SaveAsync(SignedIn("Sales", Tokens()), Secrets);
        Sandbox.Time.Advance(TimeSpan.FromDays(1));

        var again = await store.SaveAsync(
            AccountStoreSandbox.Draft("Sales", Values(), id: first.Id, version: first.Version) with
            {
                SignIn = Tokens("access-2", refresh: null, identity: "grace@example.com"),
            },
            Secrets);

        var stored = (await store.GetSignInAsync(first.Id))!;
        stored.TokenVersion.ShouldBe(2);
        stored.Tokens.AccessToken.ShouldBe("access-2");
        stored.Tokens.RefreshToken.ShouldBeNull("the new sign-in gave no refresh token, and the old one is not kept");
        stored.Tokens.Identity.ShouldBe("grace@example.com");
        again.SignIn!.SignedInAt.ShouldBe(Sandbox.Time.GetUtcNow());
        (await store.ListAsync()).Single().SignIn!.Identity.ShouldBe("grace@example.com");
        Sandbox.Scalar($"SELECT count(*) FROM account_secrets WHERE account_id = '{first.Id}'").ShouldBe(2, "the consumer secret and one token");
    }

    [Fact]
    public async Task ReplaceTokens_From50ConcurrentCallers_StoresExactlyOneSetPerExpectedVersion()
    {
        var key = AccountStoreSandbox.NewKey();
        var stores = new[] { Sandbox.Open(key), Sandbox.Open(key) };
        var account = await stores[0].SaveAsync(SignedIn("Sales", Tokens()), Secrets);

        // 50 refreshes of the same tokens: one stores its rotated refresh token, the others find it done.
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            stores[i % 2].ReplaceTokensAsync(account.Id, 1, Tokens($"access-{i}", $"rotated-{i}")))));

        results.Count(r => r).ShouldBe(1);
        var winner = Array.IndexOf(results, true);
        var stored = (await stores[1].GetSignInAsync(account.Id))!;
        stored.TokenVersion.ShouldBe(2);
        stored.Tokens.RefreshToken.ShouldBe($"rotated-{winner}");
        stored.Tokens.AccessToken.ShouldBe($"access-{winner}");

        // 50 callers each refreshing from what they read until theirs is stored: every version is won once.
        var won = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            while (true)
            {
                var current = (await stores[i % 2].GetSignInAsync(account.Id))!;
                if (await stores[i % 2].ReplaceTokensAsync(account.Id, current.TokenVersion, Tokens($"access-round-{i}", $"rotated-round-{i}")))
                {
                    return current.TokenVersion;
                }
            }
        })));

        won.Distinct().Count().ShouldBe(50);
        won.Order().ShouldBe(Enumerable.Range(2, 50).Select(v => (long)v));
        (await stores[0].GetSignInAsync(account.Id))!.TokenVersion.ShouldBe(52);
        (await stores[0].GetAsync(account.Id))!.Version.ShouldBe(account.Version, "a refresh is not an edit");
    }

    [Fact]
    public async Task ReplaceTokens_KeepsTheAccountVersion_SoAFormOpenedBeforeTheRefreshStillSaves()
    {
        var store = Sandbox.Open();
        var opened = await store.SaveAsync(SignedIn("Sales", Tokens()), Secrets);

        (await store.ReplaceTokensAsync(opened.Id, 1, Tokens("access-2", "refresh-2"))).ShouldBeTrue();
        var read = (await store.GetAsync(opened.Id))!;
        read.Version.ShouldBe(opened.Version);
        read.UpdatedAt.ShouldBe(opened.UpdatedAt);

        var saved = await store.SaveAsync(AccountStoreSandbox.Draft("Sales renamed", Values(), id: opened.Id, version: opened.Version), Secrets);

        saved.Version.ShouldBe(opened.Version + 1);
        (await store.GetSignInAsync(opened.Id))!.Tokens.RefreshToken.ShouldBe("refresh-2");
    }

    [Fact]
    public async Task ReplaceTokens_FromBeforeASignOutOrANewSignIn_OrOnAGoneAccount_ChangesNothing()
    {
        var store = Sandbox.Open();
        var account = await store.SaveAsync(SignedIn("Sales", Tokens()), Secrets);

        (await store.ClearTokensAsync(account.Id)).ShouldBeTrue();
        (await store.ReplaceTokensAsync(account.Id, 1, Tokens("stale", "stale"))).ShouldBeFalse("the account was signed out");
        (await store.ReplaceTokensAsync(account.Id, 2, Tokens("stale", "stale"))).ShouldBeFalse("a signed-out account has no set at any version");
        (await store.GetSignInAsync(account.Id)).ShouldBeNull();

        await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values(), id: account.Id, version: account.Version) with { SignIn = Tokens("fresh", "fresh") }, Secrets);
        (await store.ReplaceTokensAsync(account.Id, 1, Tokens("stale", "stale"))).ShouldBeFalse("a refresh read before the new sign-in");
        (await store.ReplaceTokensAsync(account.Id, 0, Tokens("stale", "stale"))).ShouldBeFalse("a caller that found no tokens, before the new sign-in");
        var stored = (await store.GetSignInAsync(account.Id))!;
        stored.Tokens.RefreshToken.ShouldBe("fresh");
        stored.TokenVersion.ShouldBe(3);

        (await store.DeleteAsync(account.Id)).ShouldBeTrue();
        (await store.ReplaceTokensAsync(account.Id, 3, Tokens())).ShouldBeFalse();
        (await store.ReplaceTokensAsync(account.Id, 0, Tokens())).ShouldBeFalse();
        Sandbox.Scalar("SELECT count(*) FROM account_sign_ins").ShouldBe(0);
        Sandbox.Scalar("SELECT count(*) FROM accounts").ShouldBe(0);
    }

    [Fact]
    public async Task ReplaceTokens_FromNone_StoresTheFirstTokensOfAnAccountWithoutAny_ForOneOf50Callers()
    {
        var store = Sandbox.Open();
        var account = await store.SaveAsync(AccountStoreSandbox.Draft("Server to server", Values()), Secrets);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            store.ReplaceTokensAsync(account.Id, 0, Tokens($"obtained-{i}", refresh: null)))));

        results.Count(r => r).ShouldBe(1);
        var stored = (await store.GetSignInAsync(account.Id))!;
        stored.TokenVersion.ShouldBe(1);
        stored.Tokens.AccessToken.ShouldBe($"obtained-{Array.IndexOf(results, true)}");
        stored.Tokens.RefreshToken.ShouldBeNull();
        var read = (await store.GetAsync(account.Id))!;
        read.Version.ShouldBe(account.Version, "storing tokens is not an edit");
        read.SignIn!.Identity.ShouldBe("ada@example.com");

        // After a sign-out there are none again, and the next tokens go on from the versions already used.
        (await store.ClearTokensAsync(account.Id)).ShouldBeTrue();
        (await store.ReplaceTokensAsync(account.Id, 0, Tokens("obtained-again", refresh: null))).ShouldBeTrue();
        (await store.GetSignInAsync(account.Id))!.TokenVersion.ShouldBe(3);
    }

    [Fact]
    public async Task ClearTokens_RemovesTheTokensAndWhoSignedIn_AndKeepsTheAccountAsItWas()
    {
        var store = Sandbox.Open();
        var account = await store.SaveAsync(SignedIn("Sales", Tokens()), Secrets);

        (await store.ClearTokensAsync(account.Id)).ShouldBeTrue();
        (await store.ClearTokensAsync(account.Id)).ShouldBeFalse();
        (await store.ClearTokensAsync(Guid.NewGuid().ToString())).ShouldBeFalse();

        (await store.GetSignInAsync(account.Id)).ShouldBeNull();
        var read = (await store.GetAsync(account.Id))!;
        read.SignIn.ShouldBeNull();
        read.Version.ShouldBe(account.Version);
        read.GetValues()["consumerSecret"]!.GetValue<string>().ShouldBe("consumer-secret");
        (await store.ListAsync()).Single().SignIn.ShouldBeNull();
        Sandbox.Scalar("SELECT count(*) FROM account_secrets WHERE substr(pointer, 1, 1) <> '/'").ShouldBe(0);
        Sandbox.Scalar("SELECT count(*) FROM account_sign_ins").ShouldBe(0);
    }

    [Fact]
    public async Task Delete_RemovesTheTokensWithTheAccount()
    {
        var store = Sandbox.Open();
        var account = await store.SaveAsync(SignedIn("Sales", Tokens()), Secrets);
        var other = await store.SaveAsync(SignedIn("Other", Tokens("other-access", "other-refresh")), Secrets);

        (await store.DeleteAsync(account.Id, account.Version)).ShouldBeTrue();

        (await store.GetSignInAsync(account.Id)).ShouldBeNull();
        Sandbox.Scalar($"SELECT count(*) FROM account_secrets WHERE account_id = '{account.Id}'").ShouldBe(0);
        Sandbox.Scalar($"SELECT count(*) FROM account_sign_ins WHERE account_id = '{account.Id}'").ShouldBe(0);
        (await store.GetSignInAsync(other.Id))!.Tokens.RefreshToken.ShouldBe("other-refresh");
    }

    [Fact]
    public async Task Replaces_DeletesTheOldAccountInTheSameSave_AndTheNewOneTakesItsLabel()
    {
        var store = Sandbox.Open();
        var soap = await store.SaveAsync(
            AccountStoreSandbox.Draft("Sales", new JsonObject { ["username"] = "ada", ["password"] = "soap-password" }, accountTypeId: "salesforce.password"),
            ["/password"]);

        var oauth = await store.SaveAsync(
            SignedIn("Sales", Tokens()) with { Replaces = new AccountReplacement(soap.Id.ToUpperInvariant(), soap.Version) }, Secrets);

        oauth.Id.ShouldNotBe(soap.Id);
        oauth.Label.ShouldBe("Sales");
        oauth.AccountTypeId.ShouldBe("salesforce.oauth");
        (await store.GetAsync(soap.Id)).ShouldBeNull();
        (await store.FindByLabelAsync("salesforce", "Sales"))!.Id.ShouldBe(oauth.Id);
        (await store.ListAsync()).Select(a => a.Id).ShouldBe([oauth.Id]);
        Sandbox.Scalar($"SELECT count(*) FROM account_secrets WHERE account_id = '{soap.Id}'").ShouldBe(0);
        (await store.GetSignInAsync(oauth.Id))!.Tokens.RefreshToken.ShouldBe("refresh-1");
    }

    [Fact]
    public async Task Replaces_AnAccountChangedOrDeletedSinceItWasRead_IsRefused_AndNothingChanges()
    {
        var store = Sandbox.Open();
        var soap = await store.SaveAsync(
            AccountStoreSandbox.Draft("Sales", new JsonObject { ["username"] = "ada", ["password"] = "soap-password" }, accountTypeId: "salesforce.password"),
            ["/password"]);
        var changed = await store.SaveAsync(
            AccountStoreSandbox.Draft("Sales", new JsonObject { ["username"] = "grace", ["password"] = "newer" }, accountTypeId: "salesforce.password", id: soap.Id, version: soap.Version),
            ["/password"]);

        var error = await Should.ThrowAsync<AccountChangedException>(() => store.SaveAsync(
            SignedIn("Sales", Tokens()) with { Replaces = new AccountReplacement(soap.Id, soap.Version) }, Secrets));

        error.AccountId.ShouldBe(soap.Id);
        error.CurrentVersion.ShouldBe(changed.Version);
        var kept = (await store.GetAsync(soap.Id))!;
        kept.Version.ShouldBe(changed.Version);
        kept.GetValues()["password"]!.GetValue<string>().ShouldBe("newer");
        (await store.ListAsync()).Count.ShouldBe(1);
        Sandbox.Scalar("SELECT count(*) FROM account_sign_ins").ShouldBe(0);
        Sandbox.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(1);

        await store.DeleteAsync(soap.Id);
        await Should.ThrowAsync<AccountNotFoundException>(() => store.SaveAsync(
            SignedIn("Sales", Tokens()) with { Replaces = new AccountReplacement(soap.Id, changed.Version) }, Secrets));
        (await store.ListAsync()).ShouldBeEmpty();

        await Should.ThrowAsync<ArgumentException>(() => store.SaveAsync(
            AccountStoreSandbox.Draft("Sales", Values(), id: soap.Id, version: 1) with { Replaces = new AccountReplacement(Guid.NewGuid().ToString(), 1) }, Secrets));
    }

    [Fact]
    public async Task Rotation_ReencryptsTheTokens_AndTheOldKeyIsNoLongerNeeded()
    {
        var store = Sandbox.Open();
        var account = await store.SaveAsync(SignedIn("Sales", Tokens()), Secrets);
        var oldKey = (await File.ReadAllTextAsync(Sandbox.KeyFile)).Trim();

        var result = await Sandbox.Open().RotateKeyAsync();

        result.Reencrypted.ShouldBe(3, "the consumer secret, the access token and the refresh token");
        result.Unreadable.ShouldBe(0);
        result.RemovedKeyIds.Count.ShouldBe(1);
        Directory.GetFiles(Sandbox.KeyDirectory).ShouldBe([Sandbox.KeyFile], "the retired key is removed once nothing uses it");
        Sandbox.Scalar($"SELECT count(*) FROM account_secrets WHERE key_id <> '{result.KeyId}'").ShouldBe(0);
        var stored = (await store.GetSignInAsync(account.Id))!;
        stored.Tokens.AccessToken.ShouldBe("access-1");
        stored.Tokens.RefreshToken.ShouldBe("refresh-1");
        stored.TokenVersion.ShouldBe(1, "re-encrypting is not a new set of tokens");

        File.Move(Sandbox.KeyFile, Path.Combine(Sandbox.Root, "new.key"));
        var error = await Should.ThrowAsync<AccountTokensUnavailableException>(() => Sandbox.Open(oldKey).GetSignInAsync(account.Id));
        error.AccountId.ShouldBe(account.Id);
        error.Message.ShouldContain("is not available (key id ");
        error.Message.ShouldContain("Sign in again");
    }

    [Fact]
    public async Task ATokenSetWithATokenAmongItsProperties_IsRefused_WithoutQuotingIt()
    {
        var store = Sandbox.Open();
        var withIdToken = Tokens() with { Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["id_token"] = "eyJ-id-token" } };
        var withCopy = Tokens() with { Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["signature"] = "refresh-1" } };

        var named = await Should.ThrowAsync<ArgumentException>(() => store.SaveAsync(SignedIn("Sales", withIdToken), Secrets));
        var copied = await Should.ThrowAsync<ArgumentException>(() => store.SaveAsync(SignedIn("Sales", withCopy), Secrets));

        named.Message.ShouldContain("'id_token' is a token");
        named.Message.ShouldNotContain("eyJ-id-token");
        copied.Message.ShouldContain("'signature' holds one of its tokens");
        copied.Message.ShouldNotContain("refresh-1");
        (await store.ListAsync()).ShouldBeEmpty();

        var account = await store.SaveAsync(SignedIn("Sales", Tokens()), Secrets);
        await Should.ThrowAsync<ArgumentException>(() => store.ReplaceTokensAsync(account.Id, 1, withIdToken));
        (await store.GetSignInAsync(account.Id))!.TokenVersion.ShouldBe(1);
    }

    [Fact]
    public async Task TokensThatDoNotDecrypt_AreAClearProblem_NeverAHalfReadSet_AndTheValuesStillRead()
    {
        var store = Sandbox.Open();
        var account = await store.SaveAsync(SignedIn("Sales", Tokens()), Secrets);
        // The access token's ciphertext under the refresh token's name: bound to its name, it does not decrypt.
        Sandbox.Execute("""
            UPDATE account_secrets SET (nonce, ciphertext, tag) =
                (SELECT nonce, ciphertext, tag FROM account_secrets WHERE pointer = 'oauth:access_token')
            WHERE pointer = 'oauth:refresh_token'
            """).ShouldBe(1);

        var error = await Should.ThrowAsync<AccountTokensUnavailableException>(() => store.GetSignInAsync(account.Id));

        error.AccountId.ShouldBe(account.Id);
        error.Message.ShouldContain("'Sales'");
        error.Message.ShouldContain("could not be decrypted");
        error.Message.ShouldNotContain("access-1");
        var read = (await store.GetAsync(account.Id))!;
        read.SecretsAvailable.ShouldBeTrue("the form's own secrets are intact");
        read.GetValues()["consumerSecret"]!.GetValue<string>().ShouldBe("consumer-secret");

        // Signing in again puts working tokens in place.
        await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values(), id: account.Id, version: account.Version) with { SignIn = Tokens("access-2", "refresh-2") }, Secrets);
        (await store.GetSignInAsync(account.Id))!.Tokens.RefreshToken.ShouldBe("refresh-2");
    }

    public sealed class OnPostgres() : AccountSignInTests(StoreKind.Postgres)
    {
        [Fact]
        public async Task CanaryTokens_AreNeitherInTheDatabaseNorTheLog_WhileWhoSignedInIs()
        {
            var access = $"CANARY-access-{Guid.NewGuid():N}";
            var refresh = $"CANARY-refresh-{Guid.NewGuid():N}";
            var rotated = $"CANARY-rotated-{Guid.NewGuid():N}";
            var clientSecret = $"CANARY-client-secret-{Guid.NewGuid():N}";
            var identity = $"ada-{Guid.NewGuid():N}@example.com";
            var instance = $"https://{Guid.NewGuid():N}.my.salesforce.com";
            using var log = new CapturedLog();
            using var loggers = new LoggerFactory([log]);
            var store = new AccountStore(
                new AccountStoreOptions { DatabasePath = Sandbox.DatabasePath, Store = Sandbox.PostgresAddress, KeyDirectory = Sandbox.KeyDirectory },
                Sandbox.Time,
                loggers.CreateLogger<AccountStore>());

            var tokens = Tokens(access, refresh, identity) with
            {
                Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["instance_url"] = instance },
            };
            var account = await store.SaveAsync(SignedIn("Canary", tokens, Values(clientSecret)), Secrets);
            (await store.ReplaceTokensAsync(account.Id, 1, tokens with { RefreshToken = rotated })).ShouldBeTrue();
            (await store.GetSignInAsync(account.Id))!.Tokens.RefreshToken.ShouldBe(rotated);
            var beforeRotation = Sandbox.EveryRowAsText();
            await store.RotateKeyAsync();
            var afterRotation = Sandbox.EveryRowAsText();
            await store.ClearTokensAsync(account.Id);

            var canary = new SecretCanary();
            canary.Add([beforeRotation, afterRotation, Sandbox.EveryRowAsText()]);
            canary.Add(log.Entries.Select(e => e.ToString()));
            canary.Add([account.NonSecretValues.ToJsonString(), account.SignIn!.ToString(), (await store.ListAsync()).Single().ToString()]);

            foreach (var secret in new[] { access, refresh, rotated, clientSecret })
            {
                canary.ShouldNotContainAny(secret);
                foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
                {
                    // Binary columns are dumped in hex.
                    canary.ShouldNotContainAny(Convert.ToHexStringLower(encoding.GetBytes(secret)));
                }
            }

            canary.ShouldNotContainAny("CANARY-");

            // The same dump holds what is stored in clear, and the tokens' rows, so it would have found a token.
            canary.Seen.ShouldContain(s => s.Contains(identity, StringComparison.Ordinal));
            canary.Seen.ShouldContain(s => s.Contains(instance, StringComparison.Ordinal));
            beforeRotation.ShouldContain("oauth:refresh_token");
        }
    }

    public sealed class OnSqlite() : AccountSignInTests(StoreKind.Sqlite)
    {
        [Fact]
        public async Task BackupAndRestore_KeepTheTokens_AndARestoreRefusesABackupWhoseTokensDoNotDecrypt()
        {
            var key = AccountStoreSandbox.NewKey();
            var store = Sandbox.Open(key);
            var account = await store.SaveAsync(SignedIn("Sales", Tokens()), Secrets);
            var backupFile = Path.Combine(Sandbox.Root, "accounts.backup");
            await store.BackupAsync(backupFile);
            await store.ClearTokensAsync(account.Id);

            // Into a store with another key: the backup's key is given, and the tokens come back under the store's.
            var restoredStore = Sandbox.Open(AccountStoreSandbox.NewKey());
            var restore = await restoredStore.RestoreAsync(backupFile, [key], _ => true);

            restore.ShouldNotBeNull().Reencrypted.ShouldBe(3, "the consumer secret and both tokens");
            var stored = (await restoredStore.GetSignInAsync(account.Id))!;
            stored.Tokens.AccessToken.ShouldBe("access-1");
            stored.Tokens.RefreshToken.ShouldBe("refresh-1");
            stored.Tokens.Properties["instance_url"].ShouldBe("https://example.my.salesforce.com");
            (await restoredStore.ListAsync()).Single().SignIn!.Identity.ShouldBe("ada@example.com");

            // A backup whose refresh token was changed is refused before anything is replaced.
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={backupFile};Pooling=False"))
            {
                connection.Open();
                using var tamper = connection.CreateCommand();
                tamper.CommandText = "UPDATE account_secrets SET ciphertext = zeroblob(length(ciphertext)) WHERE pointer NOT LIKE '/%' AND pointer LIKE '%refresh%'";
                tamper.ExecuteNonQuery().ShouldBe(1);
            }

            var refused = await Should.ThrowAsync<AccountStoreException>(() => restoredStore.RestoreAsync(backupFile, [key], _ => true));
            refused.Message.ShouldContain("do not decrypt");
            (await restoredStore.GetSignInAsync(account.Id))!.Tokens.RefreshToken.ShouldBe("refresh-1", "nothing was changed");
        }

        [Fact]
        public async Task CanaryTokens_AreNeitherInTheDatabaseNorItsWalNorABackupNorTheLog_WhileWhoSignedInIs()
        {
            var access = $"CANARY-access-{Guid.NewGuid():N}";
            var refresh = $"CANARY-refresh-{Guid.NewGuid():N}";
            var rotated = $"CANARY-rotated-{Guid.NewGuid():N}";
            var clientSecret = $"CANARY-client-secret-{Guid.NewGuid():N}";
            var identity = $"ada-{Guid.NewGuid():N}@example.com";
            var instance = $"https://{Guid.NewGuid():N}.my.salesforce.com";
            using var log = new CapturedLog();
            using var loggers = new LoggerFactory([log]);
            var store = new AccountStore(
                new AccountStoreOptions { DatabasePath = Sandbox.DatabasePath, KeyDirectory = Sandbox.KeyDirectory },
                Sandbox.Time,
                loggers.CreateLogger<AccountStore>());

            var tokens = Tokens(access, refresh, identity) with
            {
                Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["instance_url"] = instance },
            };
            var account = await store.SaveAsync(SignedIn("Canary", tokens, Values(clientSecret)), Secrets);
            (await store.ReplaceTokensAsync(account.Id, 1, tokens with { RefreshToken = rotated })).ShouldBeTrue();
            (await store.GetSignInAsync(account.Id))!.Tokens.RefreshToken.ShouldBe(rotated);
            var backupFile = Path.Combine(Sandbox.Root, "canary.backup");
            await store.BackupAsync(backupFile);
            await store.RotateKeyAsync();
            await store.ClearTokensAsync(account.Id);

            var database = AccountStoreSandbox.ReadShared(Sandbox.DatabasePath);
            var wal = AccountStoreSandbox.ReadShared(Sandbox.DatabasePath + "-wal");
            var backup = AccountStoreSandbox.ReadShared(backupFile);
            wal.Length.ShouldBeGreaterThan(0, "the fresh writes are still in the write-ahead log");
            var canary = new SecretCanary();
            foreach (var bytes in new[] { database, wal, backup })
            {
                canary.Add([Encoding.Latin1.GetString(bytes)]); // one character per byte: every encoding below is found as it is
            }

            canary.Add(log.Entries.Select(e => e.ToString()));
            canary.Add([account.NonSecretValues.ToJsonString(), account.SignIn!.ToString(), (await store.ListAsync()).Single().ToString()]);

            foreach (var secret in new[] { access, refresh, rotated, clientSecret })
            {
                foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
                {
                    canary.ShouldNotContainAny(Encoding.Latin1.GetString(encoding.GetBytes(secret)));
                }
            }

            canary.ShouldNotContainAny("CANARY-");

            // The same scan finds what is stored in clear, so it would have found a token.
            canary.Seen.ShouldContain(s => s.Contains(identity, StringComparison.Ordinal));
            canary.Seen.ShouldContain(s => s.Contains(instance, StringComparison.Ordinal));
        }

        [Fact]
        public async Task ADatabaseFromBeforeSignIns_Migrates_AndItsAccountsCanSignIn()
        {
            var key = AccountStoreSandbox.NewKey();
            using (var connection = Sandbox.Raw())
            using (var command = connection.CreateCommand())
            {
                // The store's schema at version 2 (migration steps 1 and 2), with one account and no secrets.
                command.CommandText = OldSqliteSchemas.Step1 + """
                    ALTER TABLE accounts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
                    INSERT INTO accounts VALUES ('8d2f7c3e-1111-4a4a-9b9b-000000000003', 'salesforce.password', 'salesforce', '1.0.0', 'sha256:00',
                        'Old', 'old', '{"username":"ada"}', 'valid', 'ada', '2026-01-01T00:00:00.0000000+00:00',
                        '2026-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00', 4);
                    PRAGMA user_version = 2;
                    """;
                command.ExecuteNonQuery();
            }

            var store = Sandbox.Open(key);
            var old = (await store.GetAsync("8d2f7c3e-1111-4a4a-9b9b-000000000003"))!;

            Sandbox.Scalar("PRAGMA user_version").ShouldBe(4);
            old.Version.ShouldBe(4);
            old.Status.Kind.ShouldBe(AccountStatusKind.Valid);
            old.SignIn.ShouldBeNull();
            (await store.ListAsync()).Single().SignIn.ShouldBeNull();
            (await store.GetSignInAsync(old.Id)).ShouldBeNull();

            var oauth = await store.SaveAsync(SignedIn("Old", Tokens()) with { Replaces = new AccountReplacement(old.Id, old.Version) }, Secrets);
            (await store.GetSignInAsync(oauth.Id))!.TokenVersion.ShouldBe(1);
            (await store.ReplaceTokensAsync(oauth.Id, 1, Tokens("access-2", "refresh-2"))).ShouldBeTrue();
            (await Sandbox.Open(key).FindByLabelAsync("salesforce", "old"))!.SignIn!.Identity.ShouldBe("ada@example.com");
        }
    }
}
