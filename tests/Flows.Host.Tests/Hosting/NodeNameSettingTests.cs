using System.Collections;

namespace Flows.Host.Tests.Hosting;

/// <summary>A node's name among the nodes of a shared store: <c>Nodes:Name</c> in flows.json, or <c>FLOWS_NODE_NAME</c>.</summary>
public sealed class NodeNameSettingTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Configure_NothingSet_LeavesTheNameToTheServer()
    {
        Options().NodeName.ShouldBeNull();
    }

    [Fact]
    public void Configure_NameInFlowsJson_IsTheNodeName()
    {
        File.WriteAllText(Path.Combine(_sandbox.Home, FlowsConfiguration.FileName), """{ "Nodes": { "Name": "web-1" } }""");

        Options().NodeName.ShouldBe("web-1");
    }

    [Fact]
    public void Configure_TheVariable_WinsOverFlowsJson()
    {
        File.WriteAllText(Path.Combine(_sandbox.Home, FlowsConfiguration.FileName), """{ "Nodes": { "Name": "web-1" } }""");

        Options((FlowsHostOptions.NodeNameVariable, " web-2 ")).NodeName.ShouldBe("web-2");
    }

    private FlowsHostOptions Options(params (string Name, string Value)[] variables)
    {
        Directory.CreateDirectory(_sandbox.Home);
        var environment = new Hashtable { [FlowsHostOptions.HomeVariable] = _sandbox.Home };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        var options = new FlowsHostOptions();
        FlowsConfiguration.Configure(options, FlowsConfiguration.Build(environment));
        return options;
    }
}
