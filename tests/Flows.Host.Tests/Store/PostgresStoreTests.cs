using Flows.Host.Store;
using Flows.Host.Store.PostgreSql;
using Flows.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Flows.Host.Tests.Store;

/// <summary>What only a PostgreSQL store meets: nodes starting together, a server refusing or away, and the forms of its address.</summary>
public sealed class PostgresStoreTests() : StoreTests(StoreKind.Postgres)
{
    private NpgsqlConnectionStringBuilder Address => new(Sandbox.PostgresAddress);

    [Fact]
    public async Task EightStores_InitialisingOneEmptyDatabaseAtOnce_CreateTheSchemaOnce()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => Sandbox.Open()).ToList();
        using var start = new ManualResetEventSlim();

        var first = stores.Select(store => Task.Run(async () =>
        {
            start.Wait(TimeSpan.FromSeconds(30));
            return await store.ListAsync();
        })).ToList();
        start.Set();

        (await Task.WhenAll(first)).ShouldAllBe(accounts => accounts.Count == 0);
        Sandbox.Scalar("SELECT version FROM flows_schema").ShouldBe(PostgresSchema.CurrentVersion);
        Sandbox.Scalar("SELECT count(*) FROM flows_schema").ShouldBe(1);
        Sandbox.Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('accounts', 'account_secrets', 'account_sign_ins')").ShouldBe(3);
        await Task.WhenAll(stores.Select((store, i) => store.SaveAsync(AccountStoreSandbox.Draft($"Node {i}", []), [])));
        (await Sandbox.Open().ListAsync()).Count.ShouldBe(8);
    }

    [Fact]
    public async Task AWriteThatAlwaysBreaksAUniqueIndex_RunsThreeTimes_AndItsErrorIsNotHiddenBehindMoreRuns()
    {
        Sandbox.Execute("CREATE TABLE once (n integer PRIMARY KEY); INSERT INTO once VALUES (1);");
        using var engine = new PostgresEngine(Sandbox.PostgresAddress!);
        var runs = 0;

        var error = await Should.ThrowAsync<PostgresException>(engine.WriteAsync(
            (connection, transaction) =>
            {
                Interlocked.Increment(ref runs);
                using var insert = connection.Command(transaction, "INSERT INTO once VALUES (1)");
                return insert.ExecuteNonQuery();
            },
            CancellationToken.None));

        error.SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        runs.ShouldBe(3);
    }

    [Fact]
    public async Task ADatabaseFromANewerFlows_IsRefusedNamingTheDatabaseNotThePassword_AndLeftAlone()
    {
        Sandbox.Execute("CREATE TABLE flows_schema (version integer NOT NULL); INSERT INTO flows_schema VALUES (42); CREATE TABLE future (x integer);");

        var error = await Should.ThrowAsync<AccountStoreVersionException>(() => Sandbox.Open().ListAsync());

        error.FoundVersion.ShouldBe(42);
        error.SupportedVersion.ShouldBe(PostgresSchema.CurrentVersion);
        error.Message.ShouldContain("newer");
        error.Message.ShouldContain(Address.Database!);
        error.Message.ShouldNotContain(PostgresCluster.SuperuserPassword);
        Sandbox.Scalar("SELECT version FROM flows_schema").ShouldBe(42);
        Sandbox.Scalar("SELECT count(*) FROM flows_schema").ShouldBe(1);
        Sandbox.Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'accounts'").ShouldBe(0);
    }

    [Fact]
    public async Task AWrongPassword_IsAFaultOfOpening_InASentenceWithoutThePassword()
    {
        var address = Address;
        address.Password = "Wrong-Password-7f3a";
        var store = Open(address.ConnectionString);

        var error = await Should.ThrowAsync<AccountStoreUnavailableException>(() => store.ListAsync());

        error.Fault.ShouldBe(AccountStoreFault.CannotOpen);
        error.Message.ShouldContain("refused the user and password");
        error.Message.ShouldContain(address.Database!);
        error.Message.ShouldNotContain("Wrong-Password-7f3a");
        error.ToString().ShouldNotContain("Wrong-Password-7f3a");
    }

    [Fact]
    public async Task AMissingDatabase_IsAFaultOfOpening_InASentenceWithoutThePassword()
    {
        var address = Address;
        address.Database = "flows_missing_" + Guid.NewGuid().ToString("N")[..8];
        var store = Open(address.ConnectionString);

        var error = await Should.ThrowAsync<AccountStoreUnavailableException>(() => store.SaveAsync(AccountStoreSandbox.Draft("Sales", []), []));

        error.Fault.ShouldBe(AccountStoreFault.CannotOpen);
        error.Message.ShouldContain("does not exist");
        error.Message.ShouldContain(address.Database);
        error.Message.ShouldNotContain(PostgresCluster.SuperuserPassword);
    }

    [Fact]
    public async Task AStoppedServer_IsUnreachable_AndTheSameStoreWorksAgainByItselfOnceItIsBack()
    {
        // A server of its own: the test run's shared one is never stopped.
        await using var server = await PostgresCluster.StartAsync("host all all 127.0.0.1/32 scram-sha-256\n", tls: null, setupSql: "CREATE DATABASE flows_own;");
        var store = Open(server.Address("flows_own"));
        var before = await store.SaveAsync(AccountStoreSandbox.Draft("Before", new JsonObject { ["password"] = "pw-before" }), ["/password"]);

        await server.StopAsync();
        var saving = await Should.ThrowAsync<AccountStoreUnavailableException>(() => store.SaveAsync(AccountStoreSandbox.Draft("While away", []), []));
        var listing = await Should.ThrowAsync<AccountStoreUnavailableException>(() => store.ListAsync());
        await server.StartAgainAsync();

        saving.Fault.ShouldBe(AccountStoreFault.Unreachable);
        listing.Fault.ShouldBe(AccountStoreFault.Unreachable);
        saving.Message.ShouldBe($"The account store is unavailable (PostgreSQL database flows_own on 127.0.0.1:{server.Port} does not answer): try later.");
        listing.Message.ShouldNotContain(PostgresCluster.SuperuserPassword);
        var after = await store.SaveAsync(AccountStoreSandbox.Draft("After", []), []);
        (await store.ListAsync()).Select(a => a.Id).ShouldBe([after.Id, before.Id], ignoreOrder: true);
        (await store.GetAsync(before.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw-before");
    }

    [Fact]
    public async Task AStoreAddressAsAUrl_ReachesTheSameDatabaseAsTheKeywords()
    {
        var address = Address;
        var url = $"postgres://{address.Username}:{address.Password}@127.0.0.1:{address.Port}/{address.Database}";
        var viaUrl = Open(url);

        var saved = await viaUrl.SaveAsync(AccountStoreSandbox.Draft("Sales", new JsonObject { ["password"] = "pw" }), ["/password"]);

        viaUrl.Location.ShouldBe(Sandbox.Open().Location);
        viaUrl.Location.ShouldNotContain(PostgresCluster.SuperuserPassword);
        (await Sandbox.Open().GetAsync(saved.Id))!.GetValues()["password"]!.GetValue<string>().ShouldBe("pw");
    }

    [Fact]
    public async Task AUrlWhosePasswordHasAnEscapedAtSignAndColon_Works()
    {
        var address = Address;
        var user = "flows_" + Guid.NewGuid().ToString("N")[..12];
        const string Password = "p@ss:word/1";
        Sandbox.Execute($"CREATE ROLE {user} LOGIN PASSWORD '{Password}'; ALTER DATABASE {address.Database} OWNER TO {user}; ALTER SCHEMA public OWNER TO {user};");
        var store = Open($"postgresql://{user}:{Uri.EscapeDataString(Password)}@127.0.0.1:{address.Port}/{address.Database}?sslmode=disable");

        var saved = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", []), []);

        (await store.ListAsync()).Single().Id.ShouldBe(saved.Id);
        Sandbox.Scalar($"SELECT count(*) FROM pg_tables WHERE tablename = 'accounts' AND tableowner = '{user}'").ShouldBe(1);
    }

    [Theory]
    [InlineData("postgres://ada:Hidden-Pw-1@/flows")]
    [InlineData("postgres://ada:Hidden-Pw-1@db.example.com/")]
    [InlineData("postgres://ada:Hidden-Pw-1@db.example.com/flows?sslmode=Hidden-Pw-1x")]
    [InlineData("postgres://ada:Hidden-Pw-1@db.example.com/flows?tls_secret=Hidden-Pw-1")]
    [InlineData("postgres://ada:Hidden-Pw-1@db.example.com/flows?connect_timeout=Hidden-Pw-1")]
    [InlineData("postgres://ada:Hidden-Pw-1@db.example.com/flows?Command%20Timeout=Hidden-Pw-1")]
    [InlineData("Host=db.example.com;Database=flows;Password=Hidden-Pw-1;No Such Keyword=1")]
    [InlineData("Host=db.example.com;Database=flows;Port=Hidden-Pw-1")]
    [InlineData("Host=db.example.com;Password=Hidden-Pw-1")]
    public void AMalformedAddress_IsAFormatException_NamingNoPassword(string address)
    {
        var error = Should.Throw<FormatException>(() => Open(address));

        error.Message.ShouldNotContain("Hidden-Pw-1");
        error.ToString().ShouldNotContain("Hidden-Pw-1");
    }

    private AccountStore Open(string address) =>
        new(
            new AccountStoreOptions { DatabasePath = Sandbox.DatabasePath, Store = address, KeyDirectory = Sandbox.KeyDirectory },
            Sandbox.Time,
            NullLogger<AccountStore>.Instance);
}
