using System.Globalization;
using Sluice.Engines;
using Sluice.Local;

namespace Sluice.Transform.Tests;

/// <summary>
/// The <c>Fixtures/jaffle_lake</c> project with its raw data: Iceberg tables in <c>jaffle_raw</c> created on the local
/// engine, the same data kept in C# (<see cref="State"/>), and changes applied to both, so tests compute the rows each
/// model must hold and compare them row by row.
/// </summary>
public sealed class JaffleLake : IDisposable
{
    public const string RawSchema = "jaffle_raw";
    public const string Schema = "lake";
    public static readonly string[] Methods = ["bank_transfer", "coupon", "credit_card", "gift_card"];
    public static readonly string[] Completed = ["shipped", "completed"];

    public JaffleLake() => Project = new ShopProject("jaffle_lake");

    public ShopProject Project { get; }

    public string Root => Project.Root;

    public RawState State { get; private set; } = RawState.Initial();

    public sealed record Customer(int Id, string First, string Last, string Email, string Country, DateTime UpdatedAt);

    public sealed record Order(int Id, int CustomerId, DateOnly OrderDate, string Status, DateTime UpdatedAt);

    public sealed record Payment(int Id, int OrderId, string Method, int Cents);

    public sealed record Item(int OrderId, string Sku, int Quantity);

    public sealed record Product(string Sku, string Name, int PriceCents);

    public sealed record RawState(List<Customer> Customers, List<Order> Orders, List<Payment> Payments, List<Item> Items, List<Product> Products)
    {
        public static RawState Initial() => new(
            [
                new(1, "Ada", "Lovelace", "ADA@example.com", "GB", T("2024-01-01 00:00")),
                new(2, "Alan", "Turing", "alan@example.com", "GB", T("2024-01-01 00:00")),
                new(3, "Grace", "Hopper", "grace@example.com", "US", T("2024-01-01 00:00")),
                new(4, "Edsger", "Dijkstra", "edsger@example.com", "NL", T("2024-01-01 00:00")),
                new(5, "Barbara", "Liskov", "barbara@example.com", "US", T("2024-01-01 00:00")),
            ],
            [
                new(101, 1, D("2024-03-01"), "completed", T("2024-03-01 10:00")),
                new(102, 1, D("2024-03-02"), "shipped", T("2024-03-02 10:00")),
                new(103, 2, D("2024-03-02"), "placed", T("2024-03-02 11:00")),
                new(104, 3, D("2024-03-03"), "completed", T("2024-03-03 09:00")),
                new(105, 4, D("2024-03-03"), "returned", T("2024-03-03 12:00")),
                new(106, 5, D("2024-03-04"), "placed", T("2024-03-04 08:00")),
            ],
            [
                new(1, 101, "credit_card", 1000), new(2, 101, "coupon", 99), new(3, 102, "bank_transfer", 1250), new(4, 103, "credit_card", 500),
                new(5, 104, "gift_card", 2000), new(6, 104, "credit_card", 500), new(7, 105, "credit_card", 495), new(8, 106, "coupon", 1500),
            ],
            [new(101, "SKU-1", 2), new(101, "SKU-3", 1), new(102, "SKU-2", 1), new(103, "SKU-1", 1), new(104, "SKU-2", 2), new(105, "SKU-3", 5), new(106, "SKU-1", 3)],
            [new("SKU-1", "Widget", 500), new("SKU-2", "Gadget", 1250), new("SKU-3", "Gizmo", 99), new("SKU-4", "Doohickey", 2000)]);

        public RawState Copy() => new([.. Customers], [.. Orders], [.. Payments], [.. Items], [.. Products]);
    }

