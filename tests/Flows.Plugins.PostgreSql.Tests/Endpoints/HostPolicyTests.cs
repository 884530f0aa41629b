using System.Net;
using System.Net.Sockets;
using Flows.Plugins.PostgreSql.Endpoints;

namespace Flows.Plugins.PostgreSql.Tests.Endpoints;

/// <summary>Which hosts a form may reach, with a scripted DNS so names can resolve to anything.</summary>
public sealed class HostPolicyTests
{
    private static readonly Dictionary<string, IPAddress[]> Dns = new()
    {
        ["db.example.com"] = [IPAddress.Parse("93.184.216.34")],
        ["dual.example.com"] = [IPAddress.Parse("2606:2800:220:1::1"), IPAddress.Parse("93.184.216.34")],
        ["rebind.example.com"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.0.0.5")],
        ["metadata.example.com"] = [IPAddress.Parse("169.254.169.254")],
        ["mapped.example.com"] = [IPAddress.Parse("::ffff:127.0.0.1")],
        ["nat64.example.com"] = [IPAddress.Parse("64:ff9b::a00:1")],
        ["db.internal.corp"] = [IPAddress.Parse("10.1.2.3")],
        ["localhost"] = [IPAddress.IPv6Loopback, IPAddress.Loopback],
        ["db"] = [IPAddress.Parse("10.0.0.8")],
    };

    // The host's outbound policy for this plugin, with the operator's FLOWS_POSTGRES_ALLOWED_HOSTS.
    private static PostgreSqlHostPolicy Policy(string allowed = "")
    {
        var options = new Flows.Host.Hosting.FlowsHostOptions { OutboundAllowedHosts = null };
        options.PluginAllowedHosts["flows.postgresql"] = allowed;
        return new(new Flows.Host.Outbound.OutboundPolicy(options, "flows.postgresql", (name, _) => Dns.TryGetValue(name, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))));
    }

    // Every address range is the host's rule, tested with the policy itself
    // (tests/Flows.Host.Tests/Outbound/OutboundPolicyTests.cs); here, one case of each kind shows the
    // connector's form field gets the host's verdict, and what only the connector decides (a bare host
    // name, no scheme or path) is tested in full.
    public static TheoryData<string, string> Good => new()
    {
        { "db.example.com", "93.184.216.34" },
        { "  DB.Example.COM. ", "93.184.216.34" },
        { "[2606:2800:220:1::1]", "2606:2800:220:1::1" },
        { "dual.example.com", "93.184.216.34,2606:2800:220:1::1" },
    };

    public static TheoryData<string, string> Hostile => new()
    {
        { "169.254.169.254", "link-local" },
        { "metadata.example.com", "resolves to a link-local address (169.254.169.254)" },
        { "rebind.example.com", "resolves to a private address (10.0.0.5)" },
        { "10.0.0.1", "private" },
        { "::ffff:127.0.0.1", "loopback" },
        { "localhost", "single-label" },
        { "db", "single-label" },
        { "postgres://db.example.com", "without a scheme" },
        { "user@db.example.com", "without a scheme" },
        { "db.example.com/app", "without a scheme" },
        { "db.example.com,10.0.0.1", "without a scheme" },
        { "db example.com", "without a scheme" },
        { "", "A host is needed." },
    };

    [Theory]
    [MemberData(nameof(Good))]
    public async Task PublicHosts_AreAccepted_WithTheAddressesToConnectTo(string host, string addresses)
    {
        var decision = await Policy().CheckAsync(host, 5432, CancellationToken.None);

        decision.Problem.ShouldBeNull();
        string.Join(',', decision.Addresses).ShouldBe(addresses);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task InternalOrMalformedHosts_AreRefusedWithoutTheOperatorsPermission(string host, string reason)
    {
        var decision = await Policy().CheckAsync(host, 5432, CancellationToken.None);

        decision.Addresses.ShouldBeEmpty();
        decision.Problem.ShouldNotBeNull().ShouldContain(reason);
    }

    // Which entries of the operator's allow-list cover which host and port is the host's rule, tested
    // with the policy itself (tests/Flows.Host.Tests/Outbound/OutboundPolicyTests.cs); here, only that
    // the connector connects to what the policy checked.

    [Fact]
    public async Task AnAllowedName_ConnectsToTheAddressesCheckedNow_IPv4First()
    {
        var decision = await Policy("localhost:5433").CheckAsync("localhost", 5433, CancellationToken.None);

        decision.Addresses.ShouldBe([IPAddress.Loopback, IPAddress.IPv6Loopback]);
        decision.Host.ShouldBe("localhost");
    }

    [Fact]
    public async Task AnUnknownName_BlamesTheHost()
    {
        var decision = await Policy().CheckAsync("nosuchhost.example.com", 5432, CancellationToken.None);

        decision.Problem.ShouldBe("There is no host named 'nosuchhost.example.com'. Check the host for typos.");
        decision.Unavailable.ShouldBeFalse();
    }
}
