using Sluice.Sql.Ast;
using Sluice.Sql.Ctas;
using Sluice.Sql.Lexing;
using Sluice.Sql.Types;

namespace Sluice.Sql.Parsing;

// CREATE [EXTERNAL] TABLE in Hive DDL: Hive external tables and Iceberg tables (athena.md §2).
internal sealed partial class SqlParser
{
    private static readonly string[] TransformNames = ["year", "month", "day", "hour", "bucket", "truncate"];

    private sealed record PartitionElement(SqlToken Token, ColumnDefinition? Column, PartitionTransform? Transform);

    private SqlStatement CreateTable(SqlToken createToken)
    {
        var externalToken = Current;
        var external = Accept("EXTERNAL");
        Require("TABLE");
        var ifNotExists = IfNotExists();
        var name = TableName();

        var columns = new List<ColumnDefinition>();
        if (AcceptSymbol("("))
        {
            do
            {
                columns.Add(ColumnDefinition());
            }
            while (AcceptSymbol(","));

            RequireSymbol(")");
        }

        var comment = OptionalString("COMMENT");

        var partitions = new List<PartitionElement>();
        if (Accept("PARTITIONED"))
        {
            Require("BY");
            RequireSymbol("(");
            do
            {
                partitions.Add(PartitionElementDefinition());
            }
            while (AcceptSymbol(","));

            RequireSymbol(")");
        }

        var clusteredToken = Current;
        BucketSpec? bucketing = null;
        if (Accept("CLUSTERED"))
        {
            Require("BY");
            var bucketColumns = IdentifierList();
            Require("INTO");
            var count = IntegerLiteral();
            Require("BUCKETS");
            bucketing = new BucketSpec(bucketColumns, count);
        }

        var rowFormatToken = Current;
        var rowFormat = Accept("ROW") ? RowFormat() : null;

        var storedToken = Current;
        StorageFormat? storage = null;
        if (Accept("STORED"))
        {
            Require("AS");
            storage = StorageFormat();
        }

        var locationToken = Current;
        var location = OptionalString("LOCATION");
        var properties = Accept("TBLPROPERTIES") ? PropertyList() : [];

        // Grammar first, then Athena's semantic rules: a syntax error later in the text wins, as in Hive.
        RequireEnd();

        var iceberg = properties.Any(p =>
            string.Equals(p.Property.Key, "table_type", StringComparison.OrdinalIgnoreCase) &&
            string.Equals(p.Property.Value, "ICEBERG", StringComparison.OrdinalIgnoreCase));

        if (external && iceberg)
        {
            throw Error(externalToken, SqlErrorNames.NotSupported, "External keyword not supported for table type ICEBERG");
        }

        if (!external && !iceberg)
        {
            // Athena: tables other than Iceberg must be EXTERNAL (athena.md §2).
            throw Error(createToken, SqlErrorNames.NotSupported,
                "Only external table creation is supported. Use CREATE EXTERNAL TABLE, or TBLPROPERTIES ('table_type'='ICEBERG') for an Iceberg table");
        }

        CheckDuplicateColumns(columns, partitions.Where(p => p.Column is not null).Select(p => p.Column!).ToList(), iceberg);

        if (!iceberg)
        {
            var untyped = partitions.FirstOrDefault(p => p.Column is null);
            if (untyped is not null)
            {
                throw Error(untyped.Token, SqlErrorNames.SyntaxError,
                    $"Partition column '{untyped.Token.Value}' of a Hive table needs a type; partition transforms need an Iceberg table");
            }

            return new CreateExternalTableStatement(
                name, ifNotExists, columns, comment, partitions.Select(p => p.Column!).ToList(), bucketing, rowFormat, storage, location,
                properties.Select(p => p.Property).ToList());
        }

        // Iceberg: no Hive storage clauses; partitions are columns of the table or transforms of them.
        if (bucketing is not null)
        {
            throw Error(clusteredToken, SqlErrorNames.NotSupported, "CLUSTERED BY is not supported for Iceberg tables; use PARTITIONED BY (bucket(n, column))");
        }

        if (rowFormat is not null)
        {
            throw Error(rowFormatToken, SqlErrorNames.NotSupported, "ROW FORMAT is not supported for Iceberg tables");
        }

        if (storage is not null)
        {
            throw Error(storedToken, SqlErrorNames.NotSupported, "STORED AS is not supported for Iceberg tables; use TBLPROPERTIES ('format'='parquet|orc|avro')");
        }

        if (location is null)
        {
            throw Error(locationToken, SqlErrorNames.SyntaxError, "Iceberg tables need a LOCATION 's3://...'");
        }

        var transforms = new List<PartitionTransform>();
        foreach (var partition in partitions)
        {
            if (partition.Transform is null)
            {
                throw Error(partition.Token, SqlErrorNames.SyntaxError,
                    $"Iceberg partition fields are columns of the table or transforms of them, not column definitions: '{partition.Column!.Name}'");
            }

            if (!columns.Any(c => string.Equals(c.Name, partition.Transform.Column, StringComparison.OrdinalIgnoreCase)))
            {
                throw Error(partition.Token, SqlErrorNames.SyntaxError, $"Partition column '{partition.Transform.Column}' is not a column of the table");
            }

            transforms.Add(partition.Transform);
        }

        foreach (var (property, keyToken) in properties)
        {
            if (!IcebergTableProperties.AllowedKeys.Contains(property.Key))
            {
                throw Error(keyToken, SqlErrorNames.InvalidTableProperty,
                    $"Table property '{property.Key}' is not supported for Iceberg tables. Supported properties: {string.Join(", ", IcebergTableProperties.AllowedKeys.Order(StringComparer.Ordinal))}");
            }

            if (property.Key == "format" && property.Value.ToUpperInvariant() is not ("PARQUET" or "ORC" or "AVRO"))
            {
                throw Error(keyToken, SqlErrorNames.InvalidTableProperty,
                    $"Unsupported format '{property.Value}' for table_type ICEBERG. Supported values: PARQUET, ORC, AVRO");
            }
        }

        return new CreateIcebergTableStatement(
            name, ifNotExists, columns, comment, transforms, location, properties.Select(p => p.Property).ToList());
    }