    public static DateTime T(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Ts(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Dt(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Lit(DateTime time) => $"timestamp '{time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)}'";

    private static string Lit(DateOnly day) => $"date '{Dt(day)}'";

    private static string Lit(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Creates the raw Iceberg tables; <paramref name="loadedAt"/> sets each table's <c>_loaded_at</c> (default: now).</summary>
    public async Task CreateRawAsync(IReadOnlyDictionary<string, DateTime>? loadedAt = null)
    {
        DateTime Loaded(string table) => loadedAt?.GetValueOrDefault(table) is { } t && t != default ? t : DateTime.UtcNow;
        using var engine = LocalAthenaEngine.Open(Project.Lakehouse);
        await engine.ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS {RawSchema}", null, CancellationToken.None);
        async Task Create(string table, string columns, IEnumerable<string> rows)
        {
            var loaded = Lit(Loaded(table));
            var values = string.Join(",\n", rows.Select(r => $"({r}, {loaded})"));
            await engine.ExecuteAsync(
                $"CREATE TABLE {RawSchema}.{table} WITH (table_type = 'ICEBERG', location = 's3://jaffle-lake/raw/{table}/', is_external = false) AS\nSELECT * FROM (VALUES\n{values}\n) AS t({columns}, _loaded_at)",
                null,
                CancellationToken.None);
        }

        await Create("raw_customers", "id, first_name, last_name, email, country_code, updated_at", State.Customers.Select(c => $"{c.Id}, {Lit(c.First)}, {Lit(c.Last)}, {Lit(c.Email)}, {Lit(c.Country)}, {Lit(c.UpdatedAt)}"));
        await Create("raw_orders", "id, customer_id, order_date, status, updated_at", State.Orders.Select(o => $"{o.Id}, {o.CustomerId}, {Lit(o.OrderDate)}, {Lit(o.Status)}, {Lit(o.UpdatedAt)}"));
        await Create("raw_payments", "id, order_id, payment_method, amount_cents", State.Payments.Select(p => $"{p.Id}, {p.OrderId}, {Lit(p.Method)}, {p.Cents}"));
        await Create("raw_order_items", "order_id, sku, quantity", State.Items.Select(i => $"{i.OrderId}, {Lit(i.Sku)}, {i.Quantity}"));
        await Create("raw_products", "sku, name, price_cents", State.Products.Select(p => $"{Lit(p.Sku)}, {Lit(p.Name)}, {p.PriceCents}"));
    }

    /// <summary>The second load: updates, inserts and deletions, in the raw tables and in <see cref="State"/>.</summary>
    public async Task ApplyChangesAsync()
    {
        var now = Lit(DateTime.UtcNow);
        var next = State.Copy();
        var statements = new List<string>();

        // A customer changes e-mail; a new customer signs up.
        statements.Add($"UPDATE {RawSchema}.raw_customers SET email = 'ada@lovelace.dev', updated_at = {Lit(T("2024-03-10 00:00"))}, _loaded_at = {now} WHERE id = 1");
        Replace(next.Customers, c => c.Id == 1, c => c with { Email = "ada@lovelace.dev", UpdatedAt = T("2024-03-10 00:00") });
        statements.Add($"INSERT INTO {RawSchema}.raw_customers VALUES (6, 'Donald', 'Knuth', 'don@example.com', 'JP', {Lit(T("2024-03-10 00:00"))}, {now})");
        next.Customers.Add(new(6, "Donald", "Knuth", "don@example.com", "JP", T("2024-03-10 00:00")));

        // Order 102 completes; 106 ships and gets a second payment; 107 is new; 103 is deleted with its payment and items.
        statements.Add($"UPDATE {RawSchema}.raw_orders SET status = 'completed', updated_at = {Lit(T("2024-03-10 09:00"))}, _loaded_at = {now} WHERE id = 102");
        Replace(next.Orders, o => o.Id == 102, o => o with { Status = "completed", UpdatedAt = T("2024-03-10 09:00") });
        statements.Add($"UPDATE {RawSchema}.raw_orders SET status = 'shipped', updated_at = {Lit(T("2024-03-10 10:00"))}, _loaded_at = {now} WHERE id = 106");
        Replace(next.Orders, o => o.Id == 106, o => o with { Status = "shipped", UpdatedAt = T("2024-03-10 10:00") });
        statements.Add($"INSERT INTO {RawSchema}.raw_payments VALUES (9, 106, 'credit_card', 300, {now}), (10, 107, 'credit_card', 1250, {now})");
        next.Payments.Add(new(9, 106, "credit_card", 300));
        next.Payments.Add(new(10, 107, "credit_card", 1250));
        statements.Add($"INSERT INTO {RawSchema}.raw_orders VALUES (107, 6, {Lit(D("2024-03-10"))}, 'placed', {Lit(T("2024-03-10 11:00"))}, {now})");
        next.Orders.Add(new(107, 6, D("2024-03-10"), "placed", T("2024-03-10 11:00")));
        statements.Add($"INSERT INTO {RawSchema}.raw_order_items VALUES (107, 'SKU-2', 1, {now})");
        next.Items.Add(new(107, "SKU-2", 1));
        statements.Add($"DELETE FROM {RawSchema}.raw_orders WHERE id = 103");
        statements.Add($"DELETE FROM {RawSchema}.raw_payments WHERE order_id = 103");
        statements.Add($"DELETE FROM {RawSchema}.raw_order_items WHERE order_id = 103");
        next.Orders.RemoveAll(o => o.Id == 103);
        next.Payments.RemoveAll(p => p.OrderId == 103);
        next.Items.RemoveAll(i => i.OrderId == 103);

        // A price change (a new version in the check snapshot) and a product withdrawn (a hard delete).
        statements.Add($"UPDATE {RawSchema}.raw_products SET price_cents = 149 WHERE sku = 'SKU-3'");
        Replace(next.Products, p => p.Sku == "SKU-3", p => p with { PriceCents = 149 });
        statements.Add($"DELETE FROM {RawSchema}.raw_products WHERE sku = 'SKU-4'");
        next.Products.RemoveAll(p => p.Sku == "SKU-4");

        using var engine = LocalAthenaEngine.Open(Project.Lakehouse);
        foreach (var statement in statements)
        {
            await engine.ExecuteAsync(statement, null, CancellationToken.None);
        }

        State = next;
    }

    private static void Replace<T>(List<T> list, Func<T, bool> match, Func<T, T> change)
    {
        var index = list.FindIndex(x => match(x));
        list[index] = change(list[index]);
    }

    /// <summary>Runs a statement with schema-qualified names (before the first build, <c>lake</c> does not exist).</summary>
    public async Task ExecuteAsync(string sql)
    {
        using var engine = LocalAthenaEngine.Open(Project.Lakehouse);
        await engine.ExecuteAsync(sql, null, CancellationToken.None);
    }

    public async Task<List<string?[]>> QueryAsync(string sql)
    {
        using var engine = LocalAthenaEngine.Open(Project.Lakehouse);
        var result = await engine.ExecuteAsync(sql, new QueryContext { Database = Schema }, CancellationToken.None);
        return Enumerable.Range(0, result.Rows.Count).Select(result.RenderRow).ToList();
    }

    // ---- What each model must hold, computed from the raw data ----

    private static long Paid(RawState s, int orderId, string? method = null) =>
        s.Payments.Where(p => p.OrderId == orderId && (method is null || p.Method == method)).Sum(p => (long)p.Cents);

    /// <summary>fct_orders columns: order_id, customer_id, order_date, status, one column per method, total_cents, item_count, updated_at.</summary>
    public static string?[] FactRow(RawState s, Order o) =>
    [
        S(o.Id), S(o.CustomerId), Dt(o.OrderDate), o.Status,
        .. Methods.Select(m => S(Paid(s, o.Id, m))),
        S(Paid(s, o.Id)),
        S(s.Items.Where(i => i.OrderId == o.Id && s.Products.Any(p => p.Sku == i.Sku)).Sum(i => (long)i.Quantity)),
        Ts(o.UpdatedAt),
    ];

    public static List<string?[]> Facts(RawState s) => s.Orders.OrderBy(o => o.Id).Select(o => FactRow(s, o)).ToList();

    /// <summary>fct_orders after an incremental merge: orders updated after the first run's newest row are recomputed, the rest stay.</summary>
    public static List<string?[]> MergedFacts(RawState before, RawState after)
    {
        var watermark = before.Orders.Max(o => o.UpdatedAt);
        var ids = before.Orders.Select(o => o.Id).Union(after.Orders.Where(o => o.UpdatedAt > watermark).Select(o => o.Id)).Order();
        return ids.Select(id => after.Orders.FirstOrDefault(o => o.Id == id && o.UpdatedAt > watermark) is { } changed
            ? FactRow(after, changed)
            : FactRow(before, before.Orders.Single(o => o.Id == id))).ToList();
    }

    /// <summary>order_events: every order once from the first run, plus the orders updated since, appended.</summary>
    public static List<string?[]> Events(RawState before, RawState? after)
    {
        var rows = before.Orders.Select(o => new[] { S(o.Id), o.Status, Ts(o.UpdatedAt) }).ToList();
        if (after is not null)
        {
            var watermark = before.Orders.Max(o => o.UpdatedAt);
            rows.AddRange(after.Orders.Where(o => o.UpdatedAt > watermark).Select(o => new[] { S(o.Id), o.Status, Ts(o.UpdatedAt) }));
        }

        return rows.OrderBy(r => int.Parse(r[0]!, CultureInfo.InvariantCulture)).ThenBy(r => r[2], StringComparer.Ordinal).Select(r => (string?[])r).ToList();
    }

    /// <summary>daily_revenue columns: order_date, order_count, revenue_cents, max_updated_at.</summary>
    public static string?[] DayRow(RawState s, DateOnly day)
    {
        var orders = s.Orders.Where(o => o.OrderDate == day).ToList();
        return [Dt(day), S(orders.Count), S(orders.Where(o => Completed.Contains(o.Status)).Sum(o => Paid(s, o.Id))), Ts(orders.Max(o => o.UpdatedAt))];
    }

    public static List<string?[]> Days(RawState s) => s.Orders.Select(o => o.OrderDate).Distinct().Order().Select(d => DayRow(s, d)).ToList();

    /// <summary>daily_revenue after insert_overwrite: the days of orders updated since the newest max_updated_at are rewritten, the others stay.</summary>
    public static List<string?[]> OverwrittenDays(RawState before, RawState after)
    {
        var watermark = before.Orders.Max(o => o.UpdatedAt);
        var touched = after.Orders.Where(o => o.UpdatedAt > watermark).Select(o => o.OrderDate).ToHashSet();
        return before.Orders.Select(o => o.OrderDate).Union(touched).Distinct().Order()
            .Select(d => touched.Contains(d) ? DayRow(after, d) : DayRow(before, d)).ToList();
    }

    /// <summary>dim_customers: customer_id, full_name, email, country_name, region, order_count, first and last order date, lifetime_value_cents.</summary>
    public static List<string?[]> Customers(RawState s)
    {
        var countries = new Dictionary<string, (string Name, string Region)>(StringComparer.Ordinal)
        {
            ["GB"] = ("United Kingdom", "Europe"), ["JP"] = ("Japan", "Asia"), ["NL"] = ("Netherlands", "Europe"), ["US"] = ("United States", "Americas"),
        };
        return s.Customers.OrderBy(c => c.Id).Select(c =>
        {
            var orders = s.Orders.Where(o => o.CustomerId == c.Id).ToList();
            return new string?[]
            {
                S(c.Id), c.First + " " + c.Last, c.Email.ToLowerInvariant(), countries[c.Country].Name, countries[c.Country].Region, S(orders.Count),
                orders.Count == 0 ? null : Dt(orders.Min(o => o.OrderDate)), orders.Count == 0 ? null : Dt(orders.Max(o => o.OrderDate)),
                S(orders.Where(o => Completed.Contains(o.Status)).Sum(o => Paid(s, o.Id))),
            };
        }).ToList();
    }

    /// <summary>payment_method_summary: payment_method, label, payment_count, amount_cents.</summary>
    public static List<string?[]> MethodSummary(RawState s)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["bank_transfer"] = "Bank transfer", ["coupon"] = "Coupon", ["credit_card"] = "Credit card", ["gift_card"] = "Gift card" };
        return Methods.Select(m => new string?[] { m, labels[m], S(s.Payments.Count(p => p.Method == m)), S(s.Payments.Where(p => p.Method == m).Sum(p => (long)p.Cents)) }).ToList();
    }

    /// <summary>product_sales: sku, name, units_sold.</summary>
    public static List<string?[]> ProductSales(RawState s) =>
        s.Products.OrderBy(p => p.Sku, StringComparer.Ordinal).Select(p => new string?[] { p.Sku, p.Name, S(s.Items.Where(i => i.Sku == p.Sku).Sum(i => (long)i.Quantity)) }).ToList();

    public static string S(long value) => value.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => Project.Dispose();
}
