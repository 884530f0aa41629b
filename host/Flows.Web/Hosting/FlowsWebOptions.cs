using Flows.Host.Hosting;
using Microsoft.Extensions.Configuration;

namespace Flows.Web.Hosting;

/// <summary>How <c>flows serve</c> listens and whom it lets in.</summary>
public sealed class FlowsWebOptions
{
    /// <summary>The environment variable holding the access credential.</summary>
    public const string AccessTokenVariable = FlowsHostOptions.AccessTokenVariable;

    /// <summary>The address used when none is given: loopback only, a fixed port so links can be bookmarked.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Addresses to listen on, separated by ';' (ASP.NET's usual <c>--urls</c>).</summary>
    public string Urls { get; set; } = DefaultUrl;

    /// <summary>
    /// When set, every request must present it (a bearer token, or the cookie the sign-in page
    /// sets). Required to listen on anything but loopback.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Wrong access credentials one client address may present per <see cref="FailedAccessAttemptWindow"/>;
    /// after that everything it presents is answered 429 until the window ends.
    /// </summary>
    public int FailedAccessAttemptLimit { get; set; } = 10;

    /// <summary>The period over which <see cref="FailedAccessAttemptLimit"/> counts.</summary>
    public TimeSpan FailedAccessAttemptWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The options of a server listening on <paramref name="urls"/>, with the access credential the operator's settings hold.</summary>
    public static FlowsWebOptions From(IConfiguration configuration, string urls)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new FlowsWebOptions
        {
            Urls = urls,
            AccessToken = configuration[FlowsConfiguration.AccessTokenKey] is { Length: > 0 } token ? token : null,
        };
    }
}
