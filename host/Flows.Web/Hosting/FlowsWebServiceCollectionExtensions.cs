using Flows.Forms.AspNetCore;
using Flows.Host.Hosting;
using Flows.Host.Store;
using Flows.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

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
        services.AddSchemaForms();
        services.TryAddSingleton<Pages.OAuth.SignInOutcomes>();
        // Pages are components rendered to plain HTML on the server: no circuit, no script of Blazor's.
        services.AddRazorComponents();
        services.AddHostedService<PluginFolderWatcher>();
        services.AddRouting();
        services.AddProblemDetails();
        services.AddOpenApi("v1", openApi => Api.ApiDocument.Configure(openApi));

        // Antiforgery tokens are protected with keys kept in the data directory, so a form left open
        // across a restart of the server still posts; with a shared store, in the store, so a form
        // opened on one node posts to another.
        services.AddDataProtection()
            .SetApplicationName("flows");
        services.AddOptions<KeyManagementOptions>()
            .Configure<FlowsHostOptions, NodeSharing, ILoggerFactory>((keys, host, sharing, loggers) =>
                keys.XmlRepository = sharing.Documents is { } shared
                    ? new SharedXmlRepository(shared)
                    : new FileSystemXmlRepository(WebKeys.CreateDirectory(host), loggers));
        services.AddHostedService<SharedChangesListener>();
        services.AddHostedService<NodePluginsPublisher>();
        services.TryAddSingleton<NodeDisagreementsCache>();
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
}
