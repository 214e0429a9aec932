using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Sluice.Configuration;
using Sluice.Configuration.Toml;
using Sluice.Errors;
using Sluice.Extract;
using Sluice.Load;
using Sluice.Schema;
using Sluice.Sources;
using Sluice.Sources.Chess;
using Sluice.Sources.Postgres;
using Sluice.Sources.RestApi;

namespace Sluice.Cli.Commands;

/// <summary>
/// The sources <c>sluice pipeline run &lt;source&gt;</c> builds from the project's configuration (the
/// <c>[sources.&lt;name&gt;]</c> sections <c>sluice init</c> writes): <c>chess</c>, <c>rest_api</c>,
/// <c>sql_database</c> (PostgreSQL) and <c>filesystem</c>. Values are looked up like every setting: environment
/// variables (<c>SOURCES__CHESS__BASE_URL</c>), then secrets.toml, then config.toml.
/// </summary>
internal static class ConfiguredSources
{
    /// <summary>The source names <c>sluice init</c> and <c>sluice pipeline run</c> know.</summary>
    public static readonly IReadOnlyList<string> Names = ["chess", "rest_api", "sql_database", "filesystem"];

    /// <summary>A value <c>sluice init</c> writes for settings the user must fill in.</summary>
    public const string Placeholder = "please set me up!";

    public static bool IsSourceName(string text) => Names.Contains(text, StringComparer.Ordinal);

