namespace Sluice.Transform.Tests;

/// <summary>
/// Every materialization on every table type it supports, and every <c>on_schema_change</c> mode on every incremental
/// strategy, each run twice over changing data with the rows checked after the second run.
/// </summary>
public sealed class MaterializationMatrixTests
{
    private const string FirstData = "id,grp,val\n1,a,10\n2,b,20\n3,b,30\n";

    // Row 1 and 2 change, 3 stays, 4 and 5 are new.
    private const string SecondData = "id,grp,val\n1,a,11\n2,b,21\n3,b,30\n4,b,40\n5,a,50\n";

    private static readonly Dictionary<int, (string Grp, int Val)> First = new() { [1] = ("a", 10), [2] = ("b", 20), [3] = ("b", 30) };

    private static readonly Dictionary<int, (string Grp, int Val)> Second = new() { [1] = ("a", 11), [2] = ("b", 21), [3] = ("b", 30), [4] = ("b", 40), [5] = ("a", 50) };

    private static string Config(string materialization, string tableType, string? strategy, string extra = "")
    {
        var parts = new List<string> { $"materialized='{materialization}'" };
        if (tableType != "-")
        {
            parts.Add($"table_type='{tableType}'");
        }

        if (strategy is not null)
        {
            parts.Add($"incremental_strategy='{strategy}'");
        }

        if (strategy == "merge")
        {
            parts.Add("unique_key='id'");
        }

        if (strategy == "insert_overwrite")
        {
            parts.Add("partitioned_by=['grp']");
        }

        return "{{ config(" + string.Join(", ", parts) + extra + ") }}";
    }

    /// <summary>Which source rows the second run writes, per strategy (the model's is_incremental() filter).</summary>
    private static string Filter(string? strategy) => strategy switch
    {
        "append" => "where id > (select max(id) from {{ this }})",
        "merge" => "where id >= 2",
        "insert_overwrite" => "where grp = 'b'",
        _ => string.Empty,
    };

    private static IEnumerable<int> Written(string? strategy) => strategy switch
    {
        "append" => [4, 5],
        "merge" => [2, 3, 4, 5],
        "insert_overwrite" => [2, 3, 4],
        _ => Second.Keys,
    };

    private static async Task SeedAsync(ShopProject shop, string data)
    {
        shop.Write("seeds/matrix_src.csv", data);
        var seeded = Assert.Single(await shop.RunAsync("seed", new TransformOptions { Select = ["matrix_src"] }));
        Assert.True(seeded.Status == "success", seeded.Message);
    }

    private static string Render(List<string?[]> rows) => string.Join("\n", rows.Select(r => string.Join(" | ", r.Select(v => v ?? "NULL"))));

