using Flows.Host.Hosting;
using Flows.Web.Api;
using Flows.Web.Pages;
using Flows.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flows.Web.Hosting;

/// <summary>The composition root of <c>flows serve</c>: Kestrel, the plugin and account services, the screens and the API.</summary>
public static class FlowsWebHost
{
    /// <summary>
    /// Builds the server. Throws <see cref="WebHostConfigurationException"/> with a sentence for the
    /// user when the addresses cannot or must not be used, or the access credential is too easy to
    /// guess; starting it throws the same when the addresses it bound break the listening rule.
    /// </summary>
    public static WebApplication Build(FlowsWebOptions options, Action<FlowsHostOptions>? configureHost = null, Action<ILoggingBuilder>? configureLogging = null) =>
        Build(options, null, configureHost, configureLogging);

    /// <summary>
    /// Builds the server with the operator's settings (<see cref="FlowsConfiguration"/>) and then
    /// <paramref name="configureHost"/> applied to the host's options.
    /// </summary>
    public static WebApplication Build(FlowsWebOptions options, IConfiguration? configuration, Action<FlowsHostOptions>? configureHost = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (addresses, problem) = ListenAddresses.Check(options.Urls, options.AccessToken);
        problem ??= options.AccessToken is { } token ? AccessCredentialStrength.Problem(token) : null;
        if (problem is not null)
        {
            throw new WebHostConfigurationException(problem);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "flows",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls([.. addresses.Select(a => a.GetLeftPart(UriPartial.Authority))]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            RequestLimits.Apply(kestrel);
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // The host logs unhandled errors itself, by exception type; ASP.NET's own line would carry the message.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);
        // A request Kestrel cannot read (too large, malformed) is answered and logged by the host in a
        // sentence; Kestrel's own debug line adds the exception with its stack trace.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Information);
        configureLogging?.Invoke(builder.Logging);

        builder.Services
            .AddFlowsPlugins(configuration, configureHost)
            .AddFlowsAccounts(configuration)
            .AddFlowsWeb(options);

        var app = builder.Build();
        // Here, not when a key is first needed: a data directory that cannot hold the keys is said
        // before the server starts.
        WebKeys.CreateDirectory(app.Services.GetRequiredService<FlowsHostOptions>());
        app.UseFlowsWeb();
        return app;
    }

    /// <summary>The request pipeline: the front door (addresses, Host, credential), request limits, assets, screens, API.</summary>
    public static WebApplication UseFlowsWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var frontDoor = app.Services.GetRequiredService<FrontDoor>();

        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = Pages.Errors.ErrorPages.UnhandledAsync, SuppressDiagnosticsCallback = _ => true });
        app.Use(frontDoor.InvokeAsync);
        app.Use(RequestLimits.ReadFormsWithinLimitsAsync);
        app.MapAssets();
        app.MapFlowsPages();
        app.MapFlowsApi();
        app.MapOpenApi("/api/openapi.json");
        return app;
    }
}

/// <summary>An address or credential that <c>flows serve</c> refuses, said in words.</summary>
public sealed class WebHostConfigurationException(string message) : Exception(message);
