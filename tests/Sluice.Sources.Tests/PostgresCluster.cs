using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Sluice.Sources.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: <c>initdb</c> into a temp folder, <c>pg_ctl start</c> on 127.0.0.1
/// with a free port and a unix socket in that folder; stopped and deleted at the end. As root, the server runs as
/// the <c>postgres</c> user (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    // As root the folder must be reachable by the postgres user (a private TMPDIR may not be), and the socket path
    // must stay under the 107-byte limit of unix sockets: /tmp is both.
    private readonly string _root = Path.Combine(IsRoot ? "/tmp" : Path.GetTempPath(), "sluice-pg-" + Guid.NewGuid().ToString("N"));
    private string _bin = string.Empty;

    public int Port { get; private set; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=sluice;Password=pg-pa55word;Database={database};Pooling=false";

    private string Data => Path.Combine(_root, "data");

    private static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(Path.Combine(_root, "socket"));
        if (!OperatingSystem.IsWindows() && IsRoot)
        {
            var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite |
                       UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(_root, open);
            File.SetUnixFileMode(Path.Combine(_root, "socket"), open);
        }

        var password = Path.Combine(_root, "pwfile");
        await File.WriteAllTextAsync(password, "pg-pa55word\n");
        if (!OperatingSystem.IsWindows() && IsRoot)
        {
            File.SetUnixFileMode(password, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        await RunAsync("initdb", "-D", Data, "-U", "sluice", "--pwfile", password, "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync");
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            try
            {
                await RunAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
                    "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {Path.Combine(_root, "socket")} -c fsync=off -c full_page_writes=off", "start");
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port was taken between probing and binding: try another.
            }
        }
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Not started: nothing to stop.
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        foreach (var bin in candidates.Append("/usr/bin"))
        {
            if (File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            {
                return bin;
            }
        }

        throw new InvalidOperationException(
            "These tests start their own PostgreSQL, but initdb and pg_ctl were not found in /usr/lib/postgresql/*/bin. Install the server (apt-get install postgresql; .ci/run does it) and run the tests again.");
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task RunAsync(string tool, params string[] args)
    {
        var exe = Path.Combine(_bin, tool);
        var start = IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(exe);
        if (!OperatingSystem.IsWindows() && IsRoot)
        {
            foreach (var arg in new[] { "-u", "postgres", "--", exe })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = _root;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_root, "server.log");
            throw new InvalidOperationException(
                $"{tool} failed with exit code {process.ExitCode}: {await output}{await error}{(File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty)}");
        }
    }
}
