using System.Text.Json.Nodes;
using Flows.Forms;
using Flows.Forms.AspNetCore;
using Flows.Forms.Tests.Corpus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Flows.Web.BrowserTests.SchemaForms;

/// <summary>
/// Every loadable rjsf playground sample as a form of its own at <c>/rjsf/{name}</c>, opening with the
/// sample's formData, served in-process by Kestrel on a free loopback port.
/// </summary>
public sealed class RjsfPlaygroundSite : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>The samples the form engine takes (the others are listed, with why, in <see cref="PlaygroundExpectations.Outside"/>).</summary>
    public static IReadOnlyList<string> Loadable { get; } =
        [.. PlaygroundSample.Names.Where(name => !PlaygroundExpectations.Outside.ContainsKey(name))];

    public Uri Address { get; private set; } = default!;

    public static string PathOf(string name) => $"/rjsf/{name}";

    /// <summary>The sample's schema with its uiSchema, loaded as the engine's corpus tests load it.</summary>
    public static FormSchema Load(PlaygroundSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var loaded = FormSchema.Load(sample.Schema.ToJsonString(), sample.UiSchema.ToJsonString());
        return loaded.Schema ?? throw new InvalidOperationException($"{sample.Name}: {string.Join(" ", loaded.Errors)}");
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSchemaForms();
        _app = builder.Build();
        _app.MapSchemaFormAssets();
        foreach (var name in Loadable)
        {
            var sample = PlaygroundSample.Read(name);
            _app.MapSchemaForm(PathOf(name), Load(sample), new SchemaFormOptions { Initial = sample.FormData as JsonObject });
        }

        await _app.StartAsync();
        Address = new Uri(_app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
