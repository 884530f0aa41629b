using Flows.Host.Plugins.Nodes;

namespace Flows.Host.Tests.Plugins.Nodes;

public sealed class PluginDisagreementsTests
{
    [Fact]
    public void Find_SameVersionsEverywhere_FindsNothing()
    {
        var nodes = new[] { Node("node-a", ("fixture.good", "1.2.0")), Node("node-b", ("fixture.good", "1.2.0")) };

        PluginDisagreements.Find(nodes).ShouldBeEmpty();
    }

    [Fact]
    public void Find_OneNodeOnly_FindsNothing()
    {
        PluginDisagreements.Find([Node("node-a", ("fixture.good", "1.2.0"))]).ShouldBeEmpty();
    }

    [Fact]
    public void Find_DifferentVersions_NamesEachVersionHighestFirstWithItsNodes()
    {
        var nodes = new[]
        {
            Node("node-c", ("fixture.good", "1.2.0")),
            Node("node-b", ("fixture.good", "1.0.0")),
            Node("node-a", ("fixture.good", "1.2.0")),
        };

        var disagreement = PluginDisagreements.Find(nodes).ShouldHaveSingleItem();

        disagreement.PluginId.ShouldBe("fixture.good");
        disagreement.Versions.Select(v => v.Version).ShouldBe(["1.2.0", "1.0.0"]);
        disagreement.Versions[0].Nodes.ShouldBe(["node-a", "node-c"]);
        disagreement.MissingOn.ShouldBeEmpty();
        disagreement.Sentence.ShouldBe("Nodes disagree on fixture.good: 1.2.0 on node-a, node-c; 1.0.0 on node-b.");
    }

    [Fact]
    public void Find_OrdersVersionsBySemVerNotAsText_TenAboveNine()
    {
        var nodes = new[] { Node("node-a", ("p", "1.9.0")), Node("node-b", ("p", "1.10.0")) };

        PluginDisagreements.Find(nodes).Single().Versions.Select(v => v.Version).ShouldBe(["1.10.0", "1.9.0"]);
    }

    [Fact]
    public void Find_APrereleaseIsBelowItsRelease()
    {
        var nodes = new[] { Node("node-a", ("p", "2.0.0-beta.2")), Node("node-b", ("p", "2.0.0")), Node("node-c", ("p", "2.0.0-beta.10")) };

        // beta.10 is above beta.2 (numeric identifiers compare as numbers).
        PluginDisagreements.Find(nodes).Single().Versions.Select(v => v.Version).ShouldBe(["2.0.0", "2.0.0-beta.10", "2.0.0-beta.2"]);
    }

    [Fact]
    public void Find_VersionsThatDifferOnlyInBuildMetadata_Agree()
    {
        var nodes = new[] { Node("node-a", ("p", "1.0.0+build.1")), Node("node-b", ("p", "1.0.0+build.2")) };

        PluginDisagreements.Find(nodes).ShouldBeEmpty();
    }

    [Fact]
    public void Find_APluginOnSomeNodesOnly_NamesTheNodesWithoutIt()
    {
        var nodes = new[]
        {
            Node("node-a", ("fixture.good", "1.0.0"), ("fixture.extra", "0.3.0")),
            Node("node-b", ("fixture.good", "1.0.0")),
        };

        var disagreement = PluginDisagreements.Find(nodes).ShouldHaveSingleItem();

        disagreement.PluginId.ShouldBe("fixture.extra");
        disagreement.MissingOn.ShouldBe(["node-b"]);
        disagreement.Sentence.ShouldBe("Nodes disagree on fixture.extra: 0.3.0 on node-a; not installed on node-b.");
    }

    [Fact]
    public void Find_AnUnreadableVersion_IsItsOwnGroupAfterTheSemVerOnes()
    {
        var nodes = new[] { Node("node-a", ("p", null)), Node("node-b", ("p", "1.0.0")) };

        PluginDisagreements.Find(nodes).Single().Sentence.ShouldBe("Nodes disagree on p: 1.0.0 on node-b; an unreadable version on node-a.");
    }

    [Fact]
    public void Of_LeavesOutSupersededCopies()
    {
        var plugins = new[]
        {
            Info("fixture.good", PluginStatus.Superseded),
            Info("fixture.good", PluginStatus.Active),
            Info("fixture.broken", PluginStatus.Faulted),
        };

        NodePlugins.Of(plugins).ShouldBe([new NodePlugin("fixture.broken", null, "faulted"), new NodePlugin("fixture.good", null, "active")]);
    }

    private static NodePlugins Node(string name, params (string Id, string? Version)[] plugins) =>
        new(name, "1.0.0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [.. plugins.Select(p => new NodePlugin(p.Id, p.Version, "active"))]);

    private static PluginInfo Info(string id, PluginStatus status) =>
        new() { Id = id, Directory = "/plugins/" + id, Source = PluginSource.User, Status = status };
}
