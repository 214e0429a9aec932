namespace Sluice.Transform.Tests;

public sealed class JinjaContextTests
{
    [Fact]
    public async Task Introspection_statements_dispatch_return_and_helpers_work_in_models()
    {
        using var shop = new ShopProject();
        shop.Write("macros/helpers.sql", """
            {% macro default__label(x) %}'default-{{ x }}'{% endmacro %}
            {% macro athena__label(x) %}'athena-{{ x }}'{% endmacro %}
            {% macro status_list() %}
              {% if execute %}
                {% set rows = run_query("select distinct status from " ~ ref('stg_orders') ~ " order by status") %}
                {{ return(rows.columns[0].values()) }}
              {% endif %}
              {{ return([]) }}
            {% endmacro %}
            """);
        shop.Write("models/marts/introspect.sql", """
            {{ config(materialized='table') }}
            {% call statement('orders', fetch_result=True) %}
              select count(*) as n from {{ ref('stg_orders') }}
            {% endcall %}
            {% set order_count = load_result('orders')['data'][0][0] if execute else 0 %}
            {% set cols = adapter.get_columns_in_relation(ref('stg_customers')) | map(attribute='name') | list %}
            {% set settings = fromjson('{"k": [1, 2]}') %}
            {% do log("building introspect with " ~ order_count ~ " orders", info=True) %}
            select
              {{ order_count }} as order_count,
              '{{ status_list() | join("|") }}' as statuses,
              '{{ cols | join(",") }}' as customer_columns,
              {{ adapter.dispatch('label')('x') }} as label,
              {{ settings.k | sum }} as k_sum,
              '{{ tojson({"a": 1}) }}' as as_json,
              '{% for a, b in zip([1, 2], ['x', 'y']) %}{{ a }}{{ b }}{% endfor %}' as zipped,
              {{ set([1, 1, 2]) | length }} as distinct_count,
              {{ adapter.quote('weird col') }} as quoted_check,
              '{{ this.identifier }}' as me,
              '{{ target.name }}/{{ target.schema }}' as target_info,
              {{ 'true' if modules.datetime.datetime.now().year > 2000 else 'false' }} as has_clock
            from (select 1 as {{ adapter.quote('weird col') }}) as t
            """);
        var results = await shop.RunAsync("build");
        var node = results.Single(r => r.Node.Name == "introspect");
        Assert.True(node.Status == "success", node.Message);
        Assert.Contains(node.Notes, n => n == "building introspect with 5 orders");
        Assert.Equal(
            [["5", "placed|returned|shipped", "customer_id,full_name,signup_date", "athena-x", "3", "{\"a\": 1}", "1x2y", "2", "1", "introspect", "dev/analytics", "true"]],
            await shop.QueryAsync("select * from introspect"));
    }

    [Fact]
    public async Task Local_packages_provide_macros_and_project_macros_override_them()
    {
        using var shop = new ShopProject();
        shop.Write("packages.yml", "packages:\n  - local: vendor/utils\n");
        shop.Write("vendor/utils/dbt_project.yml", "name: utils\nversion: '1.0'\nconfig-version: 2\n");
        shop.Write("vendor/utils/macros/u.sql", "{% macro greet() %}'from package'{% endmacro %}{% macro shout() %}'package shout'{% endmacro %}");
        shop.Write("macros/override.sql", "{% macro shout() %}'project shout'{% endmacro %}");
        shop.Write("models/marts/greeting.sql", "select {{ greet() }} as g, {{ shout() }} as s");
        var results = await shop.RunAsync("run", new TransformOptions { Select = ["greeting"] });
        Assert.Equal("success", Assert.Single(results).Status);
        Assert.Equal([["from package", "project shout"]], await shop.QueryAsync("select g, s from greeting"));
    }

    [Fact]
    public async Task Sources_resolve_to_their_schema_and_identifier()
    {
        using var shop = new ShopProject();
        shop.Write("models/staging/sources.yml", """
            version: 2
            sources:
              - name: legacy
                schema: legacy_raw
                tables:
                  - name: events
                    identifier: event_log
                    columns:
                      - name: id
                        data_tests: [not_null]
            """);
        shop.Write("models/staging/stg_events.sql", "select id, kind from {{ source('legacy', 'events') }}");
        using (var engine = Sluice.Local.LocalAthenaEngine.Open(shop.Lakehouse))
        {
            await engine.ExecuteAsync("CREATE DATABASE legacy_raw", null, CancellationToken.None);
            await engine.ExecuteAsync(
                "CREATE TABLE legacy_raw.event_log WITH (table_type = 'ICEBERG', location = 's3://legacy/event_log/', is_external = false) AS SELECT 1 AS id, 'click' AS kind",
                null,
                CancellationToken.None);
        }

        var results = await shop.RunAsync("build", new TransformOptions { Select = ["stg_events", "source:legacy"] });
        Assert.All(results, r => Assert.True(r.Status is "success" or "pass", r.Node.Name + ": " + r.Message));
        Assert.Equal(2, results.Count);
        Assert.Equal([["1", "click"]], await shop.QueryAsync("select * from stg_events"));
    }

    [Fact]
    public async Task Adapter_helpers_drop_and_compare_relations()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("build");
        shop.Write("models/marts/compare.sql", """
            {% set settings = fromyaml('limit: 2') %}
            {% if execute %}
              {% set missing = adapter.get_missing_columns(ref('stg_orders'), ref('orders_iceberg')) | map(attribute='name') | list %}
              {% do adapter.drop_relation(adapter.get_relation(database=target.database, schema=target.schema, identifier='order_log')) %}
            {% else %}
              {% set missing = [] %}
            {% endif %}
            select '{{ missing | join(",") }}' as missing, {{ settings.limit }} as lim
            """);
        var node = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["compare"] }));
        Assert.True(node.Status == "success", node.Message);
        Assert.Equal([["ordered_at,is_placed,is_shipped,is_returned", "2"]], await shop.QueryAsync("select * from compare"));
        Assert.Empty(await shop.QueryAsync("show tables in analytics like 'order_log'"));
    }

    [Fact]
    public async Task Ephemeral_models_are_spliced_into_a_leading_with()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/top_customer.sql", """
            {{ config(materialized='table') }}
            with ranked as (
                select customer_id, total_amount, rank() over (order by total_amount desc) as r
                from {{ ref('order_totals') }}
            )
            select customer_id from ranked where r = 1
            """);
        var results = await shop.RunAsync("build", new TransformOptions { Select = ["+top_customer"] });
        var node = results.Single(r => r.Node.Name == "top_customer");
        Assert.True(node.Status == "success", node.Message);
        Assert.StartsWith("with __dbt__cte__order_totals as (", node.Node.CompiledCode, StringComparison.Ordinal);
        Assert.Equal([["2"]], await shop.QueryAsync("select customer_id from top_customer"));
    }
}
