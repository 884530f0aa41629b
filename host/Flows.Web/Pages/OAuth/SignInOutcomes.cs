using System.Security.Cryptography;
using System.Text.Json;
using Flows.Host.Accounts;
using Flows.Host.OAuth.Handovers;

namespace Flows.Web.Pages.OAuth;

/// <summary>
/// How each sign-in ended, kept two minutes for the page that shows it: the provider's redirect lands
/// without the site's own cookies, so the result is shown one same-site step later — by any node of
/// a shared store, once, to the browser it belongs to.
/// </summary>
internal sealed class SignInOutcomes(TimeProvider time, SignInHandovers handovers)
{
    private const string Kind = "oauth-sign-in-outcome";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>Keeps the outcome of a sign-in that had a form (<see cref="SignInCompletion.Form"/>); its id.</summary>
    public async Task<string> KeepAsync(SignInCompletion completion, string binding, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var payload = JsonSerializer.SerializeToUtf8Bytes(SignInOutcome.Of(completion.Form!, completion.Result), SignInOutcomeJson.Default.SignInOutcome);
        await handovers.PutAsync(Kind, id, binding, payload, time.GetUtcNow() + Lifetime, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>The outcome, once, for the browser it belongs to.</summary>
    public async Task<SignInOutcome?> TakeAsync(string id, string binding, CancellationToken cancellationToken)
    {
        var taken = await handovers.TakeAsync(Kind, id, binding, cancellationToken).ConfigureAwait(false);
        return taken.Payload is { } payload ? JsonSerializer.Deserialize(payload, SignInOutcomeJson.Default.SignInOutcome) : null;
    }
}