    /// <summary>The resources of configured source <paramref name="source"/>; state is read from the pipeline's working folder at extract time.</summary>
    public static async Task<IReadOnlyList<Resource>> ResourcesAsync(
        string source, CliHost host, string pipelineName, string workingFolder, ResourceHints fileHints, CancellationToken cancellationToken)
    {
        var configuration = SluiceConfiguration.Load(host.WorkingDirectory, new HostEnvironment(host.Environment), pipelineName);
        PipelineState State() => PipelineState.Load(new PipelineFolder(workingFolder).StateFile);
        var section = "sources." + source;
        switch (source)
        {
            case "chess":
                var players = configuration.GetOptionalStringList(Key(section, "players"))
                    ?? throw Missing(configuration, Key(section, "players"), "the chess.com usernames to load, such as players = [\"magnuscarlsen\", \"hikaru\"]");
                return ChessSource.Resources(
                    players,
                    Setting(configuration, section, "start_month"),
                    Setting(configuration, section, "end_month"),
                    Setting(configuration, section, "base_url") is { } chessUrl ? Url(chessUrl, section + ".base_url") : null,
                    State);
            case "rest_api":
                var tree = Navigate(configuration.HasConfigFile ? TomlReader.ReadFile(configuration.ConfigPath) : null, "sources", "rest_api")
                    ?? throw new ConfigurationException($"There is no [sources.rest_api] section in {configuration.ConfigPath}; run 'sluice init rest_api athena' for a template, or add client.base_url and resources there.");
                var config = RestApiConfigReader.Read(tree, section, path => Setting(configuration, section, path));
                if (Setting(configuration, section, "client.base_url") is { } restUrl)
                {
                    config = config with { Client = config.Client with { BaseUrl = Url(restUrl, section + ".client.base_url") } };
                }

                return RestApiSource.Resources(config, State);
            case "sql_database":
                var options = new PostgresSourceOptions
                {
                    ConnectionString = ConnectionString(configuration, section),
                    Schema = Setting(configuration, section, "schema") ?? "public",
                    Tables = configuration.GetOptionalStringList(Key(section, "table_names")),
                    ChunkSize = configuration.GetOptionalInt32(Key(section, "chunk_size")) ?? 10_000,
                    Incremental = Cursors(configuration, section),
                    DefaultHints = new ResourceHints
                    {
                        WriteDisposition = Setting(configuration, section, "write_disposition") is { } disposition
                            ? (Enum.TryParse<WriteDisposition>(disposition, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                                ? parsed
                                : throw new ConfigurationException($"{section}.write_disposition is '{disposition}'; use append, replace or merge."))
                            : WriteDisposition.Append,
                    },
                };
                return await PostgresSource.ResourcesAsync(options, State, cancellationToken).ConfigureAwait(false);
            default:
                var bucket = Setting(configuration, section, "bucket_url") ?? throw Missing(configuration, Key(section, "bucket_url"), "the folder to read, such as bucket_url = \"data\"");
                if (bucket.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || bucket.Contains("://", StringComparison.Ordinal) && !bucket.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ConfigurationException($"{section}.bucket_url is '{bucket}'; the filesystem source reads local folders (a path or file://...) in this version of Sluice. Copy the files to a local folder first.");
                }

                var folder = Path.GetFullPath(bucket.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(bucket).LocalPath : bucket, host.WorkingDirectory);
                var glob = Setting(configuration, section, "file_glob") ?? "*";
                try
                {
                    return FileSource.Resources(Path.Combine(folder, glob), fileHints);
                }
                catch (FileNotFoundException e)
                {
                    throw new CliException(e.Message + $" (from {section}.bucket_url and file_glob)");
                }
        }
    }

    private static ConfigKey Key(string section, string name) => ConfigKey.Parse(section + "." + name);

    private static string? Setting(SluiceConfiguration configuration, string section, string path)
    {
        var value = configuration.GetOptionalString(Key(section, path));
        if (value is not null && string.Equals(value.Trim(), Placeholder, StringComparison.Ordinal))
        {
            throw new ConfigurationException(
                $"{section}.{path} still holds the placeholder \"{Placeholder}\" that 'sluice init' wrote; set the real value in .sluice/secrets.toml or .sluice/config.toml, or in the environment variable {Key(section, path).EnvironmentVariableName()}.");
        }

        return value;
    }

    private static ConfigurationException Missing(SluiceConfiguration configuration, ConfigKey key, string what) =>
        new($"Missing '{key}': {what}. Looked in: {string.Join("; ", configuration.PlacesSearched(key))}.");

    private static Uri Url(string text, string key) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ConfigurationException($"{key} is '{text}', which is not an http(s) URL; write it as https://host/path/.");

    private static IReadOnlyDictionary<string, object>? Navigate(TomlTable? root, params string[] path)
    {
        IReadOnlyDictionary<string, object>? current = root;
        foreach (var part in path)
        {
            current = current is not null && current.TryGetValue(part, out var next) ? next as IReadOnlyDictionary<string, object> : null;
        }

        return current;
    }

    /// <summary>dlt's credentials: a URL (<c>postgresql://user:password@host:port/database</c>) or a table with drivername, host, port, database, username, password.</summary>
    private static string ConnectionString(SluiceConfiguration configuration, string section)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder();
        var whole = configuration.Find(Key(section, "credentials"));
        if (whole?.Value is string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgresql" or "postgres"))
            {
                throw new ConfigurationException($"{section}.credentials is not a postgresql://user:password@host:port/database URL ({whole.Location}); write it in that form or as a table with host, port, database, username and password.");
            }

            configuration.Redactor.Add(uri.UserInfo);
            var user = uri.UserInfo.Split(':', 2);
            builder.Host = uri.Host;
            builder.Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port;
            builder.Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
            builder.Username = Uri.UnescapeDataString(user[0]);
            builder.Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null;
            return builder.ConnectionString;
        }

        var credentials = section + ".credentials";
        var driver = Setting(configuration, credentials, "drivername") ?? "postgresql";
        if (!driver.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException($"{credentials}.drivername is '{driver}'; the sql_database source reads PostgreSQL in this version of Sluice (drivername = \"postgresql\").");
        }

        builder.Host = Setting(configuration, credentials, "host") ?? throw Missing(configuration, Key(credentials, "host"), "the database server");
        builder.Port = configuration.GetOptionalInt32(Key(credentials, "port")) ?? 5432;
        builder.Database = Setting(configuration, credentials, "database") ?? throw Missing(configuration, Key(credentials, "database"), "the database name");
        builder.Username = Setting(configuration, credentials, "username") ?? throw Missing(configuration, Key(credentials, "username"), "the user to connect as");
        builder.Password = Setting(configuration, credentials, "password");
        return builder.ConnectionString;
    }

    /// <summary><c>[sources.sql_database.incremental]</c>: table name = cursor column.</summary>
    private static Dictionary<string, IncrementalHint> Cursors(SluiceConfiguration configuration, string section)
    {
        var cursors = new Dictionary<string, IncrementalHint>(StringComparer.Ordinal);
        if (configuration.Find(Key(section, "incremental"))?.Value is TomlTable table)
        {
            foreach (var (name, value) in table)
            {
                cursors[name] = new IncrementalHint
                {
                    CursorPath = value as string ?? throw new ConfigurationException($"{section}.incremental.{name} must be the cursor column's name, such as {name} = \"updated_at\"."),
                };
            }
        }

        return cursors;
    }

    /// <summary>The host's environment as the read-only dictionary configuration lookups use (lookups only, never listed).</summary>
    private sealed class HostEnvironment(Func<string, string?> lookup) : IReadOnlyDictionary<string, string>
    {
        public string this[string key] => lookup(key) ?? throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => [];

        public IEnumerable<string> Values => [];

        public int Count => 0;

        public bool ContainsKey(string key) => lookup(key) is not null;

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
        {
            value = lookup(key);
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Enumerable.Empty<KeyValuePair<string, string>>().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
