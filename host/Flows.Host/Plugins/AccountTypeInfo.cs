namespace Flows.Host.Plugins;

/// <summary>An account type offered by an Active plugin, known from its manifest alone.</summary>
public sealed record AccountTypeInfo(string Id, string Title, string Description, string SchemaPath, PluginInfo Plugin);
