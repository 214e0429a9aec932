namespace Sluice.Local.Tests.Conformance;

/// <summary>The translation layer through the engine's statement paths: databases other than default, views, CTAS, INSERT.</summary>
public sealed class TranslationEngineTests : LakehouseTest
{
    [Fact]
    public void Macros_resolve_after_the_engine_switches_database()
    {
        Run("CREATE DATABASE analytics");
        Assert.Equal(["NULL|3|2020-02-29"], Rows("SELECT split_part('a,b', ',', 3), 7 / 2, date_add('month', 1, DATE '2020-01-31')", "analytics"));
        Assert.Equal(["NULL"], Rows("SELECT split_part('a,b', ',', 3)"));
    }

    [Fact]
    public void View_bodies_keep_Trino_semantics()
    {
        Run("CREATE VIEW v AS SELECT 7 / 2 AS q, split_part('a,b', ',', 3) AS p, regexp_replace('aaa', 'a', 'b') AS r");
        Assert.Equal(["3|NULL|bbb"], Rows("SELECT q, p, r FROM v"));
        Assert.Equal("integer", Run("SELECT q FROM v").Columns[0].Type);
    }

    [Fact]
    public void Ctas_and_insert_sources_are_translated()
    {
        Run("CREATE TABLE t WITH (external_location = 's3://lake/t/') AS SELECT 7 / 2 AS q, date_trunc('month', DATE '2020-05-17') AS d, X'6869' AS b");
        Run("INSERT INTO t SELECT -7 / 2, date_add('day', 1, DATE '2020-01-31'), to_utf8('yo')");
        Assert.Equal(["-3|2020-02-01|79 6f", "3|2020-05-01|68 69"], Rows("SELECT q, d, b FROM t ORDER BY q"));
        var columns = Run("SELECT q, d, b FROM t").Columns.Select(c => c.Type).ToList();
        Assert.Equal(["integer", "date", "varbinary"], columns);
    }

    [Fact]
    public void Iceberg_dml_is_translated()
    {
        Run("CREATE TABLE ice WITH (table_type = 'ICEBERG', location = 's3://lake/ice', is_external = false) AS SELECT * FROM (VALUES (1, 7, 'a,b'), (2, -7, 'c')) AS t(id, n, s)");
        Assert.Equal(1, Run("UPDATE ice SET n = n / 2, s = split_part(s, ',', 2) WHERE id = 1").UpdateCount);
        Run("MERGE INTO ice t USING (SELECT * FROM (VALUES (2, 'z')) AS s(id, v)) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET n = t.n / 2, s = concat(t.s, s.v)");
        Assert.Equal(1, Run("DELETE FROM ice WHERE regexp_like(s, '^[a-z]+$') AND n / 2 = -1").UpdateCount);
        Assert.Equal(["1|3|b"], Rows("SELECT id, n, s FROM ice ORDER BY id"));
        Assert.Equal("DIVISION_BY_ZERO", Fails("UPDATE ice SET n = n / 0").ErrorName);
    }

    [Fact]
    public void Integer_aggregates_are_bigint_in_ctas()
    {
        Run("CREATE TABLE agg WITH (external_location = 's3://lake/agg/') AS SELECT sum(x) AS total, count_if(x > 1) AS big FROM (VALUES 1, 2, 3) AS t(x)");
        Assert.Equal(["6|2"], Rows("SELECT total, big FROM agg"));
        Assert.Equal(["bigint", "bigint"], Run("SELECT total, big FROM agg").Columns.Select(c => c.Type).ToList());
    }

    [Fact]
    public void Errors_have_Athena_names_and_messages()
    {
        var division = Fails("SELECT 1 / 0");
        Assert.Equal("DIVISION_BY_ZERO", division.ErrorName);
        Assert.Equal("Division by zero", division.Message);
        Assert.Equal("DIVISION_BY_ZERO", Fails("SELECT x % 0 FROM (VALUES 5) AS t(x)").ErrorName);
        Assert.Equal("INVALID_CAST_ARGUMENT", Fails("SELECT CAST('x' AS INTEGER)").ErrorName);
        Assert.Equal("INVALID_FUNCTION_ARGUMENT", Fails("SELECT concat('a')").ErrorName);
        Assert.Equal("FUNCTION_NOT_FOUND", Fails("SELECT checksum(x) FROM (VALUES 1) AS t(x)").ErrorName);
        Assert.Equal("FUNCTION_NOT_FOUND", Fails("SELECT no_such_function(1)").ErrorName);
    }

    [Fact]
    public void Unquoted_aliases_are_labelled_in_lower_case()
    {
        var result = Run("SELECT 1 AS Total, 2 AS \"Mixed\", x FROM (VALUES 3) AS T(X)");
        Assert.Equal(["total", "Mixed", "x"], result.Columns.Select(c => c.Name).ToList());
    }

    [Fact]
    public void Comments_and_strings_pass_through_untouched()
    {
        Assert.Equal(["a/b -- not a comment|3"], Rows("SELECT 'a/b -- not a comment' /* 1 / 0 */, 7 -- trailing / 0\n / 2"));
    }
}
