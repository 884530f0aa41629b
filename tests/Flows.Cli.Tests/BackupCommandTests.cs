using System.Text;
using Microsoft.Data.Sqlite;

namespace Flows.Cli.Tests;

/// <summary>`flows accounts backup` and `restore`, run as a user runs them, against real stores and real writers.</summary>
public sealed class BackupCommandTests : SandboxTests<AccountStoreSandbox>
{
    private readonly string _key = AccountStoreSandbox.NewKey();

    private string Other => Path.Combine(Sandbox.Root, "other");

    private string BackupFile => Path.Combine(Sandbox.Root, "backups", "accounts.backup");

    public BackupCommandTests() => Directory.CreateDirectory(Path.GetDirectoryName(BackupFile)!);

    private static Dictionary<string, string> WithKey(string key) => new() { ["FLOWS_SECRET_KEY"] = key };

    [Fact]
    public async Task Backup_WhileFourWritersRun_RestoresToAnIntactStoreWithEveryAccountAnsweredBeforeItBegan()
    {
        var writers = Enumerable.Range(1, 4).Select(i => AccountWriterProcess.Start(Sandbox, _key, $"w{i}", count: 0)).ToList();
        IReadOnlyList<string> answeredBefore;
        CliRun backup;
        try
        {
            foreach (var writer in writers)
            {
                await writer.WaitForAcksAsync(20, "before the backup");
            }

            answeredBefore = [.. writers.SelectMany(w => w.Acknowledged)];
            backup = await FlowsCommand.RunAsync(Sandbox.Home, WithKey(_key), "accounts", "backup", BackupFile);
            writers.ShouldAllBe(w => !w.Process.HasExited, "the writers were still writing while the backup ran");
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Process.Kill(entireProcessTree: true);
            }
        }

