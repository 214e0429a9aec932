namespace Sluice.Catalog;

/// <summary>Glue's table types and the parameters that mark Iceberg tables and Athena views.</summary>
public static class TableTypes
{
    public const string ExternalTable = "EXTERNAL_TABLE";
    public const string VirtualView = "VIRTUAL_VIEW";

    /// <summary>Parameter <c>table_type</c>: <c>ICEBERG</c> marks an Iceberg table (it wins over the table type).</summary>
    public const string TableTypeParameter = "table_type";
    public const string Iceberg = "ICEBERG";
}
