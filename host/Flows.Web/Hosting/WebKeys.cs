using Flows.Host.Hosting;

namespace Flows.Web.Hosting;

/// <summary>
/// Where the server keeps the keys that protect its antiforgery tokens: <c>state/web-keys</c> in the
/// data directory. The keys can forge those tokens: like the account key, they are readable by their
/// owner only.
/// </summary>
internal static class WebKeys
{
    public static DirectoryInfo CreateDirectory(FlowsHostOptions host)
    {
        var keys = Path.Combine(host.HomeDirectory, "state", "web-keys");
        if (!OperatingSystem.IsWindows())
        {
            PrivateFiles.CreateDirectory(keys);
        }

        return new DirectoryInfo(keys);
    }
}