    private static void CheckDuplicateColumns(List<ColumnDefinition> columns, List<ColumnDefinition> partitionColumns, bool iceberg)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            if (!seen.Add(column.Name))
            {
                throw new SqlException(SqlErrorNames.SyntaxError, $"FAILED: SemanticException [Error 10036]: Duplicate column name: {column.Name.ToLowerInvariant()}");
            }
        }

        if (!iceberg && partitionColumns.Any(p => seen.Contains(p.Name)))
        {
            // Hive: partition columns are not part of the column list (athena.md §2).
            throw new SqlException(SqlErrorNames.SyntaxError, "FAILED: SemanticException [Error 10035]: Column repeated in partitioning columns");
        }
    }

    private ColumnDefinition ColumnDefinition()
    {
        var name = Identifier();
        var type = HiveType();
        return new ColumnDefinition(name, type, OptionalString("COMMENT"));
    }

    private PartitionElement PartitionElementDefinition()
    {
        var token = Current;
        if (token.Kind == SqlTokenKind.Word && PeekToken(1).IsSymbol("(") &&
            TransformNames.Contains(token.Value, StringComparer.OrdinalIgnoreCase))
        {
            Advance();
            RequireSymbol("(");
            var kind = Enum.Parse<PartitionTransformKind>(token.Value, ignoreCase: true);
            int? argument = null;
            if (kind is PartitionTransformKind.Bucket or PartitionTransformKind.Truncate)
            {
                // DDL order: number first, bucket(16, id) (athena.md §2).
                argument = IntegerLiteral();
                RequireSymbol(",");
            }

            var column = Identifier();
            RequireSymbol(")");
            return new PartitionElement(token, null, new PartitionTransform(kind, column, argument));
        }

        var name = Identifier();
        if (AtSymbol(",") || AtSymbol(")"))
        {
            return new PartitionElement(token, null, new PartitionTransform(PartitionTransformKind.Identity, name));
        }

        var type = HiveType();
        return new PartitionElement(token, new ColumnDefinition(name, type, OptionalString("COMMENT")), null);
    }

    private RowFormat RowFormat()
    {
        Require("FORMAT");
        if (Accept("SERDE"))
        {
            var serde = StringLiteral();
            IReadOnlyList<SqlProperty> properties = [];
            if (Accept("WITH"))
            {
                Require("SERDEPROPERTIES");
                properties = PropertyList().Select(p => p.Property).ToList();
            }

            return new SerDeRowFormat(serde, properties);
        }

        Require("DELIMITED");
        string? fields = null, escaped = null, items = null, keys = null, lines = null, nulls = null;
        if (Accept("FIELDS"))
        {
            Require("TERMINATED", "BY");
            fields = StringLiteral();
            escaped = Accept("ESCAPED") ? ByString() : null;
        }

        if (Accept("COLLECTION"))
        {
            Require("ITEMS", "TERMINATED", "BY");
            items = StringLiteral();
        }

        if (Accept("MAP"))
        {
            Require("KEYS", "TERMINATED", "BY");
            keys = StringLiteral();
        }

        if (Accept("LINES"))
        {
            Require("TERMINATED", "BY");
            lines = StringLiteral();
        }

        if (Accept("NULL"))
        {
            Require("DEFINED", "AS");
            nulls = StringLiteral();
        }

        return new DelimitedRowFormat(fields, escaped, items, keys, lines, nulls);
    }

    private string ByString()
    {
        Require("BY");
        return StringLiteral();
    }

    private StorageFormat StorageFormat()
    {
        if (Accept("INPUTFORMAT"))
        {
            var input = StringLiteral();
            Require("OUTPUTFORMAT");
            return new StorageFormat(null, input, StringLiteral());
        }

        foreach (var (keyword, format) in new[]
                 {
                     ("PARQUET", HiveFileFormat.Parquet), ("ORC", HiveFileFormat.Orc), ("AVRO", HiveFileFormat.Avro),
                     ("TEXTFILE", HiveFileFormat.TextFile), ("JSONFILE", HiveFileFormat.JsonFile), ("ION", HiveFileFormat.Ion),
                     ("SEQUENCEFILE", HiveFileFormat.SequenceFile), ("RCFILE", HiveFileFormat.RcFile),
                 })
        {
            if (Accept(keyword))
            {
                return new StorageFormat(format);
            }
        }

        throw Mismatch();
    }
}
