using Flows.Cli.Output;
using Flows.Host.Plugins.Packages;

namespace Flows.Cli.Commands.Plugins;

/// <summary>
/// `flows plugins pack &lt;project|folder&gt;`: builds a project in Release, runs the checks of
/// `flows plugins check`, and writes &lt;id&gt;-&lt;version&gt;.flowsplugin; exit 1 when it refuses.
/// </summary>
internal sealed class PackPluginHandler(PluginPacker packer, CliOutput output)
{
    public async Task<int> RunAsync(string source, string outputDirectory, CancellationToken cancellationToken)
    {
        var located = PluginPacker.Locate(source);
        if (located.Error is { } error)
        {
            output.Error(error);
            return 2;
        }

        if (located.IsProject)
        {
            // A build takes a while; say what is happening before it starts.
            output.Line($"Building {Display(located.Path)} in Release…");
        }

        var result = await packer.PackAsync(located, outputDirectory, cancellationToken).ConfigureAwait(false);
        if (!result.Packed)
        {
            output.Error($"refused to pack '{source}' ({result.Problems.Count} problem(s)):");
            foreach (var problem in result.Problems)
            {
                output.ErrorDetail(problem);
            }

            return 1;
        }

        var plugin = result.Plugin!;
        var size = new FileInfo(result.PackagePath!).Length;
        output.Success($"Packed {plugin.Id} {plugin.Version} ({result.FileCount} file(s), {size / 1024.0:0.#} KB), checked and loaded: {result.PackagePath}");
        output.Line($"  Install it with: flows plugins install {Display(result.PackagePath!)}");
        return 0;
    }

    // Relative to the current folder when it is below it, as the user typed it; otherwise in full.
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
