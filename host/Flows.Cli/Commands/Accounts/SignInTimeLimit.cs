using System.CommandLine.Parsing;
using System.Globalization;

namespace Flows.Cli.Commands.Accounts;

/// <summary>
/// The value of <c>--sign-in-timeout</c>: a number of minutes (<c>5</c>), or a number with its unit
/// (<c>90s</c>, <c>10m</c>), at most an hour; and the same span in words for the terminal.
/// </summary>
internal static class SignInTimeLimit
{
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : string.Empty;
        var (number, unit) = text.EndsWith('s') ? (text[..^1], TimeSpan.FromSeconds(1))
            : text.EndsWith('m') ? (text[..^1], TimeSpan.FromMinutes(1))
            : (text, TimeSpan.FromMinutes(1));
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || unit * count > Longest)
        {
            result.AddError($"--sign-in-timeout takes minutes (5) or a number with s or m (90s, 10m), at most 60 minutes; '{text}' is not one.");
            return LoopbackSignIn.DefaultTimeLimit;
        }

        return unit * count;
    }

    /// <summary>"5 minutes", "1 minute", "90 seconds".</summary>
    public static string Describe(TimeSpan limit) =>
        limit.TotalSeconds % 60 == 0
            ? limit.TotalMinutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{limit.TotalMinutes:0} minutes")
            : limit.TotalSeconds == 1 ? "1 second" : string.Create(CultureInfo.InvariantCulture, $"{limit.TotalSeconds:0} seconds");
}
