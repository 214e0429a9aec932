using Sluice.Errors;

namespace Sluice.Transform.Tests;

public sealed class ProjectLoadingTests
{
    [Fact]
    public void Configs_merge_project_tree_then_yaml_then_in_file()
    {
        using var shop = new ShopProject();
        var session = shop.Load();
        var nodes = session.Project.Nodes.Values.ToDictionary(n => n.Name);
        Assert.Equal("view", nodes["stg_customers"].Materialized);
        Assert.Equal("ephemeral", nodes["order_totals"].Materialized);
        Assert.Equal("table", nodes["customer_orders"].Materialized);
        Assert.Equal("incremental", nodes["fct_orders"].Materialized);
        Assert.Equal(["marts", "reporting", "finance"], nodes["customer_orders"].Tags);
        Assert.Equal(["staging"], nodes["stg_orders"].Tags);
        Assert.Equal("Orders per customer.", nodes["customer_orders"].Description);
        Assert.Equal("bigint", ((OrderedDictionary<string, object?>)nodes["raw_orders"].Config["column_types"]!)["amount_cents"]);
        Assert.Equal("analytics", nodes["customer_orders"].Schema);
        Assert.Equal("customer_orders", nodes["customer_orders"].Alias);
        Assert.Equal(["model.shop.stg_customers", "model.shop.order_totals"], nodes["customer_orders"].DependsOn);
    }

    [Fact]
    public void Profiles_render_env_var_and_keep_every_key()
    {
        using var shop = new ShopProject();
        shop.Environment["SHOP_SCHEMA"] = "Shop_Dev";
        var target = shop.Load().Project.Target;
        Assert.Equal("shop_dev", target.Schema);
        Assert.Equal("local", target.Engine);
        Assert.Equal("s3://shop-lake/dbt", target.DataRoot);
        Assert.Equal(2, target.Threads);
        Assert.Equal("***", target.DisplayFields().Single(f => f.Key == "aws_secret_access_key").Value);
    }

