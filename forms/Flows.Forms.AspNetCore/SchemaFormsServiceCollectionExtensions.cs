using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flows.Forms.AspNetCore;

/// <summary>Registers what schema forms need in an ASP.NET Core app.</summary>
public static class SchemaFormsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SecretDrafts"/> (typed secrets kept sealed across a refused post), the clock it
    /// reads, data protection and antiforgery. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddSchemaForms(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection();
        services.AddAntiforgery();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SecretDrafts>();
        // Forms are components rendered to HTML on the server: no circuit, no script of Blazor's.
        services.AddRazorComponents();
        return services;
    }
}
