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
