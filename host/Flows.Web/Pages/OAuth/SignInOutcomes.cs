using System.Collections.Concurrent;
using System.Security.Cryptography;
using Flows.Host.Accounts;

namespace Flows.Web.Pages.OAuth;

/// <summary>
/// How each sign-in ended, kept a minute for the page that shows it: the provider's redirect lands
/// without the site's own cookies, so the result is shown one same-site step later.
/// </summary>
internal sealed class SignInOutcomes(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (SignInCompletion Completion, string Binding, DateTimeOffset ExpiresAt)> _outcomes = new(StringComparer.Ordinal);

    public string Keep(SignInCompletion completion, string binding)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _outcomes)
        {
            if (entry.ExpiresAt <= now)
            {
                _outcomes.TryRemove(key, out _);
            }
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _outcomes[id] = (completion, binding, now + Lifetime);
        return id;
    }

    /// <summary>The outcome, once, for the browser it belongs to.</summary>
    public SignInCompletion? Take(string id, string binding) =>
        _outcomes.TryGetValue(id, out var entry) && entry.Binding == binding && entry.ExpiresAt > time.GetUtcNow() && _outcomes.TryRemove(id, out _)
            ? entry.Completion
            : null;
}
