using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Flows.Testing.Postgres;

/// <summary>A PostgreSQL server's TLS files (PEM): its certificate and key, and the CA its clients' certificates come from.</summary>
public sealed record ServerTls(string CertificatePem, string KeyPem, string CaPem);

/// <summary>
/// A throwaway PostgreSQL cluster owned by the test run: initdb into a temp folder, pg_ctl start on
/// a free loopback port (sockets in the same folder), pg_ctl stop -m immediate and delete at the end.
/// initdb refuses to run as root, so as root every server command runs as the postgres OS user
/// (which Debian's package creates) with runuser.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string SuperuserPassword = "Super-Secret-1";

    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string bin, string root, int port, bool asPostgresUser)
    {
        _bin = bin;
        Root = root;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public string Root { get; }

    public int Port { get; }

    public string HostAndPort => $"127.0.0.1:{Port}";

    private string Data => Path.Combine(Root, "data");

    /// <summary>Creates, configures and starts a cluster; <paramref name="hba"/> replaces pg_hba.conf, <paramref name="tls"/> turns TLS on, <paramref name="setupSql"/> runs once as the superuser.</summary>
    public static async Task<PostgresCluster> StartAsync(string hba, ServerTls? tls, string setupSql, int maxConnections = 30)
    {
        var bin = FindBin();
        var asPostgres = Environment.UserName == "root";
        var root = Path.Combine(Path.GetTempPath(), "flows-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var cluster = new PostgresCluster(bin, root, FreePort(), asPostgres);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root, "pwfile"), SuperuserPassword + "\n");
            if (asPostgres)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", root]);
            }

            await cluster.RunServerToolAsync("initdb", ["-D", cluster.Data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
                $"--pwfile={Path.Combine(root, "pwfile")}", "-E", "UTF8", "--locale=C", "--no-sync"]);
            var conf = new List<string>
            {
                $"port = {cluster.Port}",
                "listen_addresses = '127.0.0.1'",
                $"unix_socket_directories = '{root}'",
                "fsync = off",
                $"max_connections = {maxConnections}",
                "lc_messages = 'C'",
            };
            if (tls is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(cluster.Data, "server.crt"), tls.CertificatePem);
                await File.WriteAllTextAsync(Path.Combine(cluster.Data, "server.key"), tls.KeyPem);
                await File.WriteAllTextAsync(Path.Combine(cluster.Data, "ca.crt"), tls.CaPem);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(Path.Combine(cluster.Data, "server.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                conf.AddRange(["ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'", "ssl_ca_file = 'ca.crt'"]);
            }

            await File.AppendAllLinesAsync(Path.Combine(cluster.Data, "postgresql.conf"), conf);
            await File.WriteAllTextAsync(Path.Combine(cluster.Data, "pg_hba.conf"), "local all all trust\n" + hba);

            // A file, not -c: psql runs a -c string as one transaction, and CREATE DATABASE refuses that.
            await File.WriteAllTextAsync(Path.Combine(root, "setup.sql"), setupSql);
            if (asPostgres)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", root]);
            }

            await cluster.RunServerToolAsync("pg_ctl", ["-D", cluster.Data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"]);
            await cluster.RunServerToolAsync("psql", ["-h", root, "-p", $"{cluster.Port}", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-f", Path.Combine(root, "setup.sql")]);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The superuser's address of one of the cluster's databases, in Npgsql's keywords.</summary>
    public string Address(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={SuperuserPassword};Database={database}";

    /// <summary>Stops the server at once (as a crash would), keeping its data.</summary>
    public Task StopAsync() => RunServerToolAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);

    /// <summary>Starts a stopped server again on the same port.</summary>
    public Task StartAgainAsync() =>
        RunServerToolAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(Root, "server.log"), "-w", "-t", "60", "start"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            {
                await RunServerToolAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A server that would not stop keeps its folder; the next run uses a new one.
            }
        }
    }

    private Task RunServerToolAsync(string tool, IReadOnlyList<string> args)
    {
        var path = Path.Combine(_bin, tool);
        return _asPostgresUser ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    /// <summary>Debian's layout first (/usr/lib/postgresql/&lt;version&gt;/bin, newest version), then PATH.</summary>
    private static string FindBin()
    {
        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var newest = Directory.GetDirectories(Debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("PostgreSQL's initdb was not found (install Debian's postgresql package; ./test.sh does).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
