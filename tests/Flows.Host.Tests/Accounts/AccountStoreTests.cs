using System.Text;
using Flows.Host.Store.PostgreSql;

namespace Flows.Host.Tests.Accounts;

public abstract class AccountStoreTests(StoreKind kind) : StoreTests(kind)
{
    private static readonly string[] SecretPointers = ["/password", "/tokens/-/value"];


    private static JsonObject SampleValues(string password = "hunter2") => new()
    {
        ["username"] = "ada@example.com",
        ["password"] = password,
        ["instance"] = new JsonObject { ["url"] = "https://example.my.salesforce.com", ["sandbox"] = false },
        ["tokens"] = new JsonArray(
            new JsonObject { ["name"] = "first", ["value"] = "token-one" },
            new JsonObject { ["name"] = "second", ["value"] = "token-two" }),
    };

    [Fact]
    public async Task Save_ThenGet_RoundTripsTheValuesWithTheSecretsDecrypted()
    {
        var store = Sandbox.Open();
        var values = SampleValues();

        var saved = await store.SaveAsync(AccountStoreSandbox.Draft("  Sales  ", values), SecretPointers);
        var read = await Sandbox.Open().GetAsync(saved.Id);

        read.ShouldNotBeNull();
        Guid.TryParse(read.Id, out _).ShouldBeTrue();
        read.Label.ShouldBe("Sales");
        read.AccountTypeId.ShouldBe("salesforce.oauth");
        read.PluginId.ShouldBe("salesforce");
        read.PluginVersion.ShouldBe("1.2.3");
        read.SchemaVersion.ShouldStartWith("sha256:");
        read.Status.ShouldBe(AccountStatus.NotValidated);
        read.CreatedAt.ShouldBe(Sandbox.Time.GetUtcNow());
        read.UpdatedAt.ShouldBe(Sandbox.Time.GetUtcNow());
        read.SecretsAvailable.ShouldBeTrue();
        JsonNode.DeepEquals(read.GetValues(), values).ShouldBeTrue(read.GetValues().ToJsonString());
        read.SecretPointers.ShouldBe(["/password", "/tokens/0/value", "/tokens/1/value"]);
        read.NonSecretValues.ContainsKey("password").ShouldBeFalse();
        read.NonSecretValues.ToJsonString().ShouldNotContain("token-one");
        read.NonSecretValues["tokens"]![0]!["name"]!.GetValue<string>().ShouldBe("first");
        values["password"]!.GetValue<string>().ShouldBe("hunter2", "the caller's object is not changed");
    }

