namespace Flows.Host.Plugins.Discovery;

/// <summary>
/// Identifies one build of a plugin cheaply (version plus the entry assembly's size and time), so a
/// remembered activation failure applies to that build only and is forgotten when it is replaced.
/// </summary>
public static class PluginFingerprint
{
    public static string Of(PluginInfo plugin)
    {
        if (plugin.Manifest is not { } manifest)
        {
            return string.Empty;
        }

        var main = new FileInfo(manifest.MainPath);
        return main.Exists
            ? $"{manifest.Version}|{main.Length}|{main.LastWriteTimeUtc.Ticks}"
            : $"{manifest.Version}|missing";
    }
}
