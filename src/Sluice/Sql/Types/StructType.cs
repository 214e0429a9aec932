using System.Text;

namespace Sluice.Sql.Types;

/// <summary>Hive <c>struct&lt;a:int,b:string&gt;</c>, Trino <c>row(a integer, b varchar)</c>. Compares field by field.</summary>
public sealed record StructType(IReadOnlyList<StructField> Fields) : SqlType
{
    /// <inheritdoc/>
    public override bool IsComplex => true;

    /// <inheritdoc/>
    public override string ToHiveString()
    {
        var text = new StringBuilder("struct<");
        for (var i = 0; i < Fields.Count; i++)
        {
            var field = Fields[i];
            if (field.Name is null)
            {
                throw new SqlException(SqlErrorNames.NotSupported, $"Unsupported Hive type: {ToTrinoString()} (struct fields need names)");
            }

            text.Append(i == 0 ? "" : ",").Append(field.Name).Append(':').Append(field.Type.ToHiveString());
        }

        return text.Append('>').ToString();
    }

    /// <inheritdoc/>
    public override string ToTrinoString()
    {
        var text = new StringBuilder("row(");
        for (var i = 0; i < Fields.Count; i++)
        {
            var field = Fields[i];
            text.Append(i == 0 ? "" : ", ");
            if (field.Name is not null)
            {
                text.Append(SqlRender.NeedsDmlQuoting(field.Name) ? SqlRender.DmlIdentifier(field.Name) : field.Name).Append(' ');
            }

            text.Append(field.Type.ToTrinoString());
        }

        return text.Append(')').ToString();
    }

    /// <inheritdoc/>
    public bool Equals(StructType? other) =>
        other is not null && Fields.Count == other.Fields.Count &&
        Fields.Zip(other.Fields).All(p => string.Equals(p.First.Name, p.Second.Name, StringComparison.Ordinal) && p.First.Type == p.Second.Type);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var field in Fields)
        {
            hash.Add(field.Name, StringComparer.Ordinal);
            hash.Add(field.Type);
        }

        return hash.ToHashCode();
    }
}
