namespace Flows.Host.Plugins;

/// <summary>The one status every plugin has.</summary>
public enum PluginStatus
{
    /// <summary>Valid, compatible and enabled: its contributions are available; its code loads on first need.</summary>
    Active,

    /// <summary>Turned off by the user; nothing it contributes is offered.</summary>
    Disabled,

    /// <summary>Built for a contracts version this host does not provide.</summary>
    Incompatible,

    /// <summary>Another copy of the same plugin id with a higher version is used instead.</summary>
    Superseded,

    /// <summary>Broken at some stage; <see cref="PluginInfo.Stage"/> and <see cref="PluginInfo.Reason"/> say where and why.</summary>
    Faulted,
}

/// <summary>The loading stage a status was decided at.</summary>
public enum PluginStage
{
    /// <summary>Reading the plugin folder and its plugin.json.</summary>
    Manifest,

    /// <summary>Checking engines.flows against the host's contracts version.</summary>
    Compatibility,

    /// <summary>Resolving and checking the files the manifest names.</summary>
    Files,

    /// <summary>Comparing with the other plugins (same id, same account-type id).</summary>
    Conflicts,

    /// <summary>The user's choice to enable or disable the plugin.</summary>
    Settings,

    /// <summary>Loading the entry assembly into the plugin's own load context.</summary>
    Load,

    /// <summary>Composing the plugin's MEF exports (this runs plugin constructors).</summary>
    Compose,

    /// <summary>Cross-checking the exports against the manifest.</summary>
    Verify,
}