    [Fact]
    public void Engine_defaults_to_local_only_without_region_and_staging_dir()
    {
        using var shop = new ShopProject();
        shop.Write("profiles.yml", """
            shop:
              target: prod
              outputs:
                prod:
                  type: athena
                  region_name: eu-west-1
                  s3_staging_dir: s3://results/dbt/
                  schema: analytics
                local:
                  type: athena
                  schema: analytics
            """);
        Assert.Equal("aws", shop.Load().Project.Target.Engine);
        Assert.Equal("local", shop.Load(new TransformOptions { Target = "local" }).Project.Target.Engine);
        var missing = Assert.Throws<ConfigurationException>(() => shop.Load(new TransformOptions { Target = "qa" }));
        Assert.Contains("Pass --target", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_schema_uses_generate_schema_name_and_a_project_macro_overrides_it()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/finance_summary.sql", "{{ config(schema='finance') }} select 1 as id");
        Assert.Equal("analytics_finance", shop.Load().Project.Nodes["model.shop.finance_summary"].Schema);

        shop.Write("macros/naming.sql", """
            {% macro generate_schema_name(custom_schema_name, node) -%}
            {{ custom_schema_name if custom_schema_name else target.schema }}
            {%- endmacro %}
            """);
        Assert.Equal("finance", shop.Load().Project.Nodes["model.shop.finance_summary"].Schema);
    }

    [Fact]
    public void Generic_tests_come_from_yaml_with_configs()
    {
        using var shop = new ShopProject();
        var tests = shop.Load().Project.Nodes.Values.Where(n => n.Type == NodeType.Test).ToList();
        var warn = tests.Single(t => t.Name == "not_null_stg_orders_amount");
        Assert.Equal("warn", warn.ConfigString("severity"));
        var relationship = tests.Single(t => t.TestName == "relationships");
        Assert.Contains("model.shop.stg_customers", relationship.DependsOn);
        Assert.Contains("model.shop.stg_orders", relationship.DependsOn);
        Assert.Contains(tests, t => t.Name == "assert_no_negative_totals" && t.DependsOn.Contains("model.shop.customer_orders"));
        Assert.Contains(tests, t => t.TestName == "is_positive");
    }

    [Fact]
    public void Unknown_ref_is_a_compile_error_naming_the_file()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/bad.sql", "select * from {{ ref('nope') }}");
        var error = Assert.Throws<CompileException>(() => shop.Load());
        Assert.Equal("models/marts/bad.sql", error.File);
        Assert.Contains("'nope', which was not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jinja_errors_carry_file_line_and_column()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/bad.sql", "select 1 as a\n{% if true %}\nselect 2");
        var error = Assert.Throws<CompileException>(() => shop.Load());
        Assert.Equal("models/marts/bad.sql", error.File);
        Assert.True(error.Line > 0);
        Assert.StartsWith("models/marts/bad.sql:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raise_compiler_error_and_missing_var_are_compile_errors()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/guarded.sql", "{% if var('region', 'eu') == 'us' %}{{ exceptions.raise_compiler_error('region us is retired') }}{% endif %} select 1 as a");
        Assert.Contains("region us is retired", Assert.Throws<CompileException>(() => shop.Load(new TransformOptions { Vars = "{region: us}" })).Message, StringComparison.Ordinal);

        shop.Write("models/marts/guarded.sql", "select {{ var('required_thing') }} as a");
        Assert.Contains("Required var 'required_thing'", Assert.Throws<CompileException>(() => shop.Load()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycles_are_reported_with_the_path()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/a.sql", "select * from {{ ref('b') }}");
        shop.Write("models/marts/b.sql", "select * from {{ ref('a') }}");
        var error = Assert.Throws<CompileException>(() => shop.Load());
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
        Assert.Contains("model.shop.a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_models_are_left_out()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/off.sql", "{{ config(enabled=false) }} select 1 as a");
        Assert.False(shop.Load().Project.Nodes.ContainsKey("model.shop.off"));
    }

    [Fact]
    public void Secret_env_vars_are_masked_in_the_target_and_refused_in_models()
    {
        using var shop = new ShopProject();
        shop.Environment["DBT_ENV_SECRET_TOKEN"] = "tok-12345-secret";
        shop.Write("profiles.yml", File.ReadAllText(Path.Combine(shop.Root, "profiles.yml")) + "      work_group: \"{{ env_var('DBT_ENV_SECRET_TOKEN') }}\"\n");
        var target = shop.Load().Project.Target;
        Assert.Equal("tok-12345-secret", target.Fields["work_group"]);
        Assert.Equal("***", target.DisplayFields().Single(f => f.Key == "work_group").Value);

        shop.Write("models/marts/leak.sql", "select '{{ env_var(\"DBT_ENV_SECRET_TOKEN\") }}' as t");
        var error = Assert.Throws<CompileException>(() => shop.Load());
        Assert.DoesNotContain("tok-12345", error.Message, StringComparison.Ordinal);
        Assert.Contains("may only be used in profiles.yml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jinja_in_project_config_values_is_rendered_natively()
    {
        using var shop = new ShopProject();
        shop.Write("dbt_project.yml", File.ReadAllText(Path.Combine(shop.Root, "dbt_project.yml")).Replace(
            "      +tags: ['marts']",
            "      +tags: ['marts']\n      +enabled: \"{{ target.name == 'dev' }}\"\n      +schema: \"{{ env_var('MARTS_SCHEMA', 'reporting') }}\"",
            StringComparison.Ordinal));
        var nodes = shop.Load().Project.Nodes;
        Assert.Equal("analytics_reporting", nodes["model.shop.customer_orders"].Schema);

        shop.Environment["MARTS_SCHEMA"] = "bi";
        Assert.Equal("analytics_bi", shop.Load().Project.Nodes["model.shop.customer_orders"].Schema);

        shop.Write("profiles.yml", File.ReadAllText(Path.Combine(shop.Root, "profiles.yml")).Replace("target: dev", "target: ci", StringComparison.Ordinal).Replace("    dev:", "    ci:", StringComparison.Ordinal));
        var ci = shop.Load().Project.Nodes;
        Assert.False(ci.ContainsKey("model.shop.customer_orders"));
        Assert.DoesNotContain(ci.Values, n => n.Name is "assert_no_negative_totals" or "unique_customer_orders_customer_id");
    }
}
