namespace Flows.Cli.Tests;

/// <summary>The data directory holds labels, hosts, user names and keys: other local users can read none of it.</summary>
public sealed class DataDirectoryPermissionTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly string[] StoreFiles = ["accounts.db", "accounts.db-wal", "accounts.db-shm", "accounts.db-journal"];

    private readonly ScratchRoot _root = new("flows-permission-tests");

    private string Home => _root.Home;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task FirstUse_CreatesTheDataDirectoryAndEveryFolder0700_AndEveryFile0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var add = await FlowsCommand.RunAsync(Home, new Dictionary<string, string> { ["PW"] = "pa55word" },
            "accounts", "add", "salesforce.standard", "--label", "Prod", "--set", "username=u@example.com", "--set", "loginUrl=https://login.salesforce.com", "--set-from-env", "password=PW");
        add.ExitCode.ShouldBe(0, add.ToString());
        var disable = await FlowsCommand.RunAsync(Home, "plugins", "disable", "flows.salesforce");
        disable.ExitCode.ShouldBe(0, disable.ToString());
        var install = await FlowsCommand.RunAsync(Home, "plugins", "install", FixtureFolders.PathOf(Fixtures.Good));
        install.ExitCode.ShouldBe(0, install.ToString());

        foreach (var folder in new[] { Home, Path.Combine(Home, "state"), Path.Combine(Home, "keys"), Path.Combine(Home, "plugins") })
        {
            File.GetUnixFileMode(folder).ShouldBe(PrivateFolder, folder);
        }

        var files = StoreFiles.Select(f => Path.Combine(Home, f))
            .Concat(Directory.EnumerateFiles(Path.Combine(Home, "keys")))
            .Concat(Directory.EnumerateFiles(Path.Combine(Home, "state")))
            .Where(File.Exists)
            .ToList();
        files.ShouldContain(Path.Combine(Home, "accounts.db"));
        files.ShouldContain(Path.Combine(Home, "keys", "accounts.key"));
        files.ShouldContain(Path.Combine(Home, "state", "plugins.json"));
        foreach (var file in files)
        {
            File.GetUnixFileMode(file).ShouldBe(Private, file);
        }
    }

    [Fact]
    public async Task Serve_AsTheFirstUse_CreatesTheDataDirectoryAndItsFolders0700()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using (var server = await FlowsServer.StartAsync(Home))
        {
            (await server.Client.GetStringAsync(new Uri("/api/accounts", UriKind.Relative))).ShouldBe("[]");
        }

        foreach (var folder in new[] { Home, Path.Combine(Home, "state"), Path.Combine(Home, "state", "web-keys") })
        {
            File.GetUnixFileMode(folder).ShouldBe(PrivateFolder, folder);
        }

        File.GetUnixFileMode(Path.Combine(Home, "accounts.db")).ShouldBe(Private);
    }

    [Fact]
    public async Task AnAccountStoreOthersCanRead_IsMadePrivateWithAWarning()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await StoreDamage.SeedAsync(Home, 1);
        var database = StoreDamage.DatabasePath(Home);
        File.SetUnixFileMode(database, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var list = await FlowsCommand.RunAsync(Home, "accounts", "list");

        list.ExitCode.ShouldBe(0, list.ToString());
        list.Out.ShouldContain("Account 1");
        File.GetUnixFileMode(database).ShouldBe(Private);
        list.Error.ShouldContain($"{database} was readable by other users; it is now readable and writable by its owner only (0600)");
    }
}
