using System.Text.Json.Serialization;

namespace Flows.Cli.Output;

/// <summary>
/// The --json output shapes, serialised by generated code: reflection-based serialisation costs a
/// short-lived command tens of milliseconds of start-up. Output is for scripts and terminals, not
/// HTML, so quotes and dashes stay readable.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PluginListJson))]
[JsonSerializable(typeof(PluginInspectJson))]
[JsonSerializable(typeof(PluginCheckJson))]
[JsonSerializable(typeof(FormCheckJson[]))]
[JsonSerializable(typeof(Flows.Forms.FormModel))]
[JsonSerializable(typeof(AccountJson[]))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>Relaxed escaping: the output goes to terminals and scripts, never into a web page.</summary>
    public static CliJson Output { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    });

    /// <summary>An enum value as it appears in JSON: camelCase, like every property name.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
    }
}
