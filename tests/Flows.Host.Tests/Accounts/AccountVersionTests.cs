namespace Flows.Host.Tests.Accounts;

/// <summary>Each account has a version: an edit states the version it read, and never re-creates a deleted account.</summary>
public abstract class AccountVersionTests(StoreKind kind) : StoreTests(kind)
{
    private static readonly string[] Secrets = ["/password"];


    private static JsonObject Values(string password = "hunter2") => new() { ["username"] = "ada", ["password"] = password };

    [Fact]
    public async Task ANewAccount_IsVersion1_AndEachSaveAddsOne()
    {
        var store = Sandbox.Open();
        var created = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values()), Secrets);
        created.Version.ShouldBe(1);

        var edited = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values("new"), id: created.Id, version: 1), Secrets);

        edited.Version.ShouldBe(2);
        (await store.GetAsync(created.Id))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task AnEditOfADeletedAccount_FailsAsNotFound_AndDoesNotReCreateIt()
    {
        var store = Sandbox.Open();
        var created = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values()), Secrets);
        (await store.DeleteAsync(created.Id)).ShouldBeTrue();

        var error = await Should.ThrowAsync<AccountNotFoundException>(
            () => store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values(), id: created.Id, version: created.Version), Secrets));

        error.AccountId.ShouldBe(created.Id);
        (await store.GetAsync(created.Id)).ShouldBeNull();
        Sandbox.Scalar("SELECT count(*) FROM accounts").ShouldBe(0);
        Sandbox.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(0);
    }

    [Fact]
    public async Task AnEditFromAnOlderVersion_FailsAsChanged_AndKeepsTheNewerValues()
    {
        var store = Sandbox.Open();
        var created = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values()), Secrets);
        await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values("theirs"), id: created.Id, version: 1), Secrets);

        var error = await Should.ThrowAsync<AccountChangedException>(
            () => store.SaveAsync(AccountStoreSandbox.Draft("Mine", Values("mine"), id: created.Id, version: 1), Secrets));

        error.ExpectedVersion.ShouldBe(1);
        error.CurrentVersion.ShouldBe(2);
        var stored = (await store.GetAsync(created.Id))!;
        stored.Label.ShouldBe("Sales");
        stored.GetValues()["password"]!.GetValue<string>().ShouldBe("theirs");
    }

    [Fact]
    public async Task AnEditThatDoesNotSayWhichVersionItRead_IsRefused()
    {
        var store = Sandbox.Open();
        var created = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values()), Secrets);

        await Should.ThrowAsync<ArgumentException>(() => store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values(), id: created.Id), Secrets));
    }

    [Fact]
    public async Task ADeleteFromAnOlderVersion_FailsAsChanged_AndKeepsTheAccount()
    {
        var store = Sandbox.Open();
        var created = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values()), Secrets);
        await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values("theirs"), id: created.Id, version: 1), Secrets);

        await Should.ThrowAsync<AccountChangedException>(() => store.DeleteAsync(created.Id, 1));

        (await store.GetAsync(created.Id)).ShouldNotBeNull();
        (await store.DeleteAsync(created.Id, 2)).ShouldBeTrue();
    }

    [Fact]
    public async Task ACheckOfAnOlderVersion_IsNotRecordedOnTheNewerValues()
    {
        var store = Sandbox.Open();
        var created = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values()), Secrets);
        await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values("theirs"), id: created.Id, version: 1), Secrets);

        (await store.SetStatusAsync(created.Id, AccountStatus.Valid("ada", Sandbox.Time.GetUtcNow()), checkedVersion: 1)).ShouldBeFalse();

        (await store.GetAsync(created.Id))!.Status.Kind.ShouldBe(AccountStatusKind.NotValidated);
    }

    public sealed class OnPostgres() : AccountVersionTests(StoreKind.Postgres);

    public sealed class OnSqlite() : AccountVersionTests(StoreKind.Sqlite)
    {
        [Fact]
        public async Task AccountsSavedBeforeVersionsExisted_AreVersion1_AndTheirLabelsGetNormalisedKeys()
        {
            using (var connection = Sandbox.Raw())
            using (var command = connection.CreateCommand())
            {
                // The store's first schema (migration step 1), with one account in it.
                command.CommandText = OldSqliteSchemas.Step1 + """
                    INSERT INTO accounts VALUES ('8d2f7c3e-1111-4a4a-9b9b-000000000001', 'salesforce.oauth', 'salesforce', '1.0.0', 'sha256:00',
                        'Old', 'OLD', '{"username":"ada"}', 'not-validated', NULL, NULL, '2026-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00');
                    -- Saved by a flows without ICU: the fullwidth label's key was never normalised.
                    INSERT INTO accounts VALUES ('8d2f7c3e-1111-4a4a-9b9b-000000000002', 'salesforce.oauth', 'salesforce', '1.0.0', 'sha256:00',
                        'Ｗｉｄｅ', 'ＷＩＤＥ', '{}', 'not-validated', NULL, NULL, '2026-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00');
                    PRAGMA user_version = 1;
                    """;
                command.ExecuteNonQuery();
            }

            var store = Sandbox.Open();
            var old = (await store.GetAsync("8d2f7c3e-1111-4a4a-9b9b-000000000001"))!;

            old.Version.ShouldBe(1);
            Sandbox.Scalar("PRAGMA user_version").ShouldBe(4);
            (await store.SaveAsync(AccountStoreSandbox.Draft("Old", Values(), id: old.Id, version: 1), Secrets)).Version.ShouldBe(2);
            (await store.FindByLabelAsync("salesforce", "wide"))!.Id.ShouldBe("8d2f7c3e-1111-4a4a-9b9b-000000000002");
            await Should.ThrowAsync<DuplicateAccountLabelException>(() => store.SaveAsync(AccountStoreSandbox.Draft("Wide", Values()), Secrets));
        }
    }
}
