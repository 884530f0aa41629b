using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.HostilePlugin;

/// <summary>An account type whose every text (here and in its schema) carries markup that must never run.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class HostileAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture-hostile.basic";

    public string Id => AccountTypeId;

    public string Title => "Hostile <img src=x onerror=\"window.__pwned=2;alert(2)\">";

    public string Description => "\"><svg onload=\"window.__pwned=3;alert(3)\"> <a href=\"javascript:alert(4)\">javascript:alert(4)</a>";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(HostileAccountDefinition).Assembly, "schemas/hostile.basic.schema.json");
}
