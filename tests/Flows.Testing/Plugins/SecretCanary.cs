using Flows.Contracts;

namespace Flows.Testing;

/// <summary>
/// Collects everything a connector said across many checks — messages, field errors, warnings, who the
/// account belongs to, exceptions, log entries — to show afterwards that no secret ever appears in it.
/// </summary>
public sealed class SecretCanary
{
    private readonly List<string> _seen = [];

    /// <summary>Everything collected so far.</summary>
    public IReadOnlyList<string> Seen => _seen;

    /// <summary>Runs one check and keeps every text of its answer, or the exception it threw.</summary>
    public async Task RecordAsync(Func<Task<AccountValidationResult>> validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        try
        {
            var result = await validate().ConfigureAwait(false);
            _seen.Add(result.Message);
            _seen.AddRange(result.FieldErrors.Select(e => e.Message));
            _seen.AddRange(result.Warnings);
            if (result.IdentitySummary is { } summary)
            {
                _seen.Add(summary);
            }
        }
#pragma warning disable CA1031 // Whatever a check throws is part of what it said.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _seen.Add(exception.ToString());
        }
    }

    /// <summary>Keeps <paramref name="texts"/> too (log entries).</summary>
    public void Add(IEnumerable<string> texts) => _seen.AddRange(texts);

    /// <summary>Fails, naming the secret, if any of <paramref name="secrets"/> appears in anything collected.</summary>
    public void ShouldNotContainAny(params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            _seen.ShouldNotContain(s => s.Contains(secret, StringComparison.Ordinal), $"'{secret}' leaked");
        }
    }
}