        backup.ExitCode.ShouldBe(0, backup.ToString());
        backup.Out.ShouldContain($"to {BackupFile} (schema version {Flows.Host.Store.Sqlite.SqliteSchema.CurrentVersion}; secrets encrypted under key {SecretKey.IdOf(Convert.FromBase64String(_key))})");
        ShouldBeOwnersOnly(BackupFile);
        Directory.EnumerateFiles(Path.GetDirectoryName(BackupFile)!).ShouldBe([BackupFile], "no temporary file is left behind");
        IntegrityCheck(BackupFile).ShouldBe("ok");
        var bytes = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(BackupFile));
        bytes.ShouldNotContain("secret w", customMessage: "the secrets are encrypted in the backup");

        var restore = await FlowsCommand.RunAsync(Other, WithKey(_key), "accounts", "restore", BackupFile, "--yes");

        restore.ExitCode.ShouldBe(0, restore.ToString());
        IntegrityCheck(StoreDamage.DatabasePath(Other)).ShouldBe("ok");
        var restored = (await StoreDamage.Open(Other, _key).ListAsync()).Select(a => a.Label).ToHashSet(StringComparer.Ordinal);
        foreach (var label in answeredBefore)
        {
            restored.ShouldContain(label, $"'{label}' was answered before the backup began");
        }

        var show = await FlowsCommand.RunAsync(Other, WithKey(_key), "accounts", "show", answeredBefore[0], "--json");
        show.ExitCode.ShouldBe(0, show.ToString());
        show.Json[0].GetProperty("secrets").GetProperty("/apiKey").GetBoolean().ShouldBeTrue();
        var account = await StoreDamage.Open(Other, _key).FindByLabelAsync("fixture.good", answeredBefore[0]);
        account!.GetValues()["apiKey"]!.GetValue<string>().ShouldBe($"secret {answeredBefore[0]}");
    }

    [Fact]
    public async Task Restore_OfABackupMadeWithAnotherKey_IsRefused_UnlessThatKeyIsGiven_ThenEveryAccountReadsUnderThisStoresKey()
    {
        await StoreDamage.SeedAsync(Sandbox.Home, 3, _key);
        (await FlowsCommand.RunAsync(Sandbox.Home, WithKey(_key), "accounts", "backup", BackupFile)).ExitCode.ShouldBe(0);
        var otherKey = AccountStoreSandbox.NewKey();
        var otherStore = StoreDamage.Open(Other, otherKey);
        await otherStore.SaveAsync(StoreDamage.Draft("Kept", "kept.example.com", "kept-secret"), ["/apiKey"]);
        SqliteConnection.ClearAllPools();

        var refused = await FlowsCommand.RunAsync(Other, WithKey(otherKey), "accounts", "restore", BackupFile, "--yes");

        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Error.ShouldContain($"The backup {BackupFile} was made with another key (key id {SecretKey.IdOf(Convert.FromBase64String(_key))})");
        refused.Error.ShouldContain("--key-file");
        refused.Error.ShouldNotContain(_key);
        (await StoreDamage.Open(Other, otherKey).ListAsync()).Select(a => a.Label).ShouldBe(["Kept"], "nothing was changed");

        var keyFile = Path.Combine(Sandbox.Root, "backup.key");
        await File.WriteAllTextAsync(keyFile, _key + "\n");
        var restored = await FlowsCommand.RunAsync(Other, WithKey(otherKey), "accounts", "restore", BackupFile, "--key-file", keyFile, "--yes");

        restored.ExitCode.ShouldBe(0, restored.ToString());
        restored.Out.ShouldContain("Restored 3 accounts");
        restored.Out.ShouldContain("3 secret(s) encrypted again under this store's key.");
        var sideFile = Directory.EnumerateFiles(Other, "accounts.db.replaced-*").ShouldHaveSingleItem();
        ShouldBeOwnersOnly(sideFile);
        restored.Out.ShouldContain($"The store it replaced is kept as {sideFile}.");
        var store = StoreDamage.Open(Other, otherKey);
        (await store.ListAsync()).Select(a => a.Label).ShouldBe(["Account 1", "Account 2", "Account 3"]);
        foreach (var (label, i) in new[] { ("Account 1", 1), ("Account 2", 2), ("Account 3", 3) })
        {
            var account = await store.FindByLabelAsync("fixture.good", label);
            account!.GetValues()["apiKey"]!.GetValue<string>().ShouldBe(StoreDamage.SecretOf(i));
        }

        var show = await FlowsCommand.RunAsync(Other, WithKey(otherKey), "accounts", "show", "Account 2");
        show.ExitCode.ShouldBe(0, show.ToString());
        show.Out.ShouldContain("host2.example.com");
    }

    [Fact]
    public async Task Restore_OfABackupFromANewerFlows_IsRefusedAndChangesNothing()
    {
        await StoreDamage.SeedAsync(Sandbox.Home, 2, _key);
        (await FlowsCommand.RunAsync(Sandbox.Home, WithKey(_key), "accounts", "backup", BackupFile)).ExitCode.ShouldBe(0);
        using (var backup = new SqliteConnection($"Data Source={BackupFile};Pooling=False"))
        {
            backup.Open();
            using var bump = backup.CreateCommand();
            bump.CommandText = "PRAGMA user_version = 99;";
            bump.ExecuteNonQuery();
        }

        await StoreDamage.Open(Other, _key).SaveAsync(StoreDamage.Draft("Kept", "kept.example.com", "kept-secret"), ["/apiKey"]);
        SqliteConnection.ClearAllPools();

        var run = await FlowsCommand.RunAsync(Other, WithKey(_key), "accounts", "restore", BackupFile, "--yes");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain($"The backup {BackupFile} has schema version 99, but this version of Flows understands up to {Flows.Host.Store.Sqlite.SqliteSchema.CurrentVersion}: it was made by a newer Flows.");
        run.Error.ShouldContain("Nothing was changed.");
        (await StoreDamage.Open(Other, _key).ListAsync()).Select(a => a.Label).ShouldBe(["Kept"]);
        Directory.EnumerateFiles(Other).Select(Path.GetFileName).Where(f => f!.Contains("replaced", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal))
            .ShouldBeEmpty("no side file and no leftover");
    }

    [Fact]
    public async Task Restore_OverADamagedStore_BringsTheAccountsBack_AndKeepsTheDamagedFileBesideIt()
    {
        await StoreDamage.SeedAsync(Sandbox.Home, 5, _key);
        (await FlowsCommand.RunAsync(Sandbox.Home, WithKey(_key), "accounts", "backup", BackupFile)).ExitCode.ShouldBe(0);
        StoreDamage.Truncate(Sandbox.Home);
        (await FlowsCommand.RunAsync(Sandbox.Home, WithKey(_key), "accounts", "list")).Error.ShouldContain("is damaged");

        var restore = await FlowsCommand.RunAsync(Sandbox.Home, WithKey(_key), "accounts", "restore", BackupFile, "--yes");

        restore.ExitCode.ShouldBe(0, restore.ToString());
        Directory.EnumerateFiles(Sandbox.Home, "accounts.db.replaced-*").ShouldHaveSingleItem();
        var list = await FlowsCommand.RunAsync(Sandbox.Home, WithKey(_key), "accounts", "list");
        list.ExitCode.ShouldBe(0, list.ToString());
        list.Out.ShouldContain("Account 5");
        IntegrityCheck(StoreDamage.DatabasePath(Sandbox.Home)).ShouldBe("ok");
    }

    [Fact]
    public async Task Restore_WhileFlowsServeRuns_TheServerAnswersWithTheRestoredAccountsAndKeepsSaving()
    {
        await StoreDamage.SeedAsync(Sandbox.Home, 2, _key);
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), Path.Combine(Sandbox.Home, "plugins", "good"));
        await using var server = await FlowsServer.StartAsync(Sandbox.Home, WithKey(_key));
        (await FlowsCommand.RunAsync(Sandbox.Home, WithKey(_key), "accounts", "backup", BackupFile)).ExitCode.ShouldBe(0);
        using (var later = await server.Client.PostAsync(new Uri("/api/accounts", UriKind.Relative), Body("Later")))
        {
            later.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await later.Content.ReadAsStringAsync());
        }

        var restore = await FlowsCommand.RunAsync(Sandbox.Home, WithKey(_key), "accounts", "restore", BackupFile, "--yes");

        restore.ExitCode.ShouldBe(0, restore.ToString());
        var list = await server.Client.GetStringAsync(new Uri("/api/accounts", UriKind.Relative));
        list.ShouldContain("Account 1");
        list.ShouldContain("Account 2");
        list.ShouldNotContain("Later");
        using (var after = await server.Client.PostAsync(new Uri("/api/accounts", UriKind.Relative), Body("After")))
        {
            after.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await after.Content.ReadAsStringAsync());
        }

        IntegrityCheck(StoreDamage.DatabasePath(Sandbox.Home)).ShouldBe("ok");
    }

    private static StringContent Body(string label) => new(
        new System.Text.Json.Nodes.JsonObject
        {
            ["accountTypeId"] = StoreDamage.AccountTypeId,
            ["label"] = label,
            ["values"] = new System.Text.Json.Nodes.JsonObject { ["host"] = "h.example.com", ["apiKey"] = "k-1" },
        }.ToJsonString(),
        Encoding.UTF8,
        "application/json");

    [Fact]
    public async Task Restore_NotFromATerminal_WithoutYes_AsksForConfirmationAndChangesNothing()
    {
        await StoreDamage.SeedAsync(Sandbox.Home, 1, _key);
        (await FlowsCommand.RunAsync(Sandbox.Home, WithKey(_key), "accounts", "backup", BackupFile)).ExitCode.ShouldBe(0);
        await StoreDamage.Open(Other, _key).SaveAsync(StoreDamage.Draft("Kept", "kept.example.com", "kept-secret"), ["/apiKey"]);
        SqliteConnection.ClearAllPools();

        var run = await FlowsCommand.RunAsync(Other, WithKey(_key), "accounts", "restore", BackupFile);

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Out.ShouldContain($"{BackupFile}: 1 account (schema version {Flows.Host.Store.Sqlite.SqliteSchema.CurrentVersion};");
        run.Error.ShouldContain("add --yes");
        (await StoreDamage.Open(Other, _key).ListAsync()).Select(a => a.Label).ShouldBe(["Kept"]);
    }

    private static void ShouldBeOwnersOnly(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
        }
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
