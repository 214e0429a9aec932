namespace Sluice.Transform.Tests;

public sealed class DocsAndContractTests
{
    [Fact]
    public async Task Persist_docs_sets_the_table_comment_once()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/schema.yml", """
            version: 2
            models:
              - name: customer_orders
                description: >
                  Orders   per customer,
                  one row each.
                config:
                  persist_docs: {relation: true}
            """);
        var first = await shop.RunAsync("build");
        var node = first.Single(r => r.Node.Name == "customer_orders");
        // The comment rides on the catalog call that records the table's owned location: no extra statement.
        Assert.Single(node.Statements);
        Assert.Contains(node.CatalogCalls, c => c.StartsWith("UpdateTable", StringComparison.Ordinal) && c.Contains("comment", StringComparison.Ordinal));
        Assert.Equal("Orders per customer, one row each.", (await shop.TableAsync("customer_orders"))!.Parameters["comment"]);

        // A rebuild carries the comment through the swap: nothing to update afterwards.
        var second = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["customer_orders"] }));
        Assert.Equal(2, second.Statements.Count + second.CatalogCalls.Count(c => c.StartsWith("ReplaceTable", StringComparison.Ordinal)));
        Assert.DoesNotContain(second.CatalogCalls, c => c.StartsWith("UpdateTable", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Statements, s => s.Contains("TBLPROPERTIES", StringComparison.Ordinal));
        Assert.Equal("Orders per customer, one row each.", (await shop.TableAsync("customer_orders"))!.Parameters["comment"]);

        // A changed description is one UpdateTable call.
        shop.Write("models/marts/schema.yml", """
            version: 2
            models:
              - name: customer_orders
                description: New words.
                config:
                  persist_docs: {relation: true}
            """);
        var third = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["customer_orders"] }));
        Assert.Single(third.Statements);
        Assert.Equal("New words.", (await shop.TableAsync("customer_orders"))!.Parameters["comment"]);
    }

    [Fact]
    public async Task Persist_docs_writes_description_meta_and_column_comments_and_keeps_them_through_rebuilds()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/schema.yml", """
            version: 2
            models:
              - name: customer_orders
                description: Orders per customer.
                config:
                  persist_docs: {relation: true, columns: true}
                  meta: {owner: data-team, tier: 1, contains_pii: true, sources: [crm, shop]}
                columns:
                  - name: customer_id
                    description: The customer's key.
                    data_tests: [unique]
                  - name: total_amount
                    description: >
                      Sum of   order amounts,
                      in cents.
                  - name: no_such_column
                    description: Documented but never selected.
              - name: order_log
                description: Every order once.
                config:
                  persist_docs: {relation: true, columns: true}
                columns:
                  - name: status
                    description: Order status.
            """);
        var first = await shop.RunAsync("build");
        var node = first.Single(r => r.Node.Name == "customer_orders");
        Assert.Equal("success", node.Status);
        // Ownership and all the docs ride on one catalog call after the CTAS.
        Assert.Single(node.Statements);
        var update = Assert.Single(node.CatalogCalls, c => c.StartsWith("UpdateTable", StringComparison.Ordinal));
        Assert.Contains("2 column comment(s)", update, StringComparison.Ordinal);
        Assert.Contains(node.Notes, n => n.Contains("column 'no_such_column' is documented", StringComparison.Ordinal));

        var table = (await shop.TableAsync("customer_orders"))!;
        Assert.Equal("Orders per customer.", table.Description);
        Assert.Equal("Orders per customer.", table.Parameters["comment"]);
        Assert.Equal("data-team", table.Parameters["owner"]);
        Assert.Equal("1", table.Parameters["tier"]);
        Assert.Equal("True", table.Parameters["contains_pii"]);
        Assert.Equal("[\"crm\", \"shop\"]", table.Parameters["sources"]);
        Assert.Equal("model.shop.customer_orders", table.Parameters["unique_id"]);
        Assert.Equal("table", table.Parameters["materialized"]);
        Assert.Equal("shop", table.Parameters["dbt_project_name"]);
        Assert.Equal("1.0.0", table.Parameters["dbt_project_version"]);
        Assert.Equal("The customer's key.", table.StorageDescriptor.Columns.Single(c => c.Name == "customer_id").Comment);
        Assert.Equal("Sum of order amounts, in cents.", table.StorageDescriptor.Columns.Single(c => c.Name == "total_amount").Comment);
        Assert.Null(table.StorageDescriptor.Columns.Single(c => c.Name == "full_name").Comment);
        // DESCRIBE shows the comments, as Athena does.
        var described = await shop.QueryAsync("describe analytics.customer_orders");
        Assert.Contains(described, row => row.Any(v => v?.Contains("The customer's key.", StringComparison.Ordinal) == true));

        // A rebuild swaps in a new version that already carries every doc: no UpdateTable afterwards.
        var versionBefore = table.VersionId;
        var second = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["customer_orders"] }));
        Assert.DoesNotContain(second.CatalogCalls, c => c.StartsWith("UpdateTable", StringComparison.Ordinal));
        var rebuilt = (await shop.TableAsync("customer_orders"))!;
        Assert.Equal(versionBefore + 1, rebuilt.VersionId);
        Assert.Equal("Orders per customer.", rebuilt.Description);
        Assert.Equal("data-team", rebuilt.Parameters["owner"]);
        Assert.Equal("The customer's key.", rebuilt.StorageDescriptor.Columns.Single(c => c.Name == "customer_id").Comment);

        // An incremental model keeps its table: a changed column description is one UpdateTable, an unchanged one none.
        var log = (await shop.TableAsync("order_log"))!;
        Assert.Equal("Order status.", log.StorageDescriptor.Columns.Single(c => c.Name == "status").Comment);
        Assert.Equal("incremental", log.Parameters["materialized"]);
        var again = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["order_log"] }));
        Assert.DoesNotContain(again.CatalogCalls, c => c.StartsWith("UpdateTable", StringComparison.Ordinal));
        shop.Write("models/marts/schema.yml", """
            version: 2
            models:
              - name: order_log
                description: Every order once.
                config:
                  persist_docs: {relation: true, columns: true}
                columns:
                  - name: status
                    description: Where the order is now.
            """);
        var changed = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["order_log"] }));
        var call = Assert.Single(changed.CatalogCalls, c => c.StartsWith("UpdateTable", StringComparison.Ordinal));
        Assert.Contains("1 column comment(s)", call, StringComparison.Ordinal);
        Assert.DoesNotContain("description", call, StringComparison.Ordinal);
        Assert.Equal("Where the order is now.", (await shop.TableAsync("order_log"))!.StorageDescriptor.Columns.Single(c => c.Name == "status").Comment);
    }

    [Fact]
    public async Task Persist_docs_skips_meta_keys_glue_would_reject_and_says_so()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/schema.yml", $$"""
            version: 2
            models:
              - name: customer_orders
                description: Orders per customer.
                config:
                  persist_docs: {relation: true}
                  meta: {"{{new string('k', 256)}}": too long, fine: ok}
            """);
        var node = (await shop.RunAsync("build")).Single(r => r.Node.Name == "customer_orders");
        Assert.Equal("success", node.Status);
        Assert.Contains(node.Notes, n => n.Contains("cannot be a Glue table parameter", StringComparison.Ordinal));
        var table = (await shop.TableAsync("customer_orders"))!;
        Assert.Equal("ok", table.Parameters["fine"]);
        Assert.DoesNotContain(table.Parameters.Keys, k => k.Length > 255);
    }

    [Fact]
    public async Task Enforced_contracts_fail_before_anything_is_built()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/contracted.sql", "{{ config(materialized='table') }} select 1 as id, 'x' as name");
        shop.Write("models/marts/contract.yml", """
            version: 2
            models:
              - name: contracted
                config:
                  contract: {enforced: true}
                columns:
                  - name: id
                    data_type: int
                  - name: name
                    data_type: bigint
            """);
        var node = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["contracted"] }));
        Assert.Equal("error", node.Status);
        Assert.Contains("column 'name' is varchar, the contract says bigint", node.Message, StringComparison.Ordinal);
        Assert.Single(node.Statements);
        Assert.Empty(await shop.QueryAsync("show tables in analytics like 'contracted'"));

        shop.Write("models/marts/contracted.sql", "{{ config(materialized='table') }} select 1 as id, CAST(2 AS bigint) as name");
        Assert.Equal("success", Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["contracted"] })).Status);
    }

    [Fact]
    public void Descriptions_render_docs_blocks()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/docs.md", "{% docs customer_orders_doc %}\nOne row per customer with order totals.\n{% enddocs %}\n");
        shop.Write("models/marts/schema.yml", """
            version: 2
            models:
              - name: customer_orders
                description: '{{ doc("customer_orders_doc") }}'
                columns:
                  - name: customer_id
                    description: "Key: {{ doc('customer_orders_doc') }}"
            """);
        var node = shop.Load().Project.Nodes["model.shop.customer_orders"];
        Assert.Equal("One row per customer with order totals.", node.Description);
        Assert.Equal("Key: One row per customer with order totals.", ((OrderedDictionary<string, object?>)node.Columns["customer_id"]!)["description"]);
    }
}
