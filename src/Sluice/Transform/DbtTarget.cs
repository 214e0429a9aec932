using System.Globalization;
using Sluice.Configuration;
using Sluice.Errors;
using Sluice.Templating;

namespace Sluice.Transform;

/// <summary>
/// One output of a <c>profiles.yml</c> profile: <c>type: athena</c> with every dbt-athena key kept in
/// <see cref="Fields"/> (templates read them as <c>target.&lt;key&gt;</c>). <c>engine: local</c> (optionally
/// <c>lakehouse: &lt;path&gt;</c>) runs on the embedded engine; the engine defaults to local when the target names
/// neither <c>region_name</c> nor <c>s3_staging_dir</c>.
/// </summary>
public sealed class DbtTarget
{
    private DbtTarget(string profileName, string name, OrderedDictionary<string, object?> fields, string profilesFile, Redactor secrets)
    {
        Secrets = secrets;
        ProfileName = profileName;
        Name = name;
        Fields = fields;
        ProfilesFile = profilesFile;
        Type = Text("type") ?? throw Missing("type", "athena");
        if (!string.Equals(Type, "athena", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException(
                $"Target '{name}' of profile '{profileName}' in '{profilesFile}' has type '{Type}'. Sluice runs dbt-athena projects: set `type: athena`.");
        }

        Schema = (Text("schema") ?? throw Missing("schema", "analytics")).ToLowerInvariant();
        Database = (Text("database") ?? Text("catalog") ?? "awsdatacatalog").ToLowerInvariant();
        Threads = fields.TryGetValue("threads", out var threads) && threads is long t && t > 0 ? (int)t : 1;
        RegionName = Text("region_name");
        S3StagingDir = Text("s3_staging_dir");
        S3DataDir = Text("s3_data_dir");
        S3TmpTableDir = Text("s3_tmp_table_dir");
        S3DataNaming = Text("s3_data_naming") ?? "schema_table_unique";
        Engine = (Text("engine") ?? (RegionName is null && S3StagingDir is null ? "local" : "aws")).ToLowerInvariant();
        if (Engine is not ("local" or "aws"))
        {
            throw new ConfigurationException($"Target '{name}' in '{profilesFile}' has `engine: {Engine}`. Use `engine: local` (the embedded engine) or `engine: aws`.");
        }

        Lakehouse = Text("lakehouse");
        fields["type"] = "athena";
        fields["name"] = name;
        fields["target_name"] = name;
        fields["profile_name"] = profileName;
        fields["schema"] = Schema;
        fields["database"] = Database;
        fields["threads"] = (long)Threads;
        fields["engine"] = Engine;
        fields["s3_data_naming"] = S3DataNaming;
    }

    public string ProfileName { get; }

    public string Name { get; }

    public string Type { get; }

    /// <summary>The Glue database models are built in (dbt's schema).</summary>
    public string Schema { get; }

    /// <summary>The data catalog (dbt's database), <c>awsdatacatalog</c> by default.</summary>
    public string Database { get; }

    public int Threads { get; }

    /// <summary><c>local</c> or <c>aws</c>.</summary>
    public string Engine { get; }

    /// <summary>The local lakehouse folder named by <c>lakehouse:</c>, as written (relative to the project folder).</summary>
    public string? Lakehouse { get; }

    public string? RegionName { get; }

    public string? S3StagingDir { get; }

    public string? S3DataDir { get; }

    public string? S3TmpTableDir { get; }

    public string S3DataNaming { get; }

    /// <summary>Values that came from <c>DBT_ENV_SECRET_*</c> variables: masked wherever the target is shown.</summary>
    public Redactor Secrets { get; }

    /// <summary>The profiles.yml that defined the target.</summary>
    public string ProfilesFile { get; }

    /// <summary>Every key of the output, rendered, plus <c>name</c>, <c>profile_name</c> and defaults; secrets included, so never log it whole.</summary>
    public OrderedDictionary<string, object?> Fields { get; }

    /// <summary>The root table data goes under: <c>s3_data_dir</c>, else <c>&lt;s3_staging_dir&gt;/tables</c>, else a local default.</summary>
    public string DataRoot => (S3DataDir ?? (S3StagingDir is null ? null : S3StagingDir.TrimEnd('/') + "/tables") ?? "s3://sluice-lakehouse/data").TrimEnd('/');

    /// <summary>The target's keys for display, with secret values masked.</summary>
    public IEnumerable<KeyValuePair<string, string>> DisplayFields() => Fields.Select(f => new KeyValuePair<string, string>(
        f.Key, SecretNames.IsSecret(f.Key) || f.Key.Contains("secret", StringComparison.OrdinalIgnoreCase)
            ? Redactor.Mask
            : Secrets.Redact(Convert.ToString(f.Value, CultureInfo.InvariantCulture) ?? string.Empty)));

    /// <summary>
    /// Finds profiles.yml (<paramref name="profilesDir"/>, then <c>DBT_PROFILES_DIR</c>, the project folder, <c>~/.dbt</c>),
    /// renders <c>env_var()</c>, and picks <paramref name="targetName"/> or the profile's default target.
    /// </summary>
    /// <exception cref="ConfigurationException">No profiles.yml, no such profile or target, or a missing key.</exception>
    public static DbtTarget Load(string? profilesDir, string projectDir, string profileName, string? targetName, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var places = new List<string>();
        if (!string.IsNullOrEmpty(profilesDir))
        {
            places.Add(Path.GetFullPath(profilesDir, projectDir));
        }
        else
        {
            if (environment("DBT_PROFILES_DIR") is { Length: > 0 } fromEnv)
            {
                places.Add(Path.GetFullPath(fromEnv, projectDir));
            }

            places.Add(Path.GetFullPath(projectDir));
            if (environment("HOME") is { Length: > 0 } home)
            {
                places.Add(Path.Combine(home, ".dbt"));
            }
        }

        var file = places.Select(p => Path.Combine(p, "profiles.yml")).FirstOrDefault(File.Exists)
            ?? throw new ConfigurationException(
                "No profiles.yml found. Looked in: " + string.Join(", ", places) + ". Create profiles.yml there or pass --profiles-dir <folder>.",
                "profiles.yml",
                places);
        var secrets = new Redactor();
        var text = RenderEnvVars(File.ReadAllText(file), file, name =>
        {
            var value = environment(name);
            if (name.StartsWith(SecretPrefix, StringComparison.Ordinal))
            {
                secrets.Add(value);
            }

            return value;
        });
        var yaml = Yaml.Load(text, file) as OrderedDictionary<string, object?>
            ?? throw new ConfigurationException($"'{file}' must hold a mapping of profile names.");
        if (!yaml.TryGetValue(profileName, out var profileValue) || profileValue is not OrderedDictionary<string, object?> profile)
        {
            throw new ConfigurationException(
                $"Profile '{profileName}' (named by `profile:` in dbt_project.yml) is not in '{file}'. It has: {string.Join(", ", yaml.Keys.Where(k => k != "config"))}.");
        }

        var chosen = targetName ?? (profile.TryGetValue("target", out var t) ? t as string : null) ?? "dev";
        if (!profile.TryGetValue("outputs", out var outputsValue) || outputsValue is not OrderedDictionary<string, object?> outputs)
        {
            throw new ConfigurationException($"Profile '{profileName}' in '{file}' has no `outputs:` mapping.");
        }

        if (!outputs.TryGetValue(chosen, out var output) || output is not OrderedDictionary<string, object?> fields)
        {
            throw new ConfigurationException(
                $"Target '{chosen}' is not among the outputs of profile '{profileName}' in '{file}' ({string.Join(", ", outputs.Keys)}). Pass --target with one of them.");
        }

        return new DbtTarget(profileName, chosen, new OrderedDictionary<string, object?>(fields, StringComparer.Ordinal), file, secrets);
    }

    /// <summary>dbt's prefix for secret environment variables: allowed in profiles.yml only, never shown.</summary>
    public const string SecretPrefix = "DBT_ENV_SECRET_";

    private static string RenderEnvVars(string text, string file, Func<string, string?> environment)
    {
        if (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains("{%", StringComparison.Ordinal))
        {
            return text;
        }

        var env = new JinjaEnvironment();
        env.Globals["env_var"] = new JinjaFunction("env_var", args => EnvVar(args, environment, file));
        env.Globals["as_number"] = new JinjaFunction("as_number", args => args.Get(0, "value"));
        env.Globals["as_bool"] = new JinjaFunction("as_bool", args => args.Get(0, "value"));
        try
        {
            return env.Parse(file, text).Render();
        }
        catch (TemplateException e) when (e.InnerException is ConfigurationException inner)
        {
            throw inner;
        }
    }

    internal static object? EnvVar(JinjaArguments args, Func<string, string?> environment, string where)
    {
        var name = args.Get(0, "var") as string ?? throw new ConfigurationException("env_var() needs the variable name as its first argument.");
        if (environment(name) is { } value)
        {
            return value;
        }

        if (args.Has(1, "default"))
        {
            return args.Get(1, "default");
        }

        throw new ConfigurationException(
            $"Environment variable '{name}' is not set (used by env_var() in '{where}'). Set it, or give a default: env_var('{name}', 'value').",
            name,
            ["environment"]);
    }

    private ConfigurationException Missing(string key, string example) => new(
        $"Target '{Name}' of profile '{ProfileName}' in '{ProfilesFile}' has no `{key}`. Add `{key}: {example}` to it.", key, [ProfilesFile]);

    private string? Text(string key) => Fields.TryGetValue(key, out var value) && value is not null
        ? Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null
        : null;
}
