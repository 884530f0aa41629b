using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flows.Host.OAuth.Protocol;

/// <summary>Registers the host's OAuth protocol client.</summary>
public static class OAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OAuthClient"/> with the operator's client ids and secrets from
    /// <paramref name="configuration"/>'s <c>OAuth:Clients:&lt;configKey&gt;</c> (<c>ClientId</c>, <c>ClientSecret</c>).
    /// Needs the plugins' outbound services (<c>AddFlowsPlugins</c>).
    /// </summary>
    public static IServiceCollection AddFlowsOAuthProtocol(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<OAuthOptions>();
        if (configuration is not null)
        {
            options.Configure(o => Bind(o, configuration.GetSection(OAuthOptions.Section)));
        }

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OAuthClient>();
        return services;
    }

    private static void Bind(OAuthOptions options, IConfigurationSection section)
    {
        // Fractions allowed, so a test can make a sign-in expire in seconds.
        if (double.TryParse(section["SignInMinutes"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= 60)
        {
            options.SignInLifetime = TimeSpan.FromMinutes(minutes);
        }

        foreach (var client in section.GetSection("Clients").GetChildren())
        {
            options.Clients[client.Key] = new OAuthClientCredentials
            {
                ClientId = client["ClientId"],
                ClientSecret = client["ClientSecret"],
            };
        }
    }
}