    [Theory]
    [InlineData("view", "-", null)]
    [InlineData("table", "hive", null)]
    [InlineData("table", "iceberg", null)]
    [InlineData("incremental", "hive", "append")]
    [InlineData("incremental", "iceberg", "append")]
    [InlineData("incremental", "hive", "insert_overwrite")]
    [InlineData("incremental", "iceberg", "merge")]
    [InlineData("ephemeral", "-", null)]
    public async Task Each_materialization_and_table_type_holds_the_right_rows_after_a_second_run(string materialization, string tableType, string? strategy)
    {
        using var shop = new ShopProject();
        await SeedAsync(shop, FirstData);
        var filter = materialization == "incremental" ? "{% if is_incremental() %} " + Filter(strategy) + " {% endif %}" : string.Empty;
        shop.Write("models/marts/matrix.sql", $"{Config(materialization, tableType, strategy)}\nselect id, val, grp from {{{{ ref('matrix_src') }}}}\n{filter}\n");
        // An ephemeral model has no relation: a view reads it.
        shop.Write("models/marts/matrix_reader.sql", "{{ config(materialized='view') }} select * from {{ ref('matrix') }}");
        var select = new TransformOptions { Select = ["matrix", "matrix_reader"] };

        var first = await shop.RunAsync("run", select);
        Assert.All(first, r => Assert.True(r.Status == "success", r.Node.Name + ": " + r.Message));
        Assert.Equal(
            Render(First.OrderBy(kv => kv.Key).Select(kv => new string?[] { kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv.Value.Val.ToString(System.Globalization.CultureInfo.InvariantCulture), kv.Value.Grp }).ToList()),
            Render(await shop.QueryAsync("select id, val, grp from matrix_reader order by id")));

        await SeedAsync(shop, SecondData);
        var second = await shop.RunAsync("run", select);
        Assert.All(second, r => Assert.True(r.Status == "success", r.Node.Name + ": " + r.Message));

        // Incremental models keep what the second run did not write; the others show the new data.
        var expected = new SortedDictionary<int, (string Grp, int Val)>(materialization == "incremental" ? First : Second);
        if (materialization == "incremental")
        {
            if (strategy == "insert_overwrite")
            {
                // The partitions the second run writes are replaced whole.
                foreach (var id in expected.Where(kv => kv.Value.Grp == "b").Select(kv => kv.Key).ToList())
                {
                    expected.Remove(id);
                }
            }

            foreach (var id in Written(strategy))
            {
                expected[id] = Second[id];
            }
        }

        Assert.Equal(
            Render(expected.Select(kv => new string?[] { kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv.Value.Val.ToString(System.Globalization.CultureInfo.InvariantCulture), kv.Value.Grp }).ToList()),
            Render(await shop.QueryAsync("select id, val, grp from matrix_reader order by id")));

        var node = second.SingleOrDefault(r => r.Node.Name == "matrix") ?? new NodeResult(second[0].Node, "inlined", string.Empty);
        var tables = await shop.QueryAsync("show tables in analytics");
        Assert.DoesNotContain(tables, t => t[0]!.Contains("__sluice_", StringComparison.Ordinal));
        switch (materialization, strategy)
        {
            case ("view", _):
                Assert.StartsWith("CREATE OR REPLACE VIEW", Assert.Single(node.Statements), StringComparison.Ordinal);
                break;
            case ("ephemeral", _):
                // Inlined into its reader as a CTE: never run, never a relation.
                Assert.Equal("inlined", node.Status);
                Assert.Contains("__dbt__cte__matrix", second.Single(r => r.Node.Name == "matrix_reader").Node.CompiledCode, StringComparison.Ordinal);
                Assert.DoesNotContain(tables, t => t[0] == "matrix");
                break;
            case ("table", _):
                Assert.StartsWith("CREATE TABLE", node.Statements[0], StringComparison.Ordinal);
                using (var engine = Sluice.Local.LocalAthenaEngine.Open(shop.Lakehouse))
                {
                    var table = await engine.Catalog.GetTableAsync("analytics", "matrix", CancellationToken.None);
                    Assert.Equal(tableType == "iceberg", table!.IsIceberg);
                }

                break;
            case (_, "append"):
                Assert.StartsWith("INSERT INTO", Assert.Single(node.Statements), StringComparison.Ordinal);
                Assert.Equal(2, node.RowsAffected);
                break;
            case (_, "merge"):
                Assert.StartsWith("MERGE INTO", Assert.Single(node.Statements), StringComparison.Ordinal);
                Assert.Equal(4, node.RowsAffected);
                break;
            case (_, "insert_overwrite"):
                Assert.Equal(3, node.RowsAffected);
                Assert.Equal([["a"], ["b"]], await shop.QueryAsync("select distinct grp from matrix order by grp"));
                break;
        }
    }

