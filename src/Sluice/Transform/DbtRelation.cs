using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Templating;

namespace Sluice.Transform;

/// <summary>
/// What <c>ref()</c>, <c>source()</c>, <c>this</c> and <c>adapter.get_relation()</c> return: renders as Athena's
/// quoted three-part DML name (<c>"awsdatacatalog"."schema"."t"</c>), or as the CTE name of an ephemeral model.
/// </summary>
public sealed class DbtRelation : IJinjaObject
{
    public DbtRelation(string database, string schema, string identifier, string type = "table")
    {
        Database = database;
        Schema = schema;
        Identifier = identifier;
        Type = type;
    }

    public string Database { get; }

    public string Schema { get; }

    public string Identifier { get; }

    /// <summary><c>table</c>, <c>view</c>, <c>cte</c> (ephemeral) or <c>external</c>.</summary>
    public string Type { get; }

    /// <summary>DML name: <c>"catalog"."db"."t"</c>.</summary>
    public string DmlName => Type == "cte" ? Identifier : SqlRender.DmlName(new QualifiedName(Database, Schema, Identifier));

    /// <summary>Hive DDL name: <c>`db`.`t`</c>.</summary>
    public string DdlName => SqlRender.DdlName(new QualifiedName(null, Schema, Identifier));

    public DbtRelation WithIdentifier(string identifier) => new(Database, Schema, identifier, Type);

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "database" => Database,
            "schema" => Schema,
            "identifier" or "name" or "table" => Identifier,
            "type" => Type,
            "is_table" => Type == "table",
            "is_view" => Type == "view",
            "is_cte" => Type == "cte",
            "render" => new JinjaFunction("render", _ => DmlName),
            "render_hive" or "render_pure" => new JinjaFunction("render_hive", _ => DdlName),
            "incorporate" or "include" => new JinjaFunction(name, _ => this),
            "quote" => new JinjaFunction("quote", _ => this),
            _ => null,
        };
        return value is not null;
    }

    public override string ToString() => DmlName;
}
