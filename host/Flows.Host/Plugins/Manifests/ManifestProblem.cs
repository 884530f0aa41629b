namespace Flows.Host.Plugins.Manifests;

/// <summary>One thing wrong with a manifest, at a JSON path such as <c>$.contributes.accounts[0].id</c>.</summary>
public sealed record ManifestProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
