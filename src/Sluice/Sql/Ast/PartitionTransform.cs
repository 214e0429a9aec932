using System.Globalization;

namespace Sluice.Sql.Ast;

/// <summary>
/// An Iceberg partition field. <see cref="Argument"/> is the bucket count or truncate width. The two spellings differ
/// in argument order (athena.md §2): DDL puts the number first, the CTAS <c>partitioning</c> array the column first.
/// </summary>
public sealed record PartitionTransform(PartitionTransformKind Kind, string Column, int? Argument = null)
{
    /// <summary>The DDL spelling: <c>`c`</c>, <c>day(`ts`)</c>, <c>bucket(16, `id`)</c>.</summary>
    public string ToDdlString()
    {
        var column = SqlRender.DdlIdentifier(Column);
        return Kind switch
        {
            PartitionTransformKind.Identity => column,
            PartitionTransformKind.Bucket or PartitionTransformKind.Truncate =>
                string.Create(CultureInfo.InvariantCulture, $"{Name}({Argument}, {column})"),
            _ => $"{Name}({column})",
        };
    }

    /// <summary>The CTAS <c>partitioning</c> element: <c>c</c>, <c>day(ts)</c>, <c>bucket(id, 16)</c>.</summary>
    public string ToCtasString() => Kind switch
    {
        PartitionTransformKind.Identity => Column,
        PartitionTransformKind.Bucket or PartitionTransformKind.Truncate =>
            string.Create(CultureInfo.InvariantCulture, $"{Name}({Column}, {Argument})"),
        _ => $"{Name}({Column})",
    };

    private string Name => Kind.ToString().ToLowerInvariant();
}