    [Theory]
    [InlineData("hive", "merge", "table_type='iceberg'")]
    [InlineData("iceberg", "insert_overwrite", "Iceberg")]
    [InlineData("hive", "microbatch_typo", "incremental_strategy")]
    public async Task A_strategy_the_table_type_cannot_do_fails_before_any_statement_even_on_the_first_run(string tableType, string strategy, string hint)
    {
        using var shop = new ShopProject();
        await SeedAsync(shop, FirstData);
        shop.Write("models/marts/matrix.sql", $"{Config("incremental", tableType, strategy)}\nselect id, val, grp from {{{{ ref('matrix_src') }}}}\n");
        var node = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["matrix"] }));
        Assert.Equal("error", node.Status);
        Assert.DoesNotContain(node.Statements, s => !s.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(hint, node.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(await shop.QueryAsync("show tables in analytics"), t => t[0]!.StartsWith("matrix", StringComparison.Ordinal) && t[0] != "matrix_src");
    }

    public static TheoryData<string, string, string> SchemaChangeCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (tableType, strategy) in new[] { ("hive", "append"), ("iceberg", "append"), ("iceberg", "merge"), ("hive", "insert_overwrite") })
        {
            foreach (var mode in new[] { "ignore", "fail", "append_new_columns", "sync_all_columns" })
            {
                data.Add(tableType, strategy, mode);
            }
        }

        return data;
    }

    /// <summary>
    /// The second version of the model adds <c>extra</c> and (except for <c>ignore</c>, where dbt fails on a removed
    /// column) removes <c>note</c>. The rows after the second run are computed here per strategy and mode.
    /// </summary>
    [Theory]
    [MemberData(nameof(SchemaChangeCases))]
    public async Task On_schema_change_modes_on_every_incremental_strategy(string tableType, string strategy, string mode)
    {
        using var shop = new ShopProject();
        await SeedAsync(shop, FirstData);
        var config = Config("incremental", tableType, strategy, $", on_schema_change='{mode}'");
        var filter = "{% if is_incremental() %} " + Filter(strategy) + " {% endif %}";
        shop.Write("models/marts/evolving.sql", $"{config}\nselect id, val, 'n' || CAST(id AS varchar) as note, grp from {{{{ ref('matrix_src') }}}}\n{filter}\n");
        var select = new TransformOptions { Select = ["evolving"] };
        Assert.Equal("success", Assert.Single(await shop.RunAsync("run", select)).Status);

        await SeedAsync(shop, SecondData);
        var second = mode == "ignore"
            ? $"select id, val, 'n' || CAST(id AS varchar) as note, val * 2 as extra, grp from {{{{ ref('matrix_src') }}}}"
            : $"select id, val, val * 2 as extra, grp from {{{{ ref('matrix_src') }}}}";
        shop.Write("models/marts/evolving.sql", $"{config}\n{second}\n{filter}\n");
        var node = Assert.Single(await shop.RunAsync("run", select));

        // The table's columns after the run (partition keys last on Hive).
        var columns = (await shop.QueryAsync("show columns in evolving")).Select(r => r[0]!.Trim()).ToList();
        var rows = new SortedDictionary<int, Dictionary<string, string?>>();
        foreach (var (id, (grp, val)) in First)
        {
            rows[id] = new() { ["id"] = $"{id}", ["val"] = $"{val}", ["note"] = $"n{id}", ["extra"] = null, ["grp"] = grp };
        }

        if (mode == "fail")
        {
            Assert.Equal("error", node.Status);
            Assert.Contains("extra", node.Message, StringComparison.Ordinal);
            Assert.Contains("note", node.Message, StringComparison.Ordinal);
            Assert.Equal(["id", "val", "note", "grp"], columns);
        }
        else
        {
            Assert.True(node.Status == "success", node.Message);
            // New columns go after the existing data columns; only a Hive partition key (insert_overwrite here) stays last.
            var partitioned = strategy == "insert_overwrite";
            var expectedColumns = mode switch
            {
                "ignore" => new[] { "id", "val", "note", "grp" },
                "append_new_columns" => partitioned ? ["id", "val", "note", "extra", "grp"] : ["id", "val", "note", "grp", "extra"],
                _ => partitioned ? ["id", "val", "extra", "grp"] : ["id", "val", "grp", "extra"],
            };
            Assert.Equal(expectedColumns, columns);
            if (strategy == "insert_overwrite")
            {
                foreach (var id in rows.Where(kv => kv.Value["grp"] == "b").Select(kv => kv.Key).ToList())
                {
                    rows.Remove(id);
                }
            }

            foreach (var id in Written(strategy))
            {
                var (grp, val) = Second[id];
                var row = rows.TryGetValue(id, out var existing) ? existing : new Dictionary<string, string?> { ["note"] = null };
                row["id"] = $"{id}";
                row["val"] = $"{val}";
                row["grp"] = grp;
                row["extra"] = $"{val * 2}";
                if (mode == "ignore")
                {
                    row["note"] = $"n{id}";
                }

                rows[id] = row;
            }

            // A merge updates only the model's columns: a kept column (note) keeps its value in matched rows.
            var expected = rows.Values.Select(r => expectedColumns.Select(c => r.GetValueOrDefault(c)).ToArray()).ToList();
            Assert.Equal(Render(expected), Render(await shop.QueryAsync("select * from evolving order by id")));
        }

        if (mode == "fail")
        {
            Assert.Equal(
                Render(rows.Values.Select(r => new[] { r["id"], r["val"], r["note"], r["grp"] }).ToList()),
                Render(await shop.QueryAsync("select id, val, note, grp from evolving order by id")));
        }
    }

    [Theory]
    [InlineData("hive", "append")]
    [InlineData("iceberg", "merge")]
    public async Task Ignore_fails_when_the_model_drops_a_column_the_table_still_has(string tableType, string strategy)
    {
        using var shop = new ShopProject();
        await SeedAsync(shop, FirstData);
        var config = Config("incremental", tableType, strategy);
        shop.Write("models/marts/evolving.sql", $"{config}\nselect id, val, 'x' as note, grp from {{{{ ref('matrix_src') }}}}\n");
        Assert.Equal("success", Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["evolving"] })).Status);
        shop.Write("models/marts/evolving.sql", $"{config}\nselect id, val, grp from {{{{ ref('matrix_src') }}}}\n");
        var node = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["evolving"] }));
        Assert.Equal("error", node.Status);
        Assert.Contains("note", node.Message, StringComparison.Ordinal);
        Assert.Equal([["3"]], await shop.QueryAsync("select count(*) from evolving"));
    }
}
