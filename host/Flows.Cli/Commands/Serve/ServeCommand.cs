using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Cli.Commands.Serve;

/// <summary>`flows serve`: the web UI and JSON API.</summary>
internal static class ServeCommand
{
    public static Command Create(Func<IServiceProvider> services)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (default http://127.0.0.1:5080). Anything but loopback needs FLOWS_ACCESS_TOKEN.",
            DefaultValueFactory = _ => Flows.Web.Hosting.FlowsWebOptions.DefaultUrl,
        };
        var serve = new Command("serve", "Run the web UI and JSON API: connectors, account forms, plugin status.") { urls };
        serve.SetAction((result, cancellationToken) =>
            services().GetRequiredService<ServeHandler>().RunAsync(result.GetValue(urls)!, result.GetValue(FlowsCommandLine.Verbose), cancellationToken));
        return serve;
    }
}