    [Fact]
    public async Task Update_KeepsTheCreationTime_AndReplacesTheValuesAndSecrets()
    {
        var store = Sandbox.Open();
        var first = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", SampleValues()), SecretPointers);
        Sandbox.Time.Advance(TimeSpan.FromMinutes(5));

        var changed = new JsonObject { ["username"] = "grace@example.com", ["password"] = "new-password" };
        await store.SaveAsync(AccountStoreSandbox.Draft("Sales EU", changed, id: first.Id.ToUpperInvariant(), version: first.Version) with
        {
            Status = AccountStatus.Valid("grace@example.com", Sandbox.Time.GetUtcNow()),
        }, SecretPointers);

        var read = (await store.GetAsync(first.Id))!;
        read.Label.ShouldBe("Sales EU");
        read.CreatedAt.ShouldBe(first.CreatedAt);
        read.UpdatedAt.ShouldBe(first.CreatedAt.AddMinutes(5));
        read.Status.Kind.ShouldBe(AccountStatusKind.Valid);
        read.Status.Detail.ShouldBe("grace@example.com");
        JsonNode.DeepEquals(read.GetValues(), changed).ShouldBeTrue();
        read.SecretPointers.ShouldBe(["/password"]);
        Sandbox.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(1);
        (await store.ListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Labels_AreUniquePerPlugin_TrimmedAndCaseInsensitive()
    {
        var store = Sandbox.Open();
        var sales = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", SampleValues()), SecretPointers);

        var duplicate = await Should.ThrowAsync<DuplicateAccountLabelException>(
            () => store.SaveAsync(AccountStoreSandbox.Draft(" sales ", SampleValues()), SecretPointers));

        duplicate.ExistingAccountId.ShouldBe(sales.Id);
        duplicate.ExistingLabel.ShouldBe("Sales");
        duplicate.Message.ShouldBe($"An account named 'Sales' already exists for salesforce (id {sales.Id}).");

        var other = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", SampleValues(), pluginId: "hubspot", accountTypeId: "hubspot.key"), SecretPointers);
        other.Label.ShouldBe("Sales");

        // An account may change the case of its own label.
        await store.SaveAsync(AccountStoreSandbox.Draft("SALES", SampleValues(), id: sales.Id, version: sales.Version), SecretPointers);
        (await store.FindByLabelAsync("salesforce", "  sales"))!.Id.ShouldBe(sales.Id);
        (await store.FindByLabelAsync("hubspot", "SALES"))!.Id.ShouldBe(other.Id);
        (await store.FindByLabelAsync("salesforce", "Marketing")).ShouldBeNull();
        (await store.ListAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Labels_AreComparedAfterCompatibilityNormalisation()
    {
        var store = Sandbox.Open();
        await store.SaveAsync(AccountStoreSandbox.Draft("Ｓａｌｅｓ", []), []); // full-width letters

        await Should.ThrowAsync<DuplicateAccountLabelException>(() => store.SaveAsync(AccountStoreSandbox.Draft("sales", []), []));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ABlankLabel_IsRefused(string label)
    {
        var store = Sandbox.Open();

        await Should.ThrowAsync<ArgumentException>(() => store.SaveAsync(AccountStoreSandbox.Draft(label, []), []));
        (await store.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task List_FiltersByAccountType_SortsByLabel_AndDecryptsNothing()
    {
        var store = Sandbox.Open();
        await store.SaveAsync(AccountStoreSandbox.Draft("beta", []), []);
        await store.SaveAsync(AccountStoreSandbox.Draft("Alpha", []), []);
        await store.SaveAsync(AccountStoreSandbox.Draft("Other", [], accountTypeId: "salesforce.password"), []);

        (await store.ListAsync("salesforce.oauth")).Select(a => a.Label).ShouldBe(["Alpha", "beta"]);
        (await store.ListAsync()).Count.ShouldBe(3);
        File.Exists(Sandbox.KeyFile).ShouldBeFalse("no key is made until a secret is stored");
    }

    [Fact]
    public async Task SetStatus_RecordsTheCheck_AndDelete_RemovesTheAccountAndItsSecrets()
    {
        var store = Sandbox.Open();
        var saved = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", SampleValues()), SecretPointers);
        var checkedAt = Sandbox.Time.GetUtcNow().AddMinutes(1);

        (await store.SetStatusAsync(saved.Id, AccountStatus.Invalid("The token was revoked.", checkedAt))).ShouldBeTrue();
        var status = (await store.ListAsync()).Single().Status;
        status.ShouldBe(AccountStatus.Invalid("The token was revoked.", checkedAt));

        (await store.SetStatusAsync(saved.Id, AccountStatus.Unavailable("Timed out.", checkedAt))).ShouldBeTrue();
        (await store.GetAsync(saved.Id))!.Status.Kind.ShouldBe(AccountStatusKind.Unavailable);

        (await store.DeleteAsync(saved.Id)).ShouldBeTrue();
        (await store.DeleteAsync(saved.Id)).ShouldBeFalse();
        (await store.SetStatusAsync(saved.Id, AccountStatus.NotValidated)).ShouldBeFalse();
        (await store.GetAsync(saved.Id)).ShouldBeNull();
        Sandbox.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(0);
        Sandbox.Scalar("SELECT count(*) FROM accounts").ShouldBe(0);
    }

    [Fact]
    public async Task ASecretPointerThatIsNotInTheValues_IsSimplyNotSet()
    {
        var store = Sandbox.Open();
        var saved = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", new JsonObject { ["username"] = "ada" }), SecretPointers);

        var read = (await store.GetAsync(saved.Id))!;
        read.SecretPointers.ShouldBeEmpty();
        read.GetValues().ToJsonString().ShouldBe("""{"username":"ada"}""");
    }

    [Fact]
    public async Task SecretListRows_AndSecretGroups_RoundTrip()
    {
        var store = Sandbox.Open();
        var values = new JsonObject
        {
            ["keys"] = new JsonArray("key-a", "key-b"),
            ["auth"] = new JsonObject { ["user"] = "ada", ["password"] = "pw" },
            ["odd/name~x"] = "tilde-and-slash",
        };

        var saved = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", values), ["/keys/-", "/auth", "/auth/password", "/odd~1name~0x"]);
        var read = (await Sandbox.Open().GetAsync(saved.Id))!;

        read.NonSecretValues.ToJsonString().ShouldBe("""{"keys":[null,null]}""");
        read.SecretPointers.ShouldBe(["/auth", "/keys/0", "/keys/1", "/odd~1name~0x"]);
        JsonNode.DeepEquals(read.GetValues(), values).ShouldBeTrue(read.GetValues().ToJsonString());
    }

    [Fact]
    public async Task TwoStoresOnOneFile_SavingConcurrently_LoseNothing()
    {
        var key = AccountStoreSandbox.NewKey();
        var stores = new[] { Sandbox.Open(key), Sandbox.Open(key) };

        await Task.WhenAll(stores.Select((store, writer) => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await store.SaveAsync(
                    AccountStoreSandbox.Draft($"writer {writer} account {i}", new JsonObject { ["n"] = i, ["password"] = $"secret {writer}/{i}" }),
                    SecretPointers);
            }
        })));

        var listed = await Sandbox.Open(key).ListAsync();
        listed.Count.ShouldBe(400);
        listed.ShouldAllBe(a => a.SecretsProblem == null);
        var sample = await stores[0].FindByLabelAsync("salesforce", "writer 1 account 199");
        sample!.GetValues()["password"]!.GetValue<string>().ShouldBe("secret 1/199");
    }

    [Fact]
    public async Task TheStore_RefusesALabelTheRuleRefuses_AndStoresNothing()
    {
        var store = Sandbox.Open();

        var error = await Should.ThrowAsync<ArgumentException>(() => store.SaveAsync(AccountStoreSandbox.Draft("Prod\u202Egnp", []), []));

        error.Message.ShouldContain("text-direction controls");
        (await store.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheStore_TreatsNfcAndNfdAsOneLabel()
    {
        var store = Sandbox.Open();
        await store.SaveAsync(AccountStoreSandbox.Draft("Caf\u00e9", new JsonObject()), []);

        await Should.ThrowAsync<DuplicateAccountLabelException>(() => store.SaveAsync(AccountStoreSandbox.Draft("Cafe\u0301", new JsonObject()), []));
        (await store.FindByLabelAsync("salesforce", "CAFE\u0301")).ShouldNotBeNull();
    }

    [Fact]
    public async Task TwoHundredConcurrentCreatesOfOneLabel_ThroughThreeStores_StoreOneAccount_AndRefuseTheOthersAsDuplicates()
    {
        var key = AccountStoreSandbox.NewKey();
        var stores = new[] { Sandbox.Open(key), Sandbox.Open(key), Sandbox.Open(key) };
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            start.Wait(TimeSpan.FromSeconds(30));
            try
            {
                return (Saved: await stores[i % 3].SaveAsync(AccountStoreSandbox.Draft(i % 2 == 0 ? "Sales" : " SALES ", SampleValues($"pw-{i}")), SecretPointers), Refused: (DuplicateAccountLabelException?)null);
            }
            catch (DuplicateAccountLabelException duplicate)
            {
                return (Saved: (Account?)null, Refused: duplicate);
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        var saved = outcomes.Where(o => o.Saved is not null).Select(o => o.Saved!).ToList();
        saved.Count.ShouldBe(1);
        var refused = outcomes.Where(o => o.Refused is not null).Select(o => o.Refused!).ToList();
        refused.Count.ShouldBe(199);
        refused.ShouldAllBe(r => r.ExistingAccountId == saved[0].Id);
        Sandbox.Scalar("SELECT count(*) FROM accounts").ShouldBe(1);
        Sandbox.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(3, "the winner's password and two tokens, nobody else's");
        var stored = (await Sandbox.Open(key).FindByLabelAsync("salesforce", "sales"))!;
        stored.Id.ShouldBe(saved[0].Id);
        stored.GetValues()["password"]!.GetValue<string>().ShouldBe(saved[0].GetValues()["password"]!.GetValue<string>());
    }

    [Fact]
    public async Task ThreeTimes300ConcurrentCreates_ThroughThreeStores_StoreEveryAccountOnce()
    {
        var key = AccountStoreSandbox.NewKey();
        // 900 writes at once on a busy two-core machine have waited longer than Npgsql's 15 s for one of a
        // store's 40 connections; what is tested is that each account is stored once, not how long that takes.
        var wait = TimeSpan.FromMinutes(1);
        var stores = new[] { Sandbox.Open(key, connectionWait: wait), Sandbox.Open(key, connectionWait: wait), Sandbox.Open(key, connectionWait: wait) };

        var saves = stores.SelectMany((store, node) => Enumerable.Range(0, 300).Select(i => Task.Run(() =>
            store.SaveAsync(AccountStoreSandbox.Draft($"node {node} account {i}", new JsonObject { ["n"] = i, ["password"] = $"secret {node}/{i}" }), SecretPointers))));
        var saved = await Task.WhenAll(saves);

        saved.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count().ShouldBe(900);
        Sandbox.Scalar("SELECT count(*) FROM accounts").ShouldBe(900);
        Sandbox.Scalar("SELECT count(DISTINCT id) FROM accounts").ShouldBe(900);
        Sandbox.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(900);
        var listed = await Sandbox.Open(key).ListAsync();
        listed.Select(a => a.Id).Order(StringComparer.Ordinal).ShouldBe(saved.Select(a => a.Id).Order(StringComparer.Ordinal));
        listed.ShouldAllBe(a => a.SecretsProblem == null);
        (await stores[2].GetAsync(saved[450].Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("secret 1/150");
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    public sealed class OnPostgres() : AccountStoreTests(StoreKind.Postgres)
    {
        [Fact]
        public async Task CanarySecret_IsNowhereInTheDatabase_WhileTheNonSecretValuesAre()
        {
            var canary = $"CANARY-secret-{Guid.NewGuid():N}";
            var marker = $"visible-{Guid.NewGuid():N}";
            var store = Sandbox.Open();

            var values = new JsonObject { ["username"] = marker, ["password"] = canary, ["tokens"] = new JsonArray(new JsonObject { ["value"] = canary }) };
            var saved = await store.SaveAsync(AccountStoreSandbox.Draft("Canary", values), SecretPointers);
            (await store.GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe(canary);

            // As pg_dump would write them: every row of every table, binary columns in hex.
            var dump = Sandbox.EveryRowAsText();

            foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
            {
                dump.ShouldNotContain(Convert.ToHexStringLower(encoding.GetBytes("CANARY-secret")), Case.Insensitive, $"the canary is in the database in {encoding.EncodingName}");
            }

            dump.ShouldNotContain("CANARY-secret", Case.Insensitive);

            // The same dump does hold what is stored in plain text, and the secrets' rows, so it would have found the canary.
            dump.ShouldContain(marker);
            dump.ShouldContain("Canary");
            dump.ShouldContain("/tokens/0/value");
        }

        [Fact]
        public async Task AnEmptyDatabase_GetsTheSchema_AndOpeningAgainChangesNothing()
        {
            (await Sandbox.Open().ListAsync()).ShouldBeEmpty();
            Sandbox.Scalar("SELECT version FROM flows_schema").ShouldBe(PostgresSchema.CurrentVersion);
            Sandbox.Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('accounts', 'account_secrets', 'account_sign_ins')").ShouldBe(3);
            Sandbox.Scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_label'").ShouldBe(1);

            await Sandbox.Open().SaveAsync(AccountStoreSandbox.Draft("Sales", []), []);
            (await Sandbox.Open().ListAsync()).Count.ShouldBe(1);
            Sandbox.Scalar("SELECT version FROM flows_schema").ShouldBe(PostgresSchema.CurrentVersion);
            Sandbox.Scalar("SELECT count(*) FROM flows_schema").ShouldBe(1);
        }
    }

    public sealed class OnSqlite() : AccountStoreTests(StoreKind.Sqlite)
    {
        [Fact]
        public async Task CanarySecret_IsNeitherInTheDatabaseNorInTheWal_WhileTheNonSecretValuesAre()
        {
            var canary = $"CANARY-secret-{Guid.NewGuid():N}";
            var marker = $"visible-{Guid.NewGuid():N}";
            var store = Sandbox.Open();

            var values = new JsonObject { ["username"] = marker, ["password"] = canary, ["tokens"] = new JsonArray(new JsonObject { ["value"] = canary }) };
            var saved = await store.SaveAsync(AccountStoreSandbox.Draft("Canary", values), SecretPointers);
            (await store.GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe(canary);

            var database = AccountStoreSandbox.ReadShared(Sandbox.DatabasePath);
            var wal = AccountStoreSandbox.ReadShared(Sandbox.DatabasePath + "-wal");
            var both = database.Concat(wal).ToArray();
            wal.Length.ShouldBeGreaterThan(0, "the fresh write is still in the write-ahead log");

            foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
            {
                Contains(both, encoding.GetBytes(canary)).ShouldBeFalse($"the canary is on disk in {encoding.EncodingName}");
                Contains(both, encoding.GetBytes("CANARY-secret")).ShouldBeFalse();
            }

            // The same scan does find what is stored in plain text, so it would have found the canary.
            Contains(both, Encoding.UTF8.GetBytes(marker)).ShouldBeTrue();
            Contains(both, Encoding.UTF8.GetBytes("Canary")).ShouldBeTrue();
        }

        [Fact]
        public async Task AnEmptyFile_GetsTheSchema_AndOpeningAgainChangesNothing()
        {
            await File.WriteAllBytesAsync(Sandbox.DatabasePath, []);

            (await Sandbox.Open().ListAsync()).ShouldBeEmpty();
            Sandbox.Scalar("PRAGMA user_version").ShouldBe(4);
            Sandbox.Scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('accounts', 'account_secrets', 'accounts_label')").ShouldBe(3);

            await Sandbox.Open().SaveAsync(AccountStoreSandbox.Draft("Sales", []), []);
            (await Sandbox.Open().ListAsync()).Count.ShouldBe(1);
            Sandbox.Scalar("PRAGMA user_version").ShouldBe(4);
            using var connection = Sandbox.Raw();
            using var mode = connection.CreateCommand();
            mode.CommandText = "PRAGMA journal_mode";
            mode.ExecuteScalar().ShouldBe("wal");
        }

        [Fact]
        public async Task ADatabaseFromANewerFlows_IsRefusedWithAClearError_AndLeftAlone()
        {
            using (var connection = Sandbox.Raw())
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "CREATE TABLE future (x); PRAGMA user_version = 42;";
                command.ExecuteNonQuery();
            }

            var error = await Should.ThrowAsync<AccountStoreVersionException>(() => Sandbox.Open().ListAsync());

            error.FoundVersion.ShouldBe(42);
            error.SupportedVersion.ShouldBe(4);
            error.Message.ShouldContain("newer");
            error.Message.ShouldContain(Sandbox.DatabasePath);
            Sandbox.Scalar("PRAGMA user_version").ShouldBe(42);
            Sandbox.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'accounts'").ShouldBe(0);
        }

        [Fact]
        public async Task TheHostRegistersTheStore_OverItsDataDirectory()
        {
            using var sandbox = new PluginSandbox();
            using var host = sandbox.CreateHost();

            var store = host.GetRequiredService<AccountStore>();

            store.Location.ShouldBe(Path.Combine(host.GetRequiredService<FlowsHostOptions>().HomeDirectory, "accounts.db"));
            (await store.ListAsync()).ShouldBeEmpty();
        }
    }
}
