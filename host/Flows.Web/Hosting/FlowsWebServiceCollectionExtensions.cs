using Flows.Host.Hosting;
using Flows.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flows.Web.Hosting;

/// <summary>Registers the web host's services on top of the plugin and account services.</summary>
public static class FlowsWebServiceCollectionExtensions
{
    public static IServiceCollection AddFlowsWeb(this IServiceCollection services, FlowsWebOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton<AccessGate>();
        services.TryAddSingleton<FailedAttempts>();
        services.TryAddSingleton<ListenPolicy>();
        services.TryAddSingleton<FrontDoor>();
        services.AddHostedService<BoundAddressCheck>();
        services.AddRequestLimits();
        services.TryAddSingleton<Pages.BlankFormPages>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Forms.SecretDrafts>();
        // Pages are components rendered to plain HTML on the server: no circuit, no script of Blazor's.
        services.AddRazorComponents();
        services.AddHostedService<PluginFolderWatcher>();
        services.AddRouting();
        services.AddProblemDetails();
        services.AddOpenApi("v1", openApi => Api.ApiDocument.Configure(openApi));

        // Antiforgery tokens are protected with keys kept in the data directory, so a form left open
        // across a restart of the server still posts.
        // The keys can forge those tokens: like the account key, they are readable by their owner only.
        var keys = Path.Combine(new FlowsHostOptionsProbe(services).HomeDirectory, "state", "web-keys");
        if (!OperatingSystem.IsWindows())
        {
            PrivateFiles.CreateDirectory(keys);
        }

        services.AddDataProtection()
            .SetApplicationName("flows")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.FormFieldName = Pages.PageForm.AntiforgeryField;
            antiforgery.Cookie.Name = "flows_af";
            antiforgery.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            antiforgery.Cookie.HttpOnly = true;
            // Responses already say no-store for every page; the default would add a conflicting header.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }

    // The data directory is known only once AddFlowsPlugins has registered its options instance.
    private sealed class FlowsHostOptionsProbe(IServiceCollection services)
    {
        public string HomeDirectory =>
            (services.LastOrDefault(d => d.ServiceType == typeof(FlowsHostOptions))?.ImplementationInstance as FlowsHostOptions
             ?? throw new InvalidOperationException("Call AddFlowsPlugins before AddFlowsWeb.")).HomeDirectory;
    }
}
