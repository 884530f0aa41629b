using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flows.Forms.AspNetCore;

/// <summary>
/// Renders a component to an HTML string outside a request (the CLI's preview page, tests). The
/// encoder leaves non-ASCII text as it is (it is still UTF-8 and markup-safe), so titles read in the source.
/// </summary>
public static class ComponentHtml
{
    private static readonly Lazy<IServiceProvider> Services = new(() => new ServiceCollection()
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
        .BuildServiceProvider());

    /// <summary>The HTML of <typeparamref name="TComponent"/> rendered with <paramref name="parameters"/>.</summary>
    /// <typeparam name="TComponent">The component to render, such as <see cref="SchemaFormPage"/>.</typeparam>
    /// <param name="parameters">The component's parameters, by name.</param>
    public static string Render<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        using var renderer = new HtmlRenderer(Services.Value, NullLoggerFactory.Instance);

        // Form components render synchronously, so this completes without waiting on anything.
        return renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters)).ConfigureAwait(false);
            return output.ToHtmlString();
        }).GetAwaiter().GetResult();
    }
}
