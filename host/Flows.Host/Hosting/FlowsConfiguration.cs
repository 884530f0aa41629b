using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Flows.Host.Hosting;

/// <summary>
/// The operator's settings, read in one place: an optional <c>flows.json</c> in the data directory,
/// then <c>FLOWS_*</c> environment variables, then command-line switches, each later source winning
/// (an operator overrides a file with a variable for one run, and a switch overrides both). The
/// documented variables keep their names and syntax (<see cref="Variables"/>); the hierarchical form
/// <c>FLOWS_Outbound__TimeoutSeconds</c> names any key as well.
/// </summary>
public static class FlowsConfiguration
{
    /// <summary>The settings file's name; it lives in the data directory.</summary>
    public const string FileName = "flows.json";

    /// <summary>The prefix of every variable flows reads.</summary>
    public const string VariablePrefix = "FLOWS_";

    /// <summary>The data directory. Not read from <see cref="FileName"/>, which lives in it.</summary>
    public const string HomeKey = "Home";

    /// <summary>Outbound HTTP: longest connect, in seconds.</summary>
    public const string ConnectTimeoutKey = "Outbound:ConnectTimeoutSeconds";

    /// <summary>Outbound HTTP: longest request in all, in seconds.</summary>
    public const string RequestTimeoutKey = "Outbound:TimeoutSeconds";

    /// <summary>Internal endpoints every plugin may reach (<c>host[:port]</c>, comma-separated or a JSON array).</summary>
    public const string OutboundAllowedHostsKey = "Outbound:AllowedHosts";

    /// <summary><c>1</c> (or <c>true</c>): plugin workers run unconfined.</summary>
    public const string UnconfinedKey = "PluginWorkers:Unconfined";

    /// <summary>Minutes a plugin worker may go without a call before it ends (fractions allowed).</summary>
    public const string WorkerIdleMinutesKey = "PluginWorkers:IdleMinutes";

    /// <summary><c>1</c> (or <c>true</c>): plugin code runs in the flows process.</summary>
    public const string InProcessKey = "PluginWorkers:InProcess";

    /// <summary>The account store's current key (base64 of 32 bytes).</summary>
    public const string SecretKeyKey = "Accounts:SecretKey";

    /// <summary>Earlier account keys, accepted for decryption (comma-separated).</summary>
    public const string PreviousSecretKeysKey = "Accounts:PreviousSecretKeys";

    /// <summary>Where the accounts are: a PostgreSQL address (<c>postgres://…</c>) or a SQLite file; <c>accounts.db</c> in the data directory when unset.</summary>
    public const string StoreKey = "Accounts:Store";

    /// <summary>The web host's access credential.</summary>
    public const string AccessTokenKey = "Web:AccessToken";

    /// <summary>This node's name among the nodes of a shared store.</summary>
    public const string NodeNameKey = "Nodes:Name";

    /// <summary>Each plugin's own settings, by plugin id: <c>Plugins:&lt;id&gt;:AllowedHosts</c>.</summary>
    public const string PluginsSection = "Plugins";

    private const string AllowedHostsName = "AllowedHosts";

