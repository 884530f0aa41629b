using Flows.Contracts;

namespace Flows.Host.Plugins.Isolation;

/// <summary>An account definition a worker reported: its data, copied across the process boundary.</summary>
internal sealed record RemoteAccountDefinition(string Id, string Title, string Description, string Schema) : IAccountDefinition;
