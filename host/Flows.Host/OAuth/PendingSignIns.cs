using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Flows.Host.Accounts;
using Flows.Host.OAuth.Protocol;
using Microsoft.Extensions.Options;

namespace Flows.Host.OAuth;

/// <summary>
/// Browser sign-ins under way, by their <c>state</c>: each is single-use, expires after
/// <see cref="Lifetime"/>, and completes only for the browser (or terminal) that started it.
/// They live in this process's memory: a host restart forgets them, and the person signs in again.
/// </summary>
public sealed class PendingSignIns(TimeProvider time, IOptions<OAuthOptions> options)
{
    /// <summary>How long a person has to sign in at the provider.</summary>
    public TimeSpan Lifetime { get; } = options.Value.SignInLifetime;

    // Enough for any number of people signing in at once; an endless stream of abandoned starts cannot grow it further.
    private const int MaxPending = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _pending = new(StringComparer.Ordinal);

    internal void Add(PendingSignIn signIn)
    {
        Sweep();
        if (_pending.Count >= MaxPending)
        {
            throw new InvalidOperationException("Too many sign-ins are under way; try again in a few minutes.");
        }

        _pending[signIn.State] = new Entry(signIn, Hash(signIn.Binding), time.GetUtcNow() + Lifetime);
    }

    /// <summary>The sign-in of <paramref name="state"/>, removed so it cannot be used twice; or why there is none.</summary>
    internal (PendingSignIn? SignIn, string? Problem) Take(string? state, string binding)
    {
        if (string.IsNullOrEmpty(state) || !_pending.TryGetValue(state, out var entry))
        {
            return (null, "This sign-in is not known: it was already used, or it was started before Flows restarted. Nothing was saved; start again from the account form.");
        }

        if (!CryptographicOperations.FixedTimeEquals(entry.BindingHash, Hash(binding)))
        {
            // Left in place: the browser that started it may still finish it.
            return (null, "This sign-in was started in another browser, so it cannot finish here. Nothing was saved; start again from the account form in this browser.");
        }

        if (!_pending.TryRemove(new KeyValuePair<string, Entry>(state, entry)))
        {
            return (null, "This sign-in was already used. Nothing more was saved.");
        }

        return entry.ExpiresAt <= time.GetUtcNow()
            ? (null, $"This sign-in took longer than {LifetimeInWords} and expired. Nothing was saved; start again from the account form.")
            : (entry.SignIn, null);
    }

    // The setting takes fractions of a minute: under two minutes, seconds say it truthfully.
    private string LifetimeInWords => Lifetime.TotalMinutes >= 2
        ? $"{Lifetime.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes"
        : $"{Lifetime.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} seconds";

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (state, entry) in _pending)
        {
            if (entry.ExpiresAt <= now)
            {
                _pending.TryRemove(state, out _);
            }
        }
    }

    private static byte[] Hash(string binding) => SHA256.HashData(Encoding.UTF8.GetBytes(binding));

    private sealed record Entry(PendingSignIn SignIn, byte[] BindingHash, DateTimeOffset ExpiresAt);
}

/// <summary>A started sign-in: the checked form, the resolved endpoints and client, the PKCE verifier.</summary>
internal sealed record PendingSignIn(string State, string Binding, PreparedAccount Account, OAuthContext Context, string CodeVerifier, Uri RedirectUri);
