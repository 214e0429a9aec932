using Sluice.Cli;

namespace Sluice.Transform.Tests;

/// <summary><c>sluice deps</c> and package resolution: local packages in place, hub/git packages only when installed.</summary>
public sealed class DepsTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(ShopProject shop, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(string.Empty);
        var host = new CliHost(output, error, input, false, shop.Root, name => shop.Environment.GetValueOrDefault(name));
        var code = await SluiceCli.RunAsync(args, host);
        return (code, output.ToString(), error.ToString());
    }

    private static void WritePackages(ShopProject shop, string packagesYml)
    {
        shop.Write("packages.yml", packagesYml);
        shop.Write("vendor/utils/dbt_project.yml", "name: shop_utils\nversion: '1.0'\nconfig-version: 2\n");
        shop.Write("vendor/utils/macros/u.sql", "{% macro greet() %}'from local'{% endmacro %}");
        shop.Write("models/marts/greeting.sql", "select {{ greet() }} as g, {{ surrogate('a') }} as s");
    }

    [Fact]
    public async Task Deps_resolves_local_and_installed_hub_and_git_packages_and_run_uses_their_macros()
    {
        using var shop = new ShopProject();
        WritePackages(shop, """
            packages:
              - local: vendor/utils
              - package: dbt-labs/dbt_utils
                version: [">=1.0.0", "<2.0.0"]
              - git: "https://github.com/example/dbt-audit-helper.git"
                revision: "0.9.0"
            """);
        // Installed the way dbt deps leaves them: a folder per package under dbt_packages/.
        shop.Write("dbt_packages/dbt_utils/dbt_project.yml", "name: dbt_utils\nversion: '1.1.1'\nconfig-version: 2\n");
        shop.Write("dbt_packages/dbt_utils/macros/s.sql", "{% macro surrogate(x) %}'key-' || '{{ x }}'{% endmacro %}");
        shop.Write("dbt_packages/audit_helper/dbt_project.yml", "name: audit_helper\nversion: '0.9.0'\nconfig-version: 2\n");

        var (code, output, error) = await RunAsync(shop, "deps");
        Assert.True(code == 0, output + error);
        Assert.Contains("Installing local: vendor/utils", output, StringComparison.Ordinal);
        Assert.Contains("Installed from <local directory> vendor/utils (package shop_utils, read in place)", output, StringComparison.Ordinal);
        Assert.Contains("Found installed at dbt_packages/dbt_utils (package dbt_utils)", output, StringComparison.Ordinal);
        Assert.Contains("Found installed at dbt_packages/audit_helper (package audit_helper)", output, StringComparison.Ordinal);
        var lockFile = await File.ReadAllTextAsync(Path.Combine(shop.Root, "package-lock.yml"));
        Assert.Contains("  - local: 'vendor/utils'\n", lockFile, StringComparison.Ordinal);
        Assert.Contains("  - package: 'dbt-labs/dbt_utils'\n    version: '>=1.0.0, <2.0.0'\n", lockFile, StringComparison.Ordinal);
        Assert.Contains("  - git: 'https://github.com/example/dbt-audit-helper.git'\n    revision: '0.9.0'\n", lockFile, StringComparison.Ordinal);
        Assert.Matches("sha1_hash: [0-9a-f]{40}\n", lockFile);

        var run = await RunAsync(shop, "run", "--select", "greeting");
        Assert.True(run.Code == 0, run.Output + run.Error);
        Assert.Equal([["from local", "key-a"]], await shop.QueryAsync("select g, s from greeting"));
    }

    [Fact]
    public async Task A_hub_package_that_is_not_installed_fails_deps_and_run_saying_how_to_install_it()
    {
        using var shop = new ShopProject();
        WritePackages(shop, "packages:\n  - local: vendor/utils\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n");

        var deps = await RunAsync(shop, "deps");
        Assert.NotEqual(0, deps.Code);
        var message = deps.Output + deps.Error;
        Assert.Contains("'package: dbt-labs/dbt_utils 1.1.1' is listed in the project's packages but not installed under 'dbt_packages/'", message, StringComparison.Ordinal);
        Assert.Contains("- local: <folder>", message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(shop.Root, "package-lock.yml")));

        var run = await RunAsync(shop, "run", "--select", "greeting");
        Assert.NotEqual(0, run.Code);
        Assert.Contains("not installed under 'dbt_packages/'", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_package_without_a_project_file_and_a_malformed_entry_are_clear_errors()
    {
        using var shop = new ShopProject();
        shop.Write("packages.yml", "packages:\n  - local: vendor/missing\n");
        var missing = await RunAsync(shop, "deps");
        Assert.NotEqual(0, missing.Code);
        Assert.Contains("The local package 'vendor/missing' in packages.yml has no dbt_project.yml", missing.Output + missing.Error, StringComparison.Ordinal);

        shop.Write("packages.yml", "packages:\n  - name: something\n");
        var malformed = await RunAsync(shop, "deps");
        Assert.NotEqual(0, malformed.Code);
        Assert.Contains("Package 1 in packages.yml is not a package entry", malformed.Output + malformed.Error, StringComparison.Ordinal);

        shop.Write("packages.yml", "packages: []\n");
        var none = await RunAsync(shop, "deps");
        Assert.Equal(0, none.Code);
        Assert.Contains("nothing to install", none.Output, StringComparison.Ordinal);
    }
}
