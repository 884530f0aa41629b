using Flows.Cli.Commands.Plugins;
using Flows.Cli.Logging;
using Flows.Cli.Output;
using Flows.Host.Plugins.Activation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Flows.Cli;

internal static class CliServiceCollectionExtensions
{
    /// <summary>Adds the terminal, logging to standard error, and every command handler.</summary>
    public static IServiceCollection AddFlowsCli(this IServiceCollection services, bool verbose)
    {
        services.AddLogging(logging =>
        {
            var minimum = verbose ? LogLevel.Debug : LogLevel.Warning;
            logging.ClearProviders();
            // Logs go to standard error so that standard output stays clean for --json.
            logging.AddProvider(new StandardErrorLoggerProvider(minimum));
            logging.SetMinimumLevel(minimum);
            // Commands report activation failures themselves; the log would only repeat them.
            logging.AddFilter(typeof(InProcessPluginActivator).FullName, verbose ? LogLevel.Debug : LogLevel.Error);
        });

        services.AddSingleton(_ =>
        {
            var console = AnsiConsole.Console;
            // Piped output has no terminal width; wrapping it at 80 columns would break lines for grep and logs.
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = 240;
            }

            return console;
        });
        services.AddSingleton(sp => new CliOutput(sp.GetRequiredService<IAnsiConsole>()));
        services.AddTransient<ListPluginsHandler>();
        services.AddTransient<InspectPluginHandler>();
        services.AddTransient<CheckPluginHandler>();
        services.AddTransient<InstallPluginHandler>();
        services.AddTransient<PackPluginHandler>();
        services.AddTransient<EnablePluginHandler>();
        services.AddTransient<Commands.Forms.CheckFormsHandler>();
        services.AddTransient<Commands.Forms.RenderFormHandler>();
        services.AddTransient<Commands.Accounts.AccountCommandSteps>();
        services.AddTransient<Commands.Accounts.AddAccountHandler>();
        services.AddTransient<Commands.Accounts.LoopbackSignIn>();
        services.AddTransient<Commands.Accounts.ListAccountsHandler>();
        services.AddTransient<Commands.Accounts.ShowAccountHandler>();
        services.AddTransient<Commands.Accounts.EditAccountHandler>();
        services.AddTransient<Commands.Accounts.ValidateAccountHandler>();
        services.AddTransient<Commands.Accounts.RemoveAccountHandler>();
        services.AddTransient<Commands.Accounts.RotateKeyHandler>();
        services.AddTransient<Commands.Accounts.AccountBackupHandler>();
        services.AddTransient<Commands.Store.StoreCopyHandler>();
        services.AddTransient<Commands.Serve.ServeHandler>();
        return services;
    }
}
