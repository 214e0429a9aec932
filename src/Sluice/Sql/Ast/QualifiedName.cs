namespace Sluice.Sql.Ast;

/// <summary>
/// A table, view or database-qualified name. <see cref="Database"/> and <see cref="Name"/> are folded to lower case
/// (Glue stores them so, athena.md §5); <see cref="Catalog"/> is set only when written (<c>"awsdatacatalog"."db"."t"</c>).
/// </summary>
public sealed record QualifiedName(string? Catalog, string? Database, string Name)
{
    /// <summary>A name without catalog.</summary>
    public QualifiedName(string? database, string name)
        : this(null, database, name)
    {
    }

    /// <summary>This name, or this name in <paramref name="database"/> (folded to lower case) when it has no database:
    /// how Athena resolves an unqualified name against the query's database.</summary>
    public QualifiedName InDatabase(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return Database is null ? this with { Database = database.ToLowerInvariant() } : this;
    }

    /// <summary>The unquoted dotted form, e.g. <c>db.t</c>.</summary>
    public override string ToString() =>
        string.Join('.', new[] { Catalog, Database, Name }.Where(p => p is not null));
}
