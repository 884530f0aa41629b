using Flows.Host.Hosting;
using Flows.Web.Api;
using Flows.Web.Pages;
using Flows.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flows.Web.Hosting;

/// <summary>The composition root of <c>flows serve</c>: Kestrel, the plugin and account services, the screens and the API.</summary>
public static class FlowsWebHost
{
    /// <summary>
    /// Builds the server. Throws <see cref="WebHostConfigurationException"/> with a sentence for the
    /// user when the addresses cannot or must not be used.
    /// </summary>
    public static WebApplication Build(FlowsWebOptions options, Action<FlowsHostOptions>? configureHost = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (addresses, problem) = ListenAddresses.Check(options.Urls, options.AccessToken);
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
            // Account forms are small; a huge post is a mistake or an attack.
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        configureLogging?.Invoke(builder.Logging);

        builder.Services
            .AddFlowsPlugins(configureHost)
            .AddFlowsAccounts()
            .AddFlowsWeb(options);
        builder.Services.AddSingleton(new ListenPolicy(addresses.All(ListenAddresses.IsLoopback)));

        var app = builder.Build();
        app.UseFlowsWeb();
        return app;
    }

    /// <summary>The request pipeline: security headers, the access gate, assets, screens, API.</summary>
    public static WebApplication UseFlowsWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gate = app.Services.GetRequiredService<AccessGate>();
        var policy = app.Services.GetRequiredService<ListenPolicy>();

        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorPages.UnhandledAsync, SuppressDiagnosticsCallback = _ => true });
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(context.Response);
                return Task.CompletedTask;
            });

            if (policy.LoopbackOnly && !AccessGate.IsLoopbackHost(context.Request.Host))
            {
                // A page on another site that rebinds its name to 127.0.0.1 arrives with its own name here.
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                await context.Response.WriteAsync("This server answers only to localhost, 127.0.0.1 and [::1].").ConfigureAwait(false);
                return;
            }

            var path = context.Request.Path;
            if (!gate.IsSignedIn(context.Request)
                && !path.StartsWithSegments("/assets", StringComparison.Ordinal)
                && !path.Equals(SignInPage.Path, StringComparison.Ordinal))
            {
                await SignInPage.ChallengeAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.MapAssets();
        app.MapFlowsPages();
        app.MapFlowsApi();
        app.MapOpenApi("/api/openapi.json");
        return app;
    }
}

/// <summary>Whether the server listens on loopback only (then the Host header is checked).</summary>
internal sealed record ListenPolicy(bool LoopbackOnly);

/// <summary>An address or credential that <c>flows serve</c> refuses, said in words.</summary>
public sealed class WebHostConfigurationException(string message) : Exception(message);
