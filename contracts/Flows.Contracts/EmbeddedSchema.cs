using System.Reflection;

namespace Flows.Contracts;

/// <summary>
/// Reads an account schema that the plugin project embeds from the same file its manifest points
/// to, so the schema has one source of truth: the file in the plugin folder.
/// </summary>
public static class EmbeddedSchema
{
    /// <summary>
    /// The text of the embedded resource <paramref name="logicalName"/> in <paramref name="assembly"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The resource is not in the assembly.</exception>
    public static string Read(Assembly assembly, string logicalName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException(
                $"Assembly '{assembly.GetName().Name}' has no embedded resource '{logicalName}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
