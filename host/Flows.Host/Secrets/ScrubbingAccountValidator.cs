using System.Text.Json.Nodes;
using Flows.Contracts;
using Flows.Host.Accounts;

namespace Flows.Host.Secrets;

/// <summary>
/// The host's guarantee around a connector's validator: the secret values of the request (the fields
/// its account schema marks secret) never come back in the result, and are masked in the plugin's
/// log while the check runs and for a while after.
/// </summary>
public sealed class ScrubbingAccountValidator(IAccountValidator inner, string pluginId, IEnumerable<string> secretPointers, PluginSecretScrubbing scrubbing)
    : IAccountValidator
{
    private readonly string[] _secretPointers = [.. secretPointers];

    /// <inheritdoc/>
    public string AccountTypeId => inner.AccountTypeId;

    /// <inheritdoc/>
    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var secrets = SecretsOf(request);
        using (scrubbing.Track(pluginId, secrets))
        {
            var result = await inner.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
            return new SecretScrubber(secrets).Scrub(result);
        }
    }

    /// <summary>The text of every secret value in <paramref name="request"/> (each string or number inside a secret field or group).</summary>
    internal IReadOnlyList<string> SecretsOf(AccountValidationRequest request)
    {
        // The tokens of an OAuth account are secrets too, whatever its schema says.
        string?[] tokens = request.Authorization is { } authorization
            ? [authorization.AccessToken, authorization.RefreshToken, authorization.ClientSecret]
            : [];
        var known = tokens.OfType<string>();
        if (_secretPointers.Length == 0 || JsonNode.Parse(request.Values.GetRawText()) is not JsonObject values)
        {
            return [.. known];
        }

        var (_, secrets) = SecretValues.Split(values, _secretPointers);
        return [.. known, .. secrets.SelectMany(s => Leaves(JsonNode.Parse(s.Value)))];
    }

    private static IEnumerable<string> Leaves(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Leaves(p.Value)),
        JsonArray array => array.SelectMany(Leaves),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => [value.GetValue<string>()],
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => [value.ToJsonString()],
        _ => [],
    };
}
