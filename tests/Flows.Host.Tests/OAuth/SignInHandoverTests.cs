using System.Text;
using Flows.Host.Accounts;
using Flows.Host.OAuth;
using Flows.Host.OAuth.Handovers;
using Flows.Host.OAuth.Protocol;
using Flows.Host.Store;
using Flows.Host.Store.PostgreSql;
using Flows.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flows.Host.Tests.OAuth;

/// <summary>
/// The hand-overs of browser sign-ins, on both stores: single use however many take at once, only for
/// the browser they are bound to, not after they expire; with PostgreSQL, on any node, and sealed in the database.
/// </summary>
public abstract class SignInHandoverTests(StoreKind kind) : StoreTests(kind)
{
    private const string Kind = "oauth-sign-in";
    private const string Binding = "browser-one-binding";
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("payload");

    private readonly List<IDisposable> _opened = [];

    [Fact]
    public async Task TwentyConcurrentTakes_GetThePayloadExactlyOnce()
    {
        var put = Node();
        await put.PutAsync(Kind, "state-1", Binding, Payload, Sandbox.Time.GetUtcNow().AddMinutes(5), CancellationToken.None);
        var nodes = new[] { put, Node() };
        using var start = new ManualResetEventSlim();

        var takes = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            start.Wait(TimeSpan.FromSeconds(30));
            return await nodes[i % 2].TakeAsync(Kind, "state-1", Binding, CancellationToken.None);
        })).ToList();
        start.Set();
        var taken = await Task.WhenAll(takes);

        taken.Count(t => t.Payload is not null).ShouldBe(1);
        taken.Single(t => t.Payload is not null).Payload.ShouldBe(Payload);
        taken.Where(t => t.Payload is null).ShouldAllBe(t => t.Refusal == HandoverRefusal.Unknown);
    }

    [Fact]
    public async Task ATakeWithAnotherBinding_IsRefused_AndTheRightBrowserStillTakesIt()
    {
        var handovers = Node();
        await handovers.PutAsync(Kind, "state-2", Binding, Payload, Sandbox.Time.GetUtcNow().AddMinutes(5), CancellationToken.None);

        var other = await Node().TakeAsync(Kind, "state-2", "browser-two-binding", CancellationToken.None);
        var right = await handovers.TakeAsync(Kind, "state-2", Binding, CancellationToken.None);

        other.ShouldBe(HandoverTake.Refused(HandoverRefusal.OtherBrowser));
        right.Payload.ShouldBe(Payload);
    }

    [Fact]
    public async Task AnExpiredHandover_IsRefusedAsExpired_AndThenUnknown()
    {
        var handovers = Node();
        await handovers.PutAsync(Kind, "state-3", Binding, Payload, Sandbox.Time.GetUtcNow().AddMinutes(5), CancellationToken.None);
        Sandbox.Time.Advance(TimeSpan.FromMinutes(6));

        (await handovers.TakeAsync(Kind, "state-3", Binding, CancellationToken.None)).ShouldBe(HandoverTake.Refused(HandoverRefusal.Expired));
        (await handovers.TakeAsync(Kind, "state-3", Binding, CancellationToken.None)).ShouldBe(HandoverTake.Refused(HandoverRefusal.Unknown));
    }

    [Fact]
    public async Task TheSameKeyOfAnotherKind_IsAnotherHandover()
    {
        var handovers = Node();
        await handovers.PutAsync(Kind, "key", Binding, Payload, Sandbox.Time.GetUtcNow().AddMinutes(5), CancellationToken.None);

        (await handovers.TakeAsync("oauth-sign-in-outcome", "key", Binding, CancellationToken.None)).Refusal.ShouldBe(HandoverRefusal.Unknown);
        (await handovers.TakeAsync(Kind, "key", Binding, CancellationToken.None)).Payload.ShouldBe(Payload);
    }

    [Fact]
    public async Task APendingSignIn_IsRebuiltWithItsSecrets_AndNoSecretIsReadableWhereItIsKept()
    {
        var canary = $"CANARY-secret-{Guid.NewGuid():N}";
        var verifier = $"CANARY-verifier-{Guid.NewGuid():N}";
        var state = $"CANARY-state-{Guid.NewGuid():N}";
        var started = new PendingSignIn(
            "acme.generic.oauth",
            "acme.generic",
            new Dictionary<string, IReadOnlyList<string>> { ["/clientSecret"] = [canary], ["$label"] = ["Sales"] },
            null,
            null,
            null,
            null,
            verifier,
            new Uri("http://127.0.0.1:5000/oauth/callback"));

        await SignIns(Node()).AddAsync(state, Binding, started, CancellationToken.None);
        var kept = Kept();
        var (taken, problem) = await SignIns(Node()).TakeAsync(state, Binding, CancellationToken.None);

        foreach (var secret in new[] { canary, verifier, state, Binding })
        {
            kept.ShouldNotContain(secret);
            kept.ShouldNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)));
        }

        problem.ShouldBeNull();
        taken!.Values["/clientSecret"].ShouldBe([canary]);
        taken.CodeVerifier.ShouldBe(verifier);
        taken.RedirectUri.ShouldBe(started.RedirectUri);
    }

    protected abstract SignInHandovers Node();

    /// <summary>Whatever is kept where anyone who can read the store's files or database sees it.</summary>
    protected abstract string Kept();

    protected void Track(IDisposable opened) => _opened.Add(opened);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _opened.ForEach(o => o.Dispose());
        }

        base.Dispose(disposing);
    }

    private PendingSignIns SignIns(SignInHandovers handovers) => new(Sandbox.Time, Options.Create(new OAuthOptions()), handovers);

    public sealed class OnSqlite() : SignInHandoverTests(StoreKind.Sqlite)
    {
        // One process: every "node" is this one.
        private MemorySignInHandovers? _memory;

        protected override SignInHandovers Node() => _memory ??= new MemorySignInHandovers(Sandbox.Time);

        protected override string Kept() =>
            string.Concat(Directory.EnumerateFiles(Sandbox.Root, "*", SearchOption.AllDirectories).Select(f => Encoding.UTF8.GetString(AccountStoreSandbox.ReadShared(f))));
    }

    public sealed class OnPostgres() : SignInHandoverTests(StoreKind.Postgres)
    {
        protected override SignInHandovers Node() => Open(Sandbox.PostgresAddress!);

        protected override string Kept()
        {
            Sandbox.Scalar("SELECT count(*) FROM sign_in_handovers").ShouldBe(1);
            return Sandbox.EveryRowAsText();
        }

        [Fact]
        public async Task AStoppedServer_IsAFaultOfTheStore_AndTheHandoverIsTakenOnceItIsBack()
        {
            // A server of its own: the test run's shared one is never stopped.
            await using var server = await PostgresCluster.StartAsync("host all all 127.0.0.1/32 scram-sha-256\n", tls: null, setupSql: "CREATE DATABASE flows_own;");
            var handovers = Open(server.Address("flows_own"));
            await handovers.PutAsync(Kind, "state-4", Binding, Payload, Sandbox.Time.GetUtcNow().AddMinutes(5), CancellationToken.None);

            await server.StopAsync();
            var fault = await Should.ThrowAsync<AccountStoreUnavailableException>(() => handovers.TakeAsync(Kind, "state-4", Binding, CancellationToken.None));
            await server.StartAgainAsync();

            fault.Fault.ShouldBe(AccountStoreFault.Unreachable);
            fault.Message.ShouldNotContain(PostgresCluster.SuperuserPassword);
            (await handovers.TakeAsync(Kind, "state-4", Binding, CancellationToken.None)).Payload.ShouldBe(Payload);
        }

        private PostgresSignInHandovers Open(string address)
        {
            var database = new SharedDocuments(address, NullLogger<SharedDocuments>.Instance);
            Track(database);
            var keys = new SecretKeyRing(new AccountStoreOptions { DatabasePath = Sandbox.DatabasePath, KeyDirectory = Sandbox.KeyDirectory }, NullLogger.Instance);
            return new PostgresSignInHandovers(database, new HandoverSeal(keys), Sandbox.Time);
        }
    }
}
