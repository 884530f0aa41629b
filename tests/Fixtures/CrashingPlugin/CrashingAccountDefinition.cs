using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.CrashingPlugin;

/// <summary>
/// With a file named <c>exit-on-load</c> next to the assembly, its constructor ends the process
/// (exit code 4) while the host activates the plugin.
/// </summary>
[Export(typeof(IAccountDefinition))]
public sealed class CrashingAccountDefinition : IAccountDefinition
{
    public CrashingAccountDefinition()
    {
        if (File.Exists(Path.Combine(Path.GetDirectoryName(typeof(CrashingAccountDefinition).Assembly.Location)!, "exit-on-load")))
        {
            Environment.Exit(4);
        }
    }

    public string Id => CrashingAccountValidator.AccountType;

    public string Title => "Crashing fixture account";

    public string Description => "A host name and an API key.";

    public string Schema => EmbeddedSchema.Read(typeof(CrashingAccountDefinition).Assembly, "schemas/crashing.basic.schema.json");
}
