namespace Flows.Host.Tests.Accounts;

public sealed class AccountSecretKeyTests : IDisposable
{
    private static readonly string[] Secrets = ["/password"];

    private readonly AccountStoreSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private static JsonObject Values(string password) => new() { ["username"] = "ada", ["password"] = password };

    [Fact]
    public async Task TheKeyFile_IsCreatedOnFirstUse_ReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await _sandbox.Open().SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);

        File.GetUnixFileMode(_sandbox.KeyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(_sandbox.KeyDirectory).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Convert.FromBase64String((await File.ReadAllTextAsync(_sandbox.KeyFile)).Trim()).Length.ShouldBe(32);
        Directory.GetFiles(_sandbox.KeyDirectory).ShouldBe([_sandbox.KeyFile], "no temporary file is left behind");
    }

    [Fact]
    public async Task TheKeyFile_IsReusedByTheNextRun()
    {
        var saved = await _sandbox.Open().SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);
        var key = await File.ReadAllTextAsync(_sandbox.KeyFile);

        (await _sandbox.Open().GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
        (await File.ReadAllTextAsync(_sandbox.KeyFile)).ShouldBe(key);
    }

    [Fact]
    public async Task AWrongKey_GivesAnExplicitErrorPerAccount_WhileTheOtherAccountsAreStillListed()
    {
        var right = AccountStoreSandbox.NewKey();
        var store = _sandbox.Open(right);
        var secretive = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);
        var plain = await store.SaveAsync(AccountStoreSandbox.Draft("Public", new JsonObject { ["username"] = "bob" }), Secrets);

        var wrong = _sandbox.Open(AccountStoreSandbox.NewKey());

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

        (await _sandbox.Open(right).GetAsync(secretive.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
    }

    [Fact]
    public async Task AMissingKeyFile_GivesAnExplicitError_NeverAnEmptySecret()
    {
        var saved = await _sandbox.Open().SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);
        File.Delete(_sandbox.KeyFile);

        var read = (await _sandbox.Open().GetAsync(saved.Id))!;

        read.SecretsProblem.ShouldNotBeNull().ShouldContain("not available");
        Should.Throw<AccountSecretsUnavailableException>(() => read.GetValues());
        File.Exists(_sandbox.KeyFile).ShouldBeFalse("reading never makes a new key");
    }

    [Fact]
    public async Task ATamperedCiphertext_OrOneMovedToAnotherAccount_DoesNotDecrypt()
    {
        var store = _sandbox.Open();
        var first = await store.SaveAsync(AccountStoreSandbox.Draft("First", Values("first-secret")), Secrets);
        var second = await store.SaveAsync(AccountStoreSandbox.Draft("Second", Values("second-secret")), Secrets);

        using (var connection = _sandbox.Raw())
        using (var move = connection.CreateCommand())
        {
            move.CommandText = """
                UPDATE account_secrets SET (nonce, ciphertext, tag) =
                    (SELECT nonce, ciphertext, tag FROM account_secrets WHERE account_id = $first)
                WHERE account_id = $second
                """;
            move.Parameters.AddWithValue("$first", first.Id);
            move.Parameters.AddWithValue("$second", second.Id);
            move.ExecuteNonQuery();
        }

        var read = (await store.GetAsync(second.Id))!;
        read.SecretsProblem.ShouldNotBeNull().ShouldContain("could not be decrypted");
        Should.Throw<AccountSecretsUnavailableException>(() => read.GetValues());
        (await store.GetAsync(first.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("first-secret");
    }

    [Fact]
    public async Task Rotation_ReencryptsEverySecretUnderANewKey_AndTheOldKeyIsNoLongerNeeded()
    {
        var store = _sandbox.Open();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await store.SaveAsync(AccountStoreSandbox.Draft($"Account {i}", Values($"pw-{i}")), Secrets)).Id);
        }

        var oldKey = await File.ReadAllTextAsync(_sandbox.KeyFile);

        var result = await _sandbox.Open().RotateKeyAsync();

        result.Reencrypted.ShouldBe(3);
        result.Unreadable.ShouldBe(0);
        result.RemovedKeyIds.Count.ShouldBe(1);
        (await File.ReadAllTextAsync(_sandbox.KeyFile)).ShouldNotBe(oldKey);
        Directory.GetFiles(_sandbox.KeyDirectory).ShouldBe([_sandbox.KeyFile], "the retired key is removed once nothing uses it");
        _sandbox.Scalar($"SELECT count(*) FROM account_secrets WHERE key_id <> '{result.KeyId}'").ShouldBe(0);

        // The store that was open before the rotation picks up the new key too.
        for (var i = 0; i < 3; i++)
        {
            (await store.GetAsync(ids[i]))!.GetValues()["password"]!.GetValue<string>().ShouldBe($"pw-{i}");
        }

        var later = await store.SaveAsync(AccountStoreSandbox.Draft("Later", Values("pw-later")), Secrets);
        _sandbox.Scalar($"SELECT count(*) FROM account_secrets WHERE account_id = '{later.Id}' AND key_id = '{result.KeyId}'").ShouldBe(1);

        // Under the old key alone, nothing decrypts any more.
        File.Move(_sandbox.KeyFile, Path.Combine(_sandbox.Root, "new.key"));
        var withOldKey = _sandbox.Open(oldKey.Trim());
        (await withOldKey.GetAsync(ids[0]))!.SecretsAvailable.ShouldBeFalse();
    }

    [Fact]
    public async Task Rotation_WhileTheOldKeyFileIsStillThere_KeepsEverySecretReadable()
    {
        // As after a crash between retiring the key and re-encrypting: both files are present.
        var store = _sandbox.Open();
        var saved = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);
        var oldKey = (await File.ReadAllTextAsync(_sandbox.KeyFile)).Trim();
        var oldId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(oldKey)).AsSpan(0, 8));
        await File.WriteAllTextAsync(Path.Combine(_sandbox.KeyDirectory, $"accounts.key.{oldId}.old"), oldKey);
        await File.WriteAllTextAsync(_sandbox.KeyFile, AccountStoreSandbox.NewKey());

        (await _sandbox.Open().GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");

        var result = await _sandbox.Open().RotateKeyAsync();
        result.Reencrypted.ShouldBe(1);
        result.RemovedKeyIds.ShouldContain(oldId);
        (await _sandbox.Open().GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
    }

    [Fact]
    public async Task RotatingAnEnvironmentKey_MovesTheSecretsFromThePreviousKeyToTheNewOne()
    {
        var first = AccountStoreSandbox.NewKey();
        var second = AccountStoreSandbox.NewKey();
        var saved = await _sandbox.Open(first).SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);

        var both = _sandbox.Open(second, [first]);
        (await both.GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
        var result = await both.RotateKeyAsync();

        result.Reencrypted.ShouldBe(1);
        File.Exists(_sandbox.KeyFile).ShouldBeFalse("an environment key is never written to disk");
        (await _sandbox.Open(second).GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
        (await _sandbox.Open(first).GetAsync(saved.Id))!.SecretsAvailable.ShouldBeFalse();
    }

    [Fact]
    public async Task Rotation_LeavesSecretsWhoseKeyIsMissingAsTheyAre_AndCountsThem()
    {
        var lost = AccountStoreSandbox.NewKey();
        var orphan = await _sandbox.Open(lost).SaveAsync(AccountStoreSandbox.Draft("Orphan", Values("pw")), Secrets);
        var kept = await _sandbox.Open().SaveAsync(AccountStoreSandbox.Draft("Kept", Values("pw2")), Secrets);

        var result = await _sandbox.Open().RotateKeyAsync();

        result.Reencrypted.ShouldBe(1);
        result.Unreadable.ShouldBe(1);
        (await _sandbox.Open(null, [lost]).GetAsync(orphan.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
        (await _sandbox.Open().GetAsync(kept.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw2");
    }

    [Fact]
    public async Task AMalformedEnvironmentKey_IsAClearErrorOnFirstUse_NeverQuotingTheValue()
    {
        var store = _sandbox.Open("not a key");

        var error = await Should.ThrowAsync<AccountStoreUnavailableException>(() => store.ListAsync());

        error.Fault.ShouldBe(AccountStoreFault.KeyUnusable);
        error.Message.ShouldStartWith("FLOWS_SECRET_KEY is not base64: an account key is 32 bytes (AES-256), base64-encoded.");
        error.Message.ShouldNotContain("not a key");
    }
}
