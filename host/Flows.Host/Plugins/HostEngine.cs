using System.Reflection;
using Flows.Contracts;
using Semver;

namespace Flows.Host.Plugins;

/// <summary>The contracts version this host provides: what <c>engines.flows</c> ranges are matched against.</summary>
public static class HostEngine
{
    /// <summary>The version of the Flows.Contracts assembly the host runs with.</summary>
    public static SemVersion ContractsVersion { get; } = ReadContractsVersion();

    private static SemVersion ReadContractsVersion()
    {
        var assembly = typeof(IAccountDefinition).Assembly;
        var text = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? throw new InvalidOperationException("Flows.Contracts carries no version.");
        return SemVersion.Parse(text, SemVersionStyles.Strict);
    }
}
