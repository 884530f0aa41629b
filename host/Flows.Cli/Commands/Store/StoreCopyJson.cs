using System.Text.Json.Serialization;
using Flows.Host.Accounts;

namespace Flows.Cli.Commands.Store;

/// <summary>What `flows store copy --json` writes: the rows copied, where from and to, and what the verification found.</summary>
internal sealed record StoreCopyJson(
    string From,
    string To,
    int Accounts,
    int Secrets,
    int SignIns,
    bool Verified,
    StoreRowCounts Expected,
    StoreRowCounts Found,
    IReadOnlyList<UnreadableAccount> Unreadable)
{
    public static StoreCopyJson Of(StoreCopyResult result) => new(
        result.Source, result.Target, result.Copied.Accounts, result.Copied.Secrets, result.Copied.SignIns, result.Verified, result.Expected, result.Found, result.Unreadable);
}

/// <summary>The serialiser of <see cref="StoreCopyJson"/>, generated like the other commands' output.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoreCopyJson))]
internal sealed partial class StoreJson : JsonSerializerContext
{
    /// <summary>Relaxed escaping, as the other commands' output: it goes to terminals and scripts, never into a web page.</summary>
    public static StoreJson Output { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
