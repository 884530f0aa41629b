using System.Net;
using System.Net.Sockets;
using Flows.Contracts;
using Flows.Host.Hosting;
using Flows.Host.Outbound;

namespace Flows.Host.Tests.Outbound;

/// <summary>Which endpoints a plugin may reach, with a scripted DNS so names can resolve to anything.</summary>
public sealed class OutboundPolicyTests
{
    private static readonly Dictionary<string, IPAddress[]> Dns = new()
    {
        ["db.example.com"] = [IPAddress.Parse("93.184.216.34")],
        ["dual.example.com"] = [IPAddress.Parse("2606:2800:220:1::1"), IPAddress.Parse("93.184.216.34")],
        ["rebind.example.com"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.0.0.5"), IPAddress.Parse("8.8.8.8")],
        ["metadata.example.com"] = [IPAddress.Parse("169.254.169.254")],
        ["mapped.example.com"] = [IPAddress.Parse("::ffff:127.0.0.1")],
        ["nat64.example.com"] = [IPAddress.Parse("64:ff9b::a00:1")],
        ["db.internal.corp"] = [IPAddress.Parse("10.1.2.3")],
        ["localhost"] = [IPAddress.IPv6Loopback, IPAddress.Loopback],
        ["db"] = [IPAddress.Parse("10.0.0.8")],
    };

    private static OutboundPolicy Policy(string allowed = "", string? pluginId = null, string pluginAllowed = "")
    {
        var options = new FlowsHostOptions { OutboundAllowedHosts = allowed };
        options.PluginAllowedHosts.Clear();
        if (pluginId is not null)
        {
            options.PluginAllowedHosts[pluginId] = pluginAllowed;
        }

        return new OutboundPolicy(OutboundAllowList.For(options, pluginId), (name, _) => Dns.TryGetValue(name, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)));
    }

    public static TheoryData<string, string> Good => new()
    {
        { "db.example.com", "93.184.216.34" },
        { "DB.Example.COM.", "93.184.216.34" },
        { "  db.example.com ", "93.184.216.34" },
        { "93.184.216.34", "93.184.216.34" },
        { "2606:2800:220:1::1", "2606:2800:220:1::1" },
        { "[2606:2800:220:1::1]", "2606:2800:220:1::1" },
        { "dual.example.com", "93.184.216.34,2606:2800:220:1::1" },
    };

    public static TheoryData<string, OutboundRefusal, string> Hostile => new()
    {
        { "0.0.0.0", OutboundRefusal.InternalAddress, "'this network'" },
        { "127.0.0.1", OutboundRefusal.InternalAddress, "loopback" },
        { "127.1", OutboundRefusal.InternalAddress, "127.1 is a loopback address" },
        { "2130706433", OutboundRefusal.InternalAddress, "loopback" },
        { "10.0.0.1", OutboundRefusal.InternalAddress, "private" },
        { "172.16.0.1", OutboundRefusal.InternalAddress, "private" },
        { "172.31.255.255", OutboundRefusal.InternalAddress, "private" },
        { "192.168.1.1", OutboundRefusal.InternalAddress, "private" },
        { "100.64.0.1", OutboundRefusal.InternalAddress, "carrier-grade NAT" },
        { "169.254.169.254", OutboundRefusal.InternalAddress, "link-local" },
        { "224.0.0.1", OutboundRefusal.InternalAddress, "multicast" },
        { "240.0.0.1", OutboundRefusal.InternalAddress, "reserved" },
        { "::", OutboundRefusal.InternalAddress, "unspecified" },
        { "::1", OutboundRefusal.InternalAddress, "loopback" },
        { "[::1]", OutboundRefusal.InternalAddress, "loopback" },
        { "fe80::1", OutboundRefusal.InternalAddress, "link-local" },
        { "fd00::1", OutboundRefusal.InternalAddress, "private" },
        { "fc00::1", OutboundRefusal.InternalAddress, "private" },
        { "fec0::1", OutboundRefusal.InternalAddress, "private" },
        { "ff02::1", OutboundRefusal.InternalAddress, "multicast" },
        { "::ffff:127.0.0.1", OutboundRefusal.InternalAddress, "loopback" },
        { "::ffff:10.0.0.1", OutboundRefusal.InternalAddress, "private" },
        { "64:ff9b::a9fe:a9fe", OutboundRefusal.InternalAddress, "link-local" },
        { "2002:7f00:1::1", OutboundRefusal.InternalAddress, "loopback" },
        { "2002:a9fe:a9fe::1", OutboundRefusal.InternalAddress, "link-local" },
        { "2001:0:4136:e378:8000:63bf:f5ff:fffe", OutboundRefusal.InternalAddress, "private" },
        { "metadata.example.com", OutboundRefusal.InternalAddress, "'metadata.example.com' resolves to a link-local address (169.254.169.254)" },
        { "mapped.example.com", OutboundRefusal.InternalAddress, "loopback" },
        { "nat64.example.com", OutboundRefusal.InternalAddress, "private" },
        { "rebind.example.com", OutboundRefusal.InternalAddress, "resolves to a private address (10.0.0.5)" },
        { "db.internal.corp", OutboundRefusal.InternalAddress, "private" },
        { "localhost", OutboundRefusal.SingleLabelName, "single-label" },
        { "db", OutboundRefusal.SingleLabelName, "single-label" },
        { "postgres://db.example.com", OutboundRefusal.NotAHost, "host name or an IP address" },
        { "user@db.example.com", OutboundRefusal.NotAHost, "host name or an IP address" },
        { "db.example.com/app", OutboundRefusal.NotAHost, "host name or an IP address" },
        { "db example.com", OutboundRefusal.NotAHost, "host name or an IP address" },
        { "", OutboundRefusal.NotAHost, "host name or an IP address" },
    };

