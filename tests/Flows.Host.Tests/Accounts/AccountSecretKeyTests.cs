namespace Flows.Host.Tests.Accounts;

public abstract class AccountSecretKeyTests(StoreKind kind) : StoreTests(kind)
{
    private static readonly string[] Secrets = ["/password"];


    private static JsonObject Values(string password) => new() { ["username"] = "ada", ["password"] = password };

    [Fact]
    public async Task TheKeyFile_IsCreatedOnFirstUse_ReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await Sandbox.Open().SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);

        File.GetUnixFileMode(Sandbox.KeyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Sandbox.KeyDirectory).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Convert.FromBase64String((await File.ReadAllTextAsync(Sandbox.KeyFile)).Trim()).Length.ShouldBe(32);
        Directory.GetFiles(Sandbox.KeyDirectory).ShouldBe([Sandbox.KeyFile], "no temporary file is left behind");
    }

    [Fact]
    public async Task TheKeyFile_IsReusedByTheNextRun()
    {
        var saved = await Sandbox.Open().SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);
        var key = await File.ReadAllTextAsync(Sandbox.KeyFile);

        (await Sandbox.Open().GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
        (await File.ReadAllTextAsync(Sandbox.KeyFile)).ShouldBe(key);
    }

    [Fact]
    public async Task AWrongKey_GivesAnExplicitErrorPerAccount_WhileTheOtherAccountsAreStillListed()
    {
        var right = AccountStoreSandbox.NewKey();
        var store = Sandbox.Open(right);
        var secretive = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);
        var plain = await store.SaveAsync(AccountStoreSandbox.Draft("Public", new JsonObject { ["username"] = "bob" }), Secrets);

        var wrong = Sandbox.Open(AccountStoreSandbox.NewKey());

        var listed = await wrong.ListAsync();
        listed.Count.ShouldBe(2);
        listed.Single(a => a.Id == plain.Id).SecretsProblem.ShouldBeNull();
        listed.Single(a => a.Id == secretive.Id).SecretsProblem.ShouldNotBeNull().ShouldContain("is not available (key id ");

        var read = (await wrong.GetAsync(secretive.Id))!;
        read.SecretsAvailable.ShouldBeFalse();
        read.SecretsProblem.ShouldNotBeNull().ShouldContain("The secret key that encrypted this account's secrets is not available");
        read.Label.ShouldBe("Sales");
        read.NonSecretValues["username"]!.GetValue<string>().ShouldBe("ada");
        read.SecretPointers.ShouldBe(["/password"]);
        var error = Should.Throw<AccountSecretsUnavailableException>(() => read.GetValues());
        error.AccountId.ShouldBe(secretive.Id);
        (await wrong.GetAsync(plain.Id))!.GetValues()["username"]!.GetValue<string>().ShouldBe("bob");

        (await Sandbox.Open(right).GetAsync(secretive.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
    }

    [Fact]
    public async Task AMissingKeyFile_GivesAnExplicitError_NeverAnEmptySecret()
    {
        var saved = await Sandbox.Open().SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);
        File.Delete(Sandbox.KeyFile);

        var read = (await Sandbox.Open().GetAsync(saved.Id))!;

        read.SecretsProblem.ShouldNotBeNull().ShouldContain("not available");
        Should.Throw<AccountSecretsUnavailableException>(() => read.GetValues());
        File.Exists(Sandbox.KeyFile).ShouldBeFalse("reading never makes a new key");
    }

    [Fact]
    public async Task ATamperedCiphertext_OrOneMovedToAnotherAccount_DoesNotDecrypt()
    {
        var store = Sandbox.Open();
        var first = await store.SaveAsync(AccountStoreSandbox.Draft("First", Values("first-secret")), Secrets);
        var second = await store.SaveAsync(AccountStoreSandbox.Draft("Second", Values("second-secret")), Secrets);

        Sandbox.Execute($"""
            UPDATE account_secrets SET (nonce, ciphertext, tag) =
                (SELECT nonce, ciphertext, tag FROM account_secrets WHERE account_id = '{first.Id}')
            WHERE account_id = '{second.Id}'
            """).ShouldBe(1);

        var read = (await store.GetAsync(second.Id))!;
        read.SecretsProblem.ShouldNotBeNull().ShouldContain("could not be decrypted");
        Should.Throw<AccountSecretsUnavailableException>(() => read.GetValues());
        (await store.GetAsync(first.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("first-secret");
    }

    [Fact]
    public async Task Rotation_ReencryptsEverySecretUnderANewKey_AndTheOldKeyIsNoLongerNeeded()
    {
        var store = Sandbox.Open();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await store.SaveAsync(AccountStoreSandbox.Draft($"Account {i}", Values($"pw-{i}")), Secrets)).Id);
        }

        var oldKey = await File.ReadAllTextAsync(Sandbox.KeyFile);

        var result = await Sandbox.Open().RotateKeyAsync();

        result.Reencrypted.ShouldBe(3);
        result.Unreadable.ShouldBe(0);
        result.RemovedKeyIds.Count.ShouldBe(1);
        (await File.ReadAllTextAsync(Sandbox.KeyFile)).ShouldNotBe(oldKey);
        Directory.GetFiles(Sandbox.KeyDirectory).ShouldBe([Sandbox.KeyFile], "the retired key is removed once nothing uses it");
        Sandbox.Scalar($"SELECT count(*) FROM account_secrets WHERE key_id <> '{result.KeyId}'").ShouldBe(0);

        // The store that was open before the rotation picks up the new key too.
        for (var i = 0; i < 3; i++)
        {
            (await store.GetAsync(ids[i]))!.GetValues()["password"]!.GetValue<string>().ShouldBe($"pw-{i}");
        }

        var later = await store.SaveAsync(AccountStoreSandbox.Draft("Later", Values("pw-later")), Secrets);
        Sandbox.Scalar($"SELECT count(*) FROM account_secrets WHERE account_id = '{later.Id}' AND key_id = '{result.KeyId}'").ShouldBe(1);

        // Under the old key alone, nothing decrypts any more.
        File.Move(Sandbox.KeyFile, Path.Combine(Sandbox.Root, "new.key"));
        var withOldKey = Sandbox.Open(oldKey.Trim());
        (await withOldKey.GetAsync(ids[0]))!.SecretsAvailable.ShouldBeFalse();
    }

    [Fact]
    public async Task Rotation_WhileTheOldKeyFileIsStillThere_KeepsEverySecretReadable()
    {
        // As after a crash between retiring the key and re-encrypting: both files are present.
        var store = Sandbox.Open();
        var saved = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);
        var oldKey = (await File.ReadAllTextAsync(Sandbox.KeyFile)).Trim();
        var oldId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(oldKey)).AsSpan(0, 8));
        await File.WriteAllTextAsync(Path.Combine(Sandbox.KeyDirectory, $"accounts.key.{oldId}.old"), oldKey);
        await File.WriteAllTextAsync(Sandbox.KeyFile, AccountStoreSandbox.NewKey());

        (await Sandbox.Open().GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");

        var result = await Sandbox.Open().RotateKeyAsync();
        result.Reencrypted.ShouldBe(1);
        result.RemovedKeyIds.ShouldContain(oldId);
        (await Sandbox.Open().GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
    }

    [Fact]
    public async Task RotatingAnEnvironmentKey_MovesTheSecretsFromThePreviousKeyToTheNewOne()
    {
        var first = AccountStoreSandbox.NewKey();
        var second = AccountStoreSandbox.NewKey();
        var saved = await Sandbox.Open(first).SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);

        var both = Sandbox.Open(second, [first]);
        (await both.GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
        var result = await both.RotateKeyAsync();

        result.Reencrypted.ShouldBe(1);
        File.Exists(Sandbox.KeyFile).ShouldBeFalse("an environment key is never written to disk");
        (await Sandbox.Open(second).GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
        (await Sandbox.Open(first).GetAsync(saved.Id))!.SecretsAvailable.ShouldBeFalse();
    }

    [Fact]
    public async Task Rotation_LeavesSecretsWhoseKeyIsMissingAsTheyAre_AndCountsThem()
    {
        var lost = AccountStoreSandbox.NewKey();
        var orphan = await Sandbox.Open(lost).SaveAsync(AccountStoreSandbox.Draft("Orphan", Values("pw")), Secrets);
        var kept = await Sandbox.Open().SaveAsync(AccountStoreSandbox.Draft("Kept", Values("pw2")), Secrets);

        var result = await Sandbox.Open().RotateKeyAsync();

        result.Reencrypted.ShouldBe(1);
        result.Unreadable.ShouldBe(1);
        (await Sandbox.Open(null, [lost]).GetAsync(orphan.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
        (await Sandbox.Open().GetAsync(kept.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw2");
    }

    [Fact]
    public async Task AMalformedEnvironmentKey_IsAClearErrorOnFirstUse_NeverQuotingTheValue()
    {
        var store = Sandbox.Open("not a key");

        var error = await Should.ThrowAsync<AccountStoreUnavailableException>(() => store.ListAsync());

        error.Fault.ShouldBe(AccountStoreFault.KeyUnusable);
        error.Message.ShouldStartWith("FLOWS_SECRET_KEY is not base64: an account key is 32 bytes (AES-256), base64-encoded.");
        error.Message.ShouldNotContain("not a key");
    }

    [Fact]
    public async Task Rotation_InSeveralBatches_WhileSavesGoOn_LeavesEverySecretReadableUnderTheNewKey()
    {
        var store = Sandbox.Open();
        var expected = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var originals = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => store.SaveAsync(AccountStoreSandbox.Draft($"Account {i}", ThreeSecrets($"pw-{i}")), ThreeSecretPointers))));
        foreach (var account in originals)
        {
            expected[account.Id] = account.GetValues()["password"]!.GetValue<string>();
        }

        Sandbox.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(1_200, "more than two batches");
        var oldKeyId = KeyIdOf(await File.ReadAllTextAsync(Sandbox.KeyFile));

        using var stop = new CancellationTokenSource();
        var saves = Task.Run(async () =>
        {
            var writer = Sandbox.Open();
            var count = 0;
            for (var i = 0; !stop.IsCancellationRequested || count < 20; i++, count++)
            {
                var created = await writer.SaveAsync(AccountStoreSandbox.Draft($"During {i}", ThreeSecrets($"during-{i}")), ThreeSecretPointers);
                expected[created.Id] = $"during-{i}";
                var original = originals[i % originals.Length];
                var edited = await writer.SaveAsync(AccountStoreSandbox.Draft($"Account {i % originals.Length}", ThreeSecrets($"edited-{i}"), id: original.Id, version: (await writer.GetAsync(original.Id))!.Version), ThreeSecretPointers);
                expected[edited.Id] = $"edited-{i}";
            }

            return count;
        });

        var result = await Sandbox.Open().RotateKeyAsync();
        await stop.CancelAsync();
        (await saves).ShouldBeGreaterThanOrEqualTo(20);

        result.Unreadable.ShouldBe(0);
        result.RemovedKeyIds.ShouldBe([oldKeyId]);
        Directory.GetFiles(Sandbox.KeyDirectory).ShouldBe([Sandbox.KeyFile], "the retired key is removed once nothing uses it");
        Sandbox.Scalar($"SELECT count(*) FROM account_secrets WHERE key_id <> '{result.KeyId}'").ShouldBe(0);
        Sandbox.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(expected.Count * 3);
        var reader = Sandbox.Open();
        foreach (var (id, password) in expected)
        {
            var values = (await reader.GetAsync(id))!.GetValues();
            values["password"]!.GetValue<string>().ShouldBe(password);
            values["pin"]!.GetValue<string>().ShouldBe($"pin {password}");
            values["token"]!.GetValue<string>().ShouldBe($"token {password}");
        }
    }

    [Fact]
    public async Task RotationWithKeysFromTheSettings_InSeveralBatches_ReencryptsEverySecretUnderTheNewKey()
    {
        var first = AccountStoreSandbox.NewKey();
        var second = AccountStoreSandbox.NewKey();
        var writer = Sandbox.Open(first);
        var saved = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => writer.SaveAsync(AccountStoreSandbox.Draft($"Account {i}", ThreeSecrets($"pw-{i}")), ThreeSecretPointers))));

        var result = await Sandbox.Open(second, [first]).RotateKeyAsync();

        result.Reencrypted.ShouldBe(1_200);
        result.Unreadable.ShouldBe(0);
        result.KeyId.ShouldBe(KeyIdOf(second));
        File.Exists(Sandbox.KeyFile).ShouldBeFalse("a key from the settings is never written to disk");
        Sandbox.Scalar($"SELECT count(*) FROM account_secrets WHERE key_id <> '{result.KeyId}'").ShouldBe(0);
        var withNewKeyAlone = Sandbox.Open(second);
        for (var i = 0; i < saved.Length; i++)
        {
            (await withNewKeyAlone.GetAsync(saved[i].Id))!.GetValues()["token"]!.GetValue<string>().ShouldBe($"token pw-{i}");
        }

        (await Sandbox.Open(first).ListAsync()).ShouldAllBe(a => a.SecretsProblem != null);
    }

    private static readonly string[] ThreeSecretPointers = ["/password", "/pin", "/token"];

    private static JsonObject ThreeSecrets(string password) => new()
    {
        ["username"] = "ada",
        ["password"] = password,
        ["pin"] = $"pin {password}",
        ["token"] = $"token {password}",
    };

    private static string KeyIdOf(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(key.Trim())).AsSpan(0, 8));

    public sealed class OnPostgres() : AccountSecretKeyTests(StoreKind.Postgres);

    public sealed class OnSqlite() : AccountSecretKeyTests(StoreKind.Sqlite);
}
