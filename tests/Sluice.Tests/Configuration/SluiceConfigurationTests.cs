using Sluice.Configuration;
using Sluice.Configuration.Toml;
using Sluice.Errors;

namespace Sluice.Tests.Configuration;

public class SluiceConfigurationTests
{
    /// <summary>secrets.toml as the dlt Athena destination page shows it.</summary>
    private const string SeedSecrets = """
        [destination.filesystem]
        bucket_url = "s3://my-data-bucket" # replace with your bucket name,

        [destination.filesystem.credentials]
        aws_access_key_id = "AKIAFILESYSTEM00001" # copy the access key here
        aws_secret_access_key = "fs-secret-wJalrXUtnFEMI" # copy the secret access key here

        [destination.athena]
        query_result_bucket="s3://my-results-bucket" # replace with your query results bucket name

        [destination.athena.credentials]
        aws_access_key_id="AKIAATHENA000000001" # same as credentials for filesystem
        aws_secret_access_key="athena-secret-K7MDENG" # same as credentials for filesystem
        region_name="eu-central-1" # set your AWS region, for example "eu-central-1" for Frankfurt
        """;

    private static Dictionary<string, string> Env(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    [Fact]
    public void Reads_the_dlt_athena_secrets_example()
    {
        using var project = new TempProject().Secrets(SeedSecrets).Config("""
            [destination.athena]
            athena_work_group = "my_workgroup"
            aws_data_catalog = "awsdatacatalog"
            force_iceberg = "True"
            """);
        var config = SluiceConfiguration.Load(project.Root, Env());

        Assert.Equal("s3://my-data-bucket", config.GetString("destination.filesystem.bucket_url"));
        Assert.Equal("s3://my-results-bucket", config.GetString("destination.athena.query_result_bucket"));
        Assert.Equal("AKIAATHENA000000001", config.GetString("destination.athena.credentials.aws_access_key_id"));
        Assert.Equal("fs-secret-wJalrXUtnFEMI", config.GetString("destination.filesystem.credentials.aws_secret_access_key"));
        Assert.Equal("eu-central-1", config.GetString("destination.athena.credentials.region_name"));
        Assert.Equal("my_workgroup", config.GetString("destination.athena.athena_work_group"));
        Assert.True(config.GetBoolean("destination.athena.force_iceberg"));
        Assert.True(config.HasConfigFile);
        Assert.True(config.HasSecretsFile);
    }

    [Fact]
    public void Without_an_injected_environment_the_process_environment_is_read()
    {
        using var project = new TempProject();
        var config = SluiceConfiguration.Load(project.Root);
        Assert.Null(config.Find("sluice_test_section_" + Guid.NewGuid().ToString("N") + ".key"));
    }

    [Fact]
    public void Missing_files_are_allowed()
    {
        using var project = new TempProject();
        var config = SluiceConfiguration.Load(project.Root, Env());
        Assert.False(config.HasConfigFile);
        Assert.False(config.HasSecretsFile);
        Assert.Null(config.Find("destination.athena.query_result_bucket"));
        Assert.Null(config.GetOptionalString("destination.athena.query_result_bucket"));
    }

    [Fact]
    public void Environment_wins_over_secrets_which_win_over_config()
    {
        using var project = new TempProject()
            .Config("[destination.athena]\nquery_result_bucket = 's3://from-config'\nathena_work_group = 'config-wg'\naws_data_catalog = 'config-cat'")
            .Secrets("[destination.athena]\nquery_result_bucket = 's3://from-secrets'\nathena_work_group = 'secrets-wg'");
        var config = SluiceConfiguration.Load(project.Root, Env(("DESTINATION__ATHENA__QUERY_RESULT_BUCKET", "s3://from-env")));

        var bucket = config.Require(ConfigKey.Parse("destination.athena.query_result_bucket"));
        Assert.Equal("s3://from-env", bucket.Value);
        Assert.Equal(ConfigSource.Environment, bucket.Source);
        Assert.Equal("environment variable DESTINATION__ATHENA__QUERY_RESULT_BUCKET", bucket.Location);

        var workgroup = config.Require(ConfigKey.Parse("destination.athena.athena_work_group"));
        Assert.Equal("secrets-wg", workgroup.Value);
        Assert.Equal(ConfigSource.SecretsToml, workgroup.Source);
        Assert.Equal($"{project.SecretsPath}: destination.athena.athena_work_group", workgroup.Location);

        var catalog = config.Require(ConfigKey.Parse("destination.athena.aws_data_catalog"));
        Assert.Equal("config-cat", catalog.Value);
        Assert.Equal(ConfigSource.ConfigToml, catalog.Source);
        Assert.False(catalog.IsSecret);
    }

    [Fact]
    public void Each_provider_is_searched_through_all_fallbacks_before_the_next_as_in_dlt()
    {
        using var project = new TempProject().Secrets("[destination.athena.credentials]\npassword = 'specific-in-secrets'");
        var config = SluiceConfiguration.Load(project.Root, Env(("CREDENTIALS__PASSWORD", "general-in-env")));
        Assert.Equal("general-in-env", config.GetString("destination.athena.credentials.password"));
    }

    [Fact]
    public void Credentials_fall_back_by_dropping_explicit_sections_and_keeping_the_credentials_section()
    {
        using var project = new TempProject().Secrets("""
            [destination.credentials]
            aws_access_key_id = "AKIASHARED"

            [credentials]
            aws_secret_access_key = "root-level-secret"

            [destination.athena]
            aws_session_token = "not-credentials-section"
            """);
        var config = SluiceConfiguration.Load(project.Root, Env());

        Assert.Equal("AKIASHARED", config.GetString("destination.athena.credentials.aws_access_key_id"));
        Assert.Equal("root-level-secret", config.GetString("destination.athena.credentials.aws_secret_access_key"));
        // destination.athena.aws_session_token is not on the path: the embedded credentials section is never dropped.
        Assert.Null(config.Find("destination.athena.credentials.aws_session_token"));
    }

    [Fact]
    public void Plain_keys_fall_back_toward_the_root()
    {
        using var project = new TempProject().Config("""
            dataset_name = "root_dataset"

            [destination]
            query_result_bucket = "s3://shared-results"
            """);
        var config = SluiceConfiguration.Load(project.Root, Env());

        Assert.Equal("s3://shared-results", config.GetString("destination.athena.query_result_bucket"));
        Assert.Equal("root_dataset", config.GetString("destination.athena.dataset_name"));
        var found = config.Require(ConfigKey.Parse("destination.athena.dataset_name"));
        Assert.Equal(["dataset_name"], found.Path);
    }

    [Fact]
    public void Fallback_paths_match_dlt()
    {
        Assert.Equal(
            ["destination.athena.credentials.password", "destination.credentials.password", "credentials.password"],
            ConfigKey.Parse("destination.athena.credentials.password").FallbackPaths().Select(p => string.Join('.', p)));
        Assert.Equal(
            ["destination.athena.query_result_bucket", "destination.query_result_bucket", "query_result_bucket"],
            ConfigKey.Parse("destination.athena.query_result_bucket").FallbackPaths().Select(p => string.Join('.', p)));
        Assert.Equal(
            ["sources.github.token", "sources.token", "token"],
            ConfigKey.Parse("sources.github.token").FallbackPaths().Select(p => string.Join('.', p)));
        Assert.Equal(
            ["sources.github.auth.token", "auth.token"],
            new ConfigKey(["sources", "github", "auth"], "token", embeddedSectionCount: 1).FallbackPaths().Select(p => string.Join('.', p)).Where(p => p != "sources.auth.token"));
        Assert.Equal("DESTINATION__ATHENA__CREDENTIALS__AWS_ACCESS_KEY_ID", ConfigKey.Parse("destination.athena.credentials.aws_access_key_id").EnvironmentVariableName());
    }

    [Fact]
    public void Pipeline_scoped_keys_are_searched_first()
    {
        using var project = new TempProject().Config("""
            [destination.athena]
            athena_work_group = "primary"

            [chess_pipeline.destination.athena]
            athena_work_group = "pipeline-specific"
            """);

        var scoped = SluiceConfiguration.Load(project.Root, Env(), pipelineName: "chess_pipeline");
        Assert.Equal("pipeline-specific", scoped.GetString("destination.athena.athena_work_group"));
        var unscoped = SluiceConfiguration.Load(project.Root, Env());
        Assert.Equal("primary", unscoped.GetString("destination.athena.athena_work_group"));

        var fromEnv = SluiceConfiguration.Load(project.Root, Env(("CHESS_PIPELINE__DESTINATION__ATHENA__ATHENA_WORK_GROUP", "env-scoped")), "chess_pipeline");
        Assert.Equal("env-scoped", fromEnv.GetString("destination.athena.athena_work_group"));
    }

    [Fact]
    public void Alternative_spellings_are_found_and_keep_provider_precedence()
    {
        using var project = new TempProject().Config("[destination.athena]\nathena_work_group = 'from-config'");
        var primary = ConfigKey.Parse("destination.athena.athena_work_group");
        var legacy = ConfigKey.Parse("destination.athena.workgroup");

        var fromFile = SluiceConfiguration.Load(project.Root, Env());
        Assert.Equal("from-config", fromFile.GetString(primary, legacy));

        var withEnv = SluiceConfiguration.Load(project.Root, Env(("DESTINATION__ATHENA__WORKGROUP", "legacy-from-env")));
        Assert.Equal("legacy-from-env", withEnv.GetString(primary, legacy));

        using var legacyProject = new TempProject().Config("[destination.athena]\nworkgroup = 'legacy-in-file'");
        Assert.Equal("legacy-in-file", SluiceConfiguration.Load(legacyProject.Root, Env()).GetString(primary, legacy));
    }

    [Fact]
    public void Typed_getters_convert_toml_values_and_environment_strings()
    {
        using var project = new TempProject().Config("""
            [load]
            workers = 20
            big = 5_000_000_000
            truncate_staging_dataset = true
            yes_string = "yes"
            tags = ["a", 'b', 3, true]
            """);
        var config = SluiceConfiguration.Load(project.Root, Env(
            ("LOAD__ENV_WORKERS", " 8 "),
            ("LOAD__ENV_FLAG", "FALSE"),
            ("LOAD__ENV_TAGS", "[\"x\", \"y\", 1]")));

        Assert.Equal(20, config.GetInt32("load.workers"));
        Assert.Equal(8, config.GetInt32("load.env_workers"));
        Assert.Equal(5_000_000_000L, config.GetInt64(ConfigKey.Parse("load.big")));
        Assert.True(config.GetBoolean("load.truncate_staging_dataset"));
        Assert.True(config.GetBoolean("load.yes_string"));
        Assert.False(config.GetBoolean("load.env_flag"));
        Assert.Equal(["a", "b", "3", "true"], config.GetStringList("load.tags"));
        Assert.Equal(["x", "y", "1"], config.GetStringList("load.env_tags"));
        Assert.Equal("20", config.GetString("load.workers"));
        Assert.Null(config.GetOptionalInt32("load.missing"));
        Assert.Null(config.GetOptionalBoolean("load.missing"));
        Assert.Null(config.GetOptionalStringList("load.missing"));
    }

    [Fact]
    public void Type_mismatch_names_the_value_its_location_and_the_fix()
    {
        using var project = new TempProject().Config("[load]\nworkers = \"many\"\nbig = 5_000_000_000\nsection = { a = 1 }");
        var config = SluiceConfiguration.Load(project.Root, Env(("LOAD__FLAG", "maybe")));

        var ex = Assert.Throws<ConfigurationException>(() => config.GetInt32("load.workers"));
        Assert.Equal(
            $"The configuration value 'load.workers' from {project.ConfigPath}: load.workers is \"many\", which is not an integer between -2147483648 and 2147483647, e.g. 4. Fix: set it to an integer between -2147483648 and 2147483647, e.g. 4 in that file.",
            ex.Message);
        Assert.Contains("not an integer between", Assert.Throws<ConfigurationException>(() => config.GetInt32("load.big")).Message, StringComparison.Ordinal);
        var flag = Assert.Throws<ConfigurationException>(() => config.GetBoolean("load.flag"));
        Assert.Contains("environment variable LOAD__FLAG is \"maybe\", which is not a boolean", flag.Message, StringComparison.Ordinal);
        Assert.Contains("is a section (table)", Assert.Throws<ConfigurationException>(() => config.GetString("load.section")).Message, StringComparison.Ordinal);
        Assert.Contains("not a list of strings", Assert.Throws<ConfigurationException>(() => config.GetStringList("load.workers")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_value_lists_every_place_looked_in_and_the_fix()
    {
        using var project = new TempProject().Config("# empty");
        var config = SluiceConfiguration.Load(project.Root, Env());

        var ex = Assert.Throws<ConfigurationException>(() => config.GetString("destination.athena.query_result_bucket"));
        var expected = string.Join(Environment.NewLine,
            "Missing required configuration value 'destination.athena.query_result_bucket'.",
            "Looked in, in this order:",
            "  - environment variable DESTINATION__ATHENA__QUERY_RESULT_BUCKET",
            "  - environment variable DESTINATION__QUERY_RESULT_BUCKET",
            "  - environment variable QUERY_RESULT_BUCKET",
            $"  - {project.SecretsPath}: destination.athena.query_result_bucket (file does not exist)",
            $"  - {project.SecretsPath}: destination.query_result_bucket (file does not exist)",
            $"  - {project.SecretsPath}: query_result_bucket (file does not exist)",
            $"  - {project.ConfigPath}: destination.athena.query_result_bucket",
            $"  - {project.ConfigPath}: destination.query_result_bucket",
            $"  - {project.ConfigPath}: query_result_bucket",
            $"Fix: add to {project.ConfigPath}:",
            "  [destination.athena]",
            "  query_result_bucket = \"...\"",
            "or set the environment variable DESTINATION__ATHENA__QUERY_RESULT_BUCKET.");
        Assert.Equal(expected, ex.Message);
        Assert.False(ex.IsTransient);
        Assert.Equal("destination.athena.query_result_bucket", ex.Key);
        Assert.Equal(9, ex.PlacesSearched.Count);
        Assert.Equal("environment variable DESTINATION__ATHENA__QUERY_RESULT_BUCKET", ex.PlacesSearched[0]);
    }

    [Fact]
    public void Missing_secret_points_to_secrets_toml_and_skips_config_toml()
    {
        using var project = new TempProject();
        var config = SluiceConfiguration.Load(project.Root, Env(), pipelineName: "chess");

        var ex = Assert.Throws<ConfigurationException>(() => config.GetString("destination.athena.credentials.aws_secret_access_key"));
        Assert.Contains("  - environment variable CHESS__DESTINATION__ATHENA__CREDENTIALS__AWS_SECRET_ACCESS_KEY" + Environment.NewLine, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"  - {project.SecretsPath}: chess.destination.athena.credentials.aws_secret_access_key (file does not exist)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("  - environment variable CREDENTIALS__AWS_SECRET_ACCESS_KEY" + Environment.NewLine, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"  - {project.ConfigPath}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not searched: it never holds secrets", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"Fix: add to {project.SecretsPath}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("  [destination.athena.credentials]", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("or set the environment variable DESTINATION__ATHENA__CREDENTIALS__AWS_SECRET_ACCESS_KEY.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(12, config.PlacesSearched(ConfigKey.Parse("destination.athena.credentials.aws_secret_access_key")).Count);
    }

    [Fact]
    public void Missing_value_with_alternatives_names_them()
    {
        using var project = new TempProject();
        var config = SluiceConfiguration.Load(project.Root, Env());
        var ex = Assert.Throws<ConfigurationException>(() => config.GetString(ConfigKey.Parse("destination.athena.athena_work_group"), ConfigKey.Parse("destination.athena.workgroup")));
        Assert.Contains("(also accepted: 'destination.athena.workgroup')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("environment variable DESTINATION__ATHENA__WORKGROUP", ex.Message, StringComparison.Ordinal);
        Assert.Contains("environment variable WORKGROUP", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_in_config_toml_is_refused_without_revealing_it()
    {
        using var project = new TempProject().Config("[destination.athena.credentials]\naws_secret_access_key = \"leaked-in-config-123\"");
        var config = SluiceConfiguration.Load(project.Root, Env());

        var ex = Assert.Throws<ConfigurationException>(() => config.GetString("destination.athena.credentials.aws_secret_access_key"));
        Assert.DoesNotContain("leaked-in-config-123", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"is set in {project.ConfigPath}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"move it to {project.SecretsPath} under [destination.athena.credentials]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DESTINATION__ATHENA__CREDENTIALS__AWS_SECRET_ACCESS_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Equal("***", config.Redactor.Redact("leaked-in-config-123"));

        // A value in secrets.toml or the environment is found first, so the misplaced copy is never reached.
        var overridden = SluiceConfiguration.Load(project.Root, Env(("DESTINATION__ATHENA__CREDENTIALS__AWS_SECRET_ACCESS_KEY", "from-env-1234")));
        Assert.Equal("from-env-1234", overridden.GetString("destination.athena.credentials.aws_secret_access_key"));
    }

    [Fact]
    public void Values_are_marked_secret_by_file_or_by_name()
    {
        using var project = new TempProject().Secrets(SeedSecrets).Config("[destination.athena]\nathena_work_group = 'wg'");
        var config = SluiceConfiguration.Load(project.Root, Env(("SOURCES__GITHUB__API_KEY", "gh-api-key-value"), ("SOURCES__GITHUB__OWNER", "octocat")));

        Assert.True(config.Require(ConfigKey.Parse("destination.athena.query_result_bucket")).IsSecret);
        Assert.True(config.Require(ConfigKey.Parse("destination.athena.credentials.aws_secret_access_key")).IsSecret);
        Assert.False(config.Require(ConfigKey.Parse("destination.athena.athena_work_group")).IsSecret);
        Assert.True(config.Require(ConfigKey.Parse("sources.github.api_key")).IsSecret);
        Assert.False(config.Require(ConfigKey.Parse("sources.github.owner")).IsSecret);
        var secret = config.Require(ConfigKey.Parse("destination.athena.credentials.aws_secret_access_key"));
        Assert.Equal($"destination.athena.credentials.aws_secret_access_key = *** ({project.SecretsPath}: destination.athena.credentials.aws_secret_access_key)", secret.ToString());
        Assert.Contains("= \"wg\"", config.Require(ConfigKey.Parse("destination.athena.athena_work_group")).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws_secret_access_key", true)]
    [InlineData("aws_session_token", true)]
    [InlineData("password", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("token", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("api_key", true)]
    [InlineData("client_secret", true)]
    [InlineData("private_key", true)]
    [InlineData("aws_access_key_id", false)]
    [InlineData("region_name", false)]
    [InlineData("primary_key", false)]
    [InlineData("bucket_url", false)]
    public void Secret_names(string name, bool secret)
    {
        Assert.Equal(secret, SecretNames.IsSecret(name));
    }

    [Fact]
    public void Redactor_masks_every_known_secret_from_files_and_environment()
    {
        using var project = new TempProject().Secrets(SeedSecrets + "\n[sources.db]\nport = 5432\npassword = 98765\n").Config("[destination.athena]\nathena_work_group = 'primary'");
        var config = SluiceConfiguration.Load(project.Root, Env(
            ("AWS_SESSION_TOKEN", "FwoGZXIvYXdzEBYaD-session"),
            ("DESTINATION__ATHENA__CREDENTIALS__PASSWORD", "p@ss word/1"),
            ("SOME_FEATURE_TOKEN", "true"),
            ("HOME", "/home/someone")));
        var redactor = config.Redactor;

        Assert.Equal("key=*** secret=*** bucket=***", redactor.Redact("key=fs-secret-wJalrXUtnFEMI secret=athena-secret-K7MDENG bucket=s3://my-results-bucket"));
        Assert.Equal("id=***", redactor.Redact("id=AKIAATHENA000000001"));
        Assert.Equal("token ***", redactor.Redact("token FwoGZXIvYXdzEBYaD-session"));
        Assert.Equal("pw=*** url=postgres://u:***@host", redactor.Redact("pw=p@ss word/1 url=postgres://u:p%40ss%20word%2F1@host"));
        Assert.Equal("pin=***", redactor.Redact("pin=98765"));
        // A port in secrets.toml is not a secret string; common words and the rest of the environment are not masked.
        Assert.Equal("port 5432 merge=true home=/home/someone wg=primary", redactor.Redact("port 5432 merge=true home=/home/someone wg=primary"));
    }

    [Fact]
    public void Redactor_masks_longer_secrets_first_and_accepts_secrets_added_later()
    {
        var redactor = new Redactor(["abcd", "abcdefgh", null, "", "  ", "abc", "None"]);
        Assert.Equal("*** and ***", redactor.Redact("abcdefgh and abcd"));
        Assert.Equal("abc None", redactor.Redact("abc None"));
        Assert.True(redactor.Add("late-session-token"));
        Assert.False(redactor.Add("no"));
        Assert.Equal("x=***", redactor.Redact("x=late-session-token"));
        Assert.True(redactor.IsSecret("abcd"));
        Assert.Equal(string.Empty, redactor.Redact(null));
    }

    [Fact]
    public void Redactor_is_safe_to_use_from_many_threads()
    {
        var redactor = new Redactor();
        Parallel.For(0, 200, i =>
        {
            redactor.Add($"secret-value-{i:D4}");
            Assert.Equal("x ***", redactor.Redact($"x secret-value-{i:D4}"));
        });
        Assert.Equal(200, redactor.Count);
    }

    [Fact]
    public void Dump_and_ToString_never_reveal_secrets()
    {
        using var project = new TempProject().Secrets(SeedSecrets).Config("""
            [destination.athena]
            athena_work_group = "visible-workgroup"
            aws_data_catalog = "awsdatacatalog"
            """);
        var config = SluiceConfiguration.Load(project.Root, Env(
            ("DESTINATION__ATHENA__CREDENTIALS__AWS_SESSION_TOKEN", "session-token-value-xyz"),
            ("DESTINATION__ATHENA__ATHENA_WORK_GROUP", "env-workgroup"),
            ("UNRELATED__THING", "unrelated-value"),
            ("PATH", "/usr/bin")));

        var dump = config.Dump();
        foreach (var secret in new[] { "fs-secret-wJalrXUtnFEMI", "athena-secret-K7MDENG", "AKIAATHENA000000001", "s3://my-results-bucket", "session-token-value-xyz", "eu-central-1" })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, config.ToString(), StringComparison.Ordinal);
        }

        Assert.Contains("destination.athena.athena_work_group = \"visible-workgroup\"", dump, StringComparison.Ordinal);
        Assert.Contains("destination.athena.credentials.aws_secret_access_key = ***", dump, StringComparison.Ordinal);
        Assert.Contains("destination.athena.query_result_bucket = ***", dump, StringComparison.Ordinal);
        Assert.Contains("DESTINATION__ATHENA__CREDENTIALS__AWS_SESSION_TOKEN = ***", dump, StringComparison.Ordinal);
        Assert.Contains("DESTINATION__ATHENA__ATHENA_WORK_GROUP = \"env-workgroup\"", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("UNRELATED__THING", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("PATH", dump, StringComparison.Ordinal);
        Assert.Contains("config.toml = 2 keys", config.ToString(), StringComparison.Ordinal);
        Assert.Contains("secrets.toml = 7 keys", config.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_secrets_toml_reports_position_without_its_text()
    {
        using var project = new TempProject().Secrets("[destination.athena.credentials]\naws_secret_access_key = wJalrXUtnFEMI-unquoted\n");
        var ex = Assert.Throws<TomlException>(() => SluiceConfiguration.Load(project.Root, Env()));
        Assert.IsAssignableFrom<ConfigurationException>(ex);
        Assert.StartsWith(project.SecretsPath + ":2:25: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Strings must be quoted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_config_toml_quotes_the_offending_text()
    {
        using var project = new TempProject().Config("[destination.athena]\nathena_work_group = primary\n");
        var ex = Assert.Throws<TomlException>(() => SluiceConfiguration.Load(project.Root, Env()));
        Assert.StartsWith(project.ConfigPath + ":2:21: 'primary' is not a TOML value.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_keys_parse_and_validate()
    {
        var key = ConfigKey.Parse("destination.athena.credentials.region_name");
        Assert.Equal(["destination", "athena", "credentials"], key.Sections);
        Assert.Equal("region_name", key.Name);
        Assert.Equal(1, key.EmbeddedSectionCount);
        Assert.Equal("destination.athena.credentials", key.SectionPath);
        Assert.Equal(key, ConfigKey.Of("destination.athena.credentials", "region_name"));
        Assert.Equal(["dataset_name"], ConfigKey.Of(string.Empty, "dataset_name").FallbackPaths().Single());
        Assert.Throws<ArgumentException>(() => ConfigKey.Parse("destination..athena"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfigKey(["a"], "b", embeddedSectionCount: 2));
    }
}
