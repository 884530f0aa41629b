using Flows.Cli.Logging;
using Flows.Cli.Output;
using Flows.Host.Hosting;
using Flows.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flows.Cli.Commands.Serve;

/// <summary>
/// Starts the web host (its own composition root: the server needs ASP.NET's container features)
/// with the same data directory and plugin folders as every other command, and says where it listens.
/// </summary>
internal sealed class ServeHandler(CliOutput output, FlowsHostOptions hostOptions, IConfiguration configuration)
{
    public async Task<int> RunAsync(string urls, bool verbose, CancellationToken cancellationToken)
    {
        var options = FlowsWebOptions.From(configuration, urls);
        WebApplication app;
        try
        {
            app = FlowsWebHost.Build(
                options,
                configuration,
                host =>
                {
                    host.HomeDirectory = hostOptions.HomeDirectory;
                    host.BundledPluginsDirectory = hostOptions.BundledPluginsDirectory;
                    host.ActivationTimeout = hostOptions.ActivationTimeout;
                    host.ValidationTimeout = hostOptions.ValidationTimeout;
                    host.PluginWorker = hostOptions.PluginWorker;
                    host.ConfinePlugins = hostOptions.ConfinePlugins;
                },
                logging =>
                {
                    var minimum = verbose ? LogLevel.Debug : LogLevel.Warning;
                    logging.AddProvider(new StandardErrorLoggerProvider(minimum));
                    logging.SetMinimumLevel(minimum);
                    // A failed start is reported below in one sentence, not as a stack trace.
                    logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
                });
        }
        catch (WebHostConfigurationException exception)
        {
            output.Error(exception.Message);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                output.Error($"Could not listen on {urls}: the port is in use. Choose another with --urls http://127.0.0.1:PORT.");
                return 1;
            }
            catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException)
            {
                output.Error($"Could not listen on {urls}: {exception.Message}");
                return 1;
            }
            catch (WebHostConfigurationException exception)
            {
                // The addresses bound (configured somewhere other than --urls) break the listening rule.
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                output.Error(exception.Message);
                return 2;
            }

            foreach (var address in app.Urls)
            {
                output.WriteRaw($"Flows is listening on {address}\n");
            }

            // The store the server uses (a file, or a shared database named without its password).
            var accounts = app.Services.GetRequiredService<Flows.Host.Accounts.AccountStore>().Location;
            output.WriteRaw($"Accounts: {accounts}\nPress Ctrl+C to stop.\n");
            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: a normal way to stop.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }
}
