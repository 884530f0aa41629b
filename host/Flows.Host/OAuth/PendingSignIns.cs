using System.Globalization;
using System.Text.Json;
using Flows.Host.OAuth.Handovers;
using Flows.Host.OAuth.Protocol;
using Microsoft.Extensions.Options;

namespace Flows.Host.OAuth;

/// <summary>
/// Browser sign-ins under way, by their <c>state</c>: each is single-use, expires after
/// <see cref="Lifetime"/>, and completes only for the browser (or terminal) that started it. They are
/// kept as hand-overs: in this process's memory with a SQLite store (a restart forgets them, and the
/// person signs in again), in the database with a shared store, so the provider may send the browser
/// back to any node.
/// </summary>
public sealed class PendingSignIns(TimeProvider time, IOptions<OAuthOptions> options, SignInHandovers handovers)
{
    private const string Kind = "oauth-sign-in";

    /// <summary>How long a person has to sign in at the provider.</summary>
    public TimeSpan Lifetime { get; } = options.Value.SignInLifetime;

    internal Task AddAsync(string state, string binding, PendingSignIn signIn, CancellationToken cancellationToken) =>
        handovers.PutAsync(Kind, state, binding, JsonSerializer.SerializeToUtf8Bytes(signIn, PendingSignInJson.Default.PendingSignIn), time.GetUtcNow() + Lifetime, cancellationToken);

    /// <summary>The sign-in of <paramref name="state"/>, removed so it cannot be used twice; or why there is none.</summary>
    internal async Task<(PendingSignIn? SignIn, string? Problem)> TakeAsync(string? state, string binding, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state))
        {
            return (null, Unknown);
        }

        var taken = await handovers.TakeAsync(Kind, state, binding, cancellationToken).ConfigureAwait(false);
        return taken.Refusal switch
        {
            HandoverRefusal.None => (JsonSerializer.Deserialize(taken.Payload, PendingSignInJson.Default.PendingSignIn), null),
            HandoverRefusal.OtherBrowser => (null, "This sign-in was started in another browser, so it cannot finish here. Nothing was saved; start again from the account form in this browser."),
            HandoverRefusal.Expired => (null, $"This sign-in took longer than {LifetimeInWords} and expired. Nothing was saved; start again from the account form."),
            HandoverRefusal.Unreadable => (null, "This sign-in was started on a Flows node with another account key, so it cannot finish here. Nothing was saved; give every node the same key (FLOWS_SECRET_KEY) and start again from the account form."),
            _ => (null, Unknown),
        };
    }

    private const string Unknown = "This sign-in is not known: it was already used, or it was started before Flows restarted. Nothing was saved; start again from the account form.";

    // The setting takes fractions of a minute: under two minutes, seconds say it truthfully.
    private string LifetimeInWords => Lifetime.TotalMinutes >= 2
        ? $"{Lifetime.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes"
        : $"{Lifetime.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} seconds";
}

/// <summary>
/// A started sign-in as handed to the node that finishes it: what rebuilds the checked form there
/// (its values, secrets included), the account it edits or replaces, and the PKCE verifier. The
/// provider's endpoints and client come from the finishing node's own configuration.
/// </summary>
internal sealed record PendingSignIn(
    string AccountTypeId,
    string PluginId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    string? AccountId,
    long? ReadVersion,
    string? ReplacesAccountId,
    long? ReplacesVersion,
    string CodeVerifier,
    Uri RedirectUri);

[System.Text.Json.Serialization.JsonSerializable(typeof(PendingSignIn))]
internal sealed partial class PendingSignInJson : System.Text.Json.Serialization.JsonSerializerContext;
