namespace Flows.Forms.Tests.Binding;

public sealed class FormValuesTests
{
    [Fact]
    public void Without_ARow_DropsEverythingPostedForThatRowOnly()
    {
        var values = new FormValues()
            .Add("servers[0].host", "a").Add("servers[1].host", "b").Add("servers[1].tags[0]", "x")
            .Add("servers[1].auth@", "0").Add("servers[1].key!clear", "true").Add("servers[10].host", "k")
            .Add("servers[12].host", "l").Add("name", "n");

        var left = values.Without("servers[1]");

        left.Names.Order(StringComparer.Ordinal).ShouldBe(["name", "servers[0].host", "servers[10].host", "servers[12].host"]);
        left.RowsOf("servers").ShouldBe([0, 10, 12]);
        values.Count.ShouldBe(8, "the original is not changed");
    }
}
