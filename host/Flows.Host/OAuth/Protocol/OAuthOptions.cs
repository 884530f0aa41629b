namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// The operator's OAuth settings (configuration section <c>OAuth</c>): client ids and secrets by the
/// name an account type declares in <c>client.configKey</c>, so users only click "Sign in".
/// </summary>
public sealed class OAuthOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "OAuth";

    /// <summary>Client credentials by config key (<c>OAuth:Clients:&lt;configKey&gt;</c>).</summary>
    public IDictionary<string, OAuthClientCredentials> Clients { get; } = new Dictionary<string, OAuthClientCredentials>(StringComparer.Ordinal);

    /// <summary>How long a person has to sign in at the provider (<c>OAuth:SignInMinutes</c>, 1–60; default 10).</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>One registered app at a provider: its client id and, for confidential apps, its secret.</summary>
public sealed class OAuthClientCredentials
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }
}