    /// <summary>The documented variables and the keys they set.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FlowsHostOptions.HomeVariable] = HomeKey,
        [FlowsHostOptions.ConnectTimeoutVariable] = ConnectTimeoutKey,
        [FlowsHostOptions.RequestTimeoutVariable] = RequestTimeoutKey,
        [FlowsHostOptions.OutboundAllowedHostsVariable] = OutboundAllowedHostsKey,
        [FlowsHostOptions.UnconfinedVariable] = UnconfinedKey,
        [Plugins.Isolation.PluginWorkerStart.InProcessVariable] = InProcessKey,
        [Accounts.AccountStoreOptions.SecretKeyVariable] = SecretKeyKey,
        [Accounts.AccountStoreOptions.PreviousSecretKeysVariable] = PreviousSecretKeysKey,
        [Accounts.AccountStoreOptions.StoreVariable] = StoreKey,
        [FlowsHostOptions.AccessTokenVariable] = AccessTokenKey,
        [FlowsHostOptions.NodeNameVariable] = NodeNameKey,
        [FlowsHostOptions.PluginAllowedHostsVariables["flows.salesforce"]] = PluginAllowedHostsKey("flows.salesforce"),
        [FlowsHostOptions.PluginAllowedHostsVariables["flows.postgresql"]] = PluginAllowedHostsKey("flows.postgresql"),
    };

    /// <summary>The variable that sets <paramref name="key"/> in the hierarchical form: <c>FLOWS_Outbound__TimeoutSeconds</c>.</summary>
    public static string VariableFor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return VariablePrefix + key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal);
    }

    /// <summary>The key of one plugin's allow-list.</summary>
    public static string PluginAllowedHostsKey(string pluginId) => $"{PluginsSection}:{pluginId}:{AllowedHostsName}";

    /// <summary>
    /// Reads the settings of a flows process: the data directory first (from the environment or
    /// <paramref name="commandLine"/>), then <see cref="FileName"/> in it if present, the environment
    /// and <paramref name="commandLine"/> (keys as in <see cref="Variables"/>' values).
    /// Throws <see cref="FlowsConfigurationException"/> when the file cannot be read or parsed.
    /// </summary>
    /// <param name="environment">The variables to read; the process's own when null.</param>
    /// <param name="commandLine">Settings given as switches, by key.</param>
    public static IConfigurationRoot Build(IDictionary? environment = null, IReadOnlyDictionary<string, string?>? commandLine = null)
    {
        var variables = FromVariables(environment ?? Environment.GetEnvironmentVariables());
        var switches = commandLine ?? new Dictionary<string, string?>();
        var home = HomeDirectory(new ConfigurationBuilder().AddInMemoryCollection(variables).AddInMemoryCollection(switches).Build());
        var file = Path.Combine(home, FileName);
        try
        {
            var builder = new ConfigurationBuilder();
            // Most data directories have no settings file; looking first spares every such start the
            // file provider's and JSON reader's set-up.
            if (File.Exists(file))
            {
                builder.AddJsonFile(file, optional: true, reloadOnChange: false);
            }

            return builder
                .AddInMemoryCollection(new Dictionary<string, string?> { [HomeKey] = home })
                .AddInMemoryCollection(variables)
                .AddInMemoryCollection(switches)
                .Build();
        }
        catch (InvalidDataException exception)
        {
            throw new FlowsConfigurationException($"The settings file {file} is not valid JSON: {JsonProblem(exception)}");
        }
        catch (FormatException exception)
        {
            throw new FlowsConfigurationException($"The settings file {file} cannot be used: {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new FlowsConfigurationException($"The settings file {file} cannot be read: {exception.Message}");
        }
    }

    /// <summary>
    /// The settings a plugin worker was handed in its environment by its host. A confined worker may
    /// not read <see cref="FileName"/>, so it never looks for it.
    /// </summary>
    public static IConfigurationRoot FromEnvironment(IDictionary? environment = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(FromVariables(environment ?? Environment.GetEnvironmentVariables())).Build();

    /// <summary>Sets what <paramref name="configuration"/> says on <paramref name="options"/>; what it does not say keeps its default.</summary>
    public static void Configure(FlowsHostOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        if (Text(configuration, HomeKey) is { } home)
        {
            options.HomeDirectory = Path.GetFullPath(home);
        }

        options.NodeName = Text(configuration, NodeNameKey)?.Trim() ?? options.NodeName;
        options.ConfinePlugins = !IsOn(configuration, UnconfinedKey);
        options.WorkerIdleTimeout = Minutes(configuration[WorkerIdleMinutesKey], options.WorkerIdleTimeout);
        options.OutboundConnectTimeout = Seconds(configuration[ConnectTimeoutKey], options.OutboundConnectTimeout);
        options.OutboundRequestTimeout = Seconds(configuration[RequestTimeoutKey], options.OutboundRequestTimeout);
        if (List(configuration.GetSection(OutboundAllowedHostsKey)) is { } allowed)
        {
            options.OutboundAllowedHosts = allowed;
        }

        foreach (var plugin in configuration.GetSection(PluginsSection).GetChildren())
        {
            if (List(plugin.GetSection(AllowedHostsName)) is { } list)
            {
                options.PluginAllowedHosts[plugin.Key] = list;
            }
        }
    }

    /// <summary>Whether a flag is set: <c>1</c> as the documented variables say, or JSON's <c>true</c>.</summary>
    public static bool IsOn(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[key]?.Trim();
        return value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A setting's text; null when it is missing or blank.</summary>
    public static string? Text(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
    }

    private static string HomeDirectory(IConfiguration configuration) =>
        Text(configuration, HomeKey) is { } home ? Path.GetFullPath(home) : new FlowsHostOptions().HomeDirectory;

    // A documented variable sets its key; any other FLOWS_ variable names a key itself, "__" for ":".
    private static Dictionary<string, string?> FromVariables(IDictionary environment)
    {
        var named = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var documented = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string variable || !variable.StartsWith(VariablePrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = entry.Value as string;
            if (Variables.TryGetValue(variable, out var key))
            {
                documented[key] = value;
            }
            else
            {
                named[variable[VariablePrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
            }
        }

        foreach (var (key, value) in documented)
        {
            named[key] = value;
        }

        return named;
    }

    // The parser's sentence and where, without its own position notation; it names a character, never a value.
    private static string JsonProblem(Exception exception)
    {
        var cause = exception;
        while (cause.InnerException is { } inner)
        {
            cause = inner;
        }

        if (cause is not System.Text.Json.JsonException json)
        {
            return cause.Message;
        }

        var sentence = json.Message;
        var notation = sentence.IndexOf(" Path:", StringComparison.Ordinal) is var path and >= 0 ? path : sentence.IndexOf(" LineNumber:", StringComparison.Ordinal);
        sentence = (notation >= 0 ? sentence[..notation] : sentence).TrimEnd();
        return json.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"{sentence} (line {line + 1}, character {json.BytePositionInLine + 1})")
            : sentence;
    }

    // A list is a comma-separated string or, in flows.json, an array of strings.
    private static string? List(IConfigurationSection section)
    {
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return section.Value;
        }

        var items = section.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        return items.Count == 0 ? null : string.Join(',', items);
    }

    // An operator's setting that does not parse is ignored rather than fatal: the default is safe.
    private static TimeSpan Seconds(string? value, TimeSpan fallback) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : fallback;

    // Up to a week; fractions let a test end its workers within a second or two.
    private static TimeSpan Minutes(string? value, TimeSpan fallback) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= 7 * 24 * 60
            ? TimeSpan.FromMinutes(minutes)
            : fallback;
}

/// <summary>Settings flows cannot use, said in one sentence that names the file.</summary>
public sealed class FlowsConfigurationException(string message) : Exception(message);