    [Theory]
    [MemberData(nameof(Good))]
    public async Task CheckAsync_PublicHosts_AreAllowed_WithTheAddressesToConnectTo(string host, string addresses)
    {
        var decision = await Policy().CheckAsync(host, 5432, 5432, CancellationToken.None);

        decision.IsAllowed.ShouldBeTrue(decision.Reason);
        string.Join(',', decision.Addresses).ShouldBe(addresses);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task CheckAsync_InternalOrMalformedHosts_AreRefusedWithoutTheOperatorsPermission(string host, OutboundRefusal refusal, string reason)
    {
        var decision = await Policy().CheckAsync(host, 5432, 5432, CancellationToken.None);

        decision.IsAllowed.ShouldBeFalse();
        decision.Refusal.ShouldBe(refusal);
        decision.Addresses.ShouldBeEmpty();
        decision.Reason.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public async Task CheckAsync_OnePrivateAddressAmongPublicOnes_RefusesTheWholeName_SayingWhichAddressAndHowToAllowIt()
    {
        var decision = await Policy().CheckAsync("rebind.example.com", 443, 443, CancellationToken.None);

        decision.Refusal.ShouldBe(OutboundRefusal.InternalAddress);
        decision.RefusedAddress.ShouldBe(IPAddress.Parse("10.0.0.5"));
        decision.AddressKind.ShouldBe("a private address");
        decision.Reason.ShouldBe(
            "Flows refused to connect: 'rebind.example.com' resolves to a private address (10.0.0.5). The Flows operator can allow it as rebind.example.com:443 in FLOWS_OUTBOUND_ALLOWED_HOSTS.");
    }

    [Theory]
    [InlineData("localhost:5433", "localhost", 5433)]
    [InlineData("127.0.0.1:5433", "127.0.0.1", 5433)]
    [InlineData("[::1]:5433", "::1", 5433)]
    [InlineData("db.internal.corp", "db.internal.corp", 5432)]
    [InlineData("10.1.2.3", "db.internal.corp", 5432)]
    [InlineData("169.254.169.254:5432", "169.254.169.254", 5432)]
    [InlineData(" db , 10.0.0.9:6000 ", "db", 5432)]
    [InlineData("DB.Internal.Corp.", "db.internal.corp", 5432)]
    public async Task CheckAsync_InternalEndpointsTheOperatorAllowed_AreAllowed(string allowed, string host, int port)
    {
        var decision = await Policy(allowed).CheckAsync(host, port, 5432, CancellationToken.None);

        decision.IsAllowed.ShouldBeTrue(decision.Reason);
    }

    [Theory]
    [InlineData("localhost:5433", "localhost", 5432)]
    [InlineData("127.0.0.1", "127.0.0.1", 5433)]
    [InlineData("127.0.0.1:5433", "127.0.0.2", 5433)]
    [InlineData("db.example.com", "rebind.example.com", 5432)]
    [InlineData("user@10.0.0.1:5432, http://10.0.0.1/x", "10.0.0.1", 5432)]
    public async Task CheckAsync_AnAllowListEntry_CoversOnlyItsOwnHostAndPort(string allowed, string host, int port)
    {
        var decision = await Policy(allowed).CheckAsync(host, port, 5432, CancellationToken.None);

        decision.IsAllowed.ShouldBeFalse();
    }

    [Fact]
    public async Task CheckAsync_APluginsOwnList_AllowsOnlyThatPlugin_AndItsVariableIsNamedFirst()
    {
        var postgres = Policy(pluginId: "flows.postgresql", pluginAllowed: "10.0.0.1");
        var salesforce = Policy(pluginId: "flows.salesforce");

        (await postgres.CheckAsync("10.0.0.1", 5432, 5432, CancellationToken.None)).IsAllowed.ShouldBeTrue();
        var refused = await salesforce.CheckAsync("10.0.0.1", 5432, 5432, CancellationToken.None);
        refused.Reason.ShouldNotBeNull().ShouldEndWith("in FLOWS_SALESFORCE_ALLOWED_HOSTS or FLOWS_OUTBOUND_ALLOWED_HOSTS.");
    }

    [Fact]
    public async Task CheckAsync_AnAllowedName_ConnectsToTheAddressesCheckedNow_IPv4First()
    {
        var decision = await Policy("localhost:5433").CheckAsync("localhost", 5433, 5432, CancellationToken.None);

        decision.Addresses.ShouldBe([IPAddress.Loopback, IPAddress.IPv6Loopback]);
        decision.Host.ShouldBe("localhost");
    }

    [Fact]
    public async Task CheckAsync_AnUnknownName_IsAnUnknownHost()
    {
        var decision = await Policy().CheckAsync("nosuchhost.example.com", 5432, 5432, CancellationToken.None);

        decision.Refusal.ShouldBe(OutboundRefusal.UnknownHost);
        decision.Host.ShouldBe("nosuchhost.example.com");
    }

    [Theory]
    [InlineData("standin.internal", "standin.internal", 443, 443, true)]
    [InlineData("standin.internal", "standin.internal", 8443, 443, false)]
    [InlineData("standin.internal:8443", "STANDIN.internal.", 8443, 443, true)]
    [InlineData("127.0.0.1:5555", "127.0.0.1", 5555, 80, true)]
    [InlineData("127.0.0.1:5555", "::ffff:127.0.0.1", 5555, 80, true)]
    [InlineData("", "127.0.0.1", 5555, 80, false)]
    public void IsAllowListed_MatchesHostAndPort_AnEntryWithoutPortOnlyTheDefault(string allowed, string host, int port, int defaultPort, bool expected)
    {
        Policy(allowed).IsAllowListed(host, port, defaultPort).ShouldBe(expected);
    }
}
