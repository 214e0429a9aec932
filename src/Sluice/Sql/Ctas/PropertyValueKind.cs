namespace Sluice.Sql.Ctas;

/// <summary>What a <c>WITH (key = value)</c> value was written as.</summary>
public enum PropertyValueKind
{
    /// <summary>A string literal.</summary>
    String,

    /// <summary>A numeric literal, possibly negative.</summary>
    Number,

    /// <summary><c>TRUE</c> or <c>FALSE</c>.</summary>
    Boolean,

    /// <summary><c>ARRAY[...]</c>.</summary>
    Array,

    /// <summary>Any other expression; no property accepts it.</summary>
    Expression,
}
