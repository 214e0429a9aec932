namespace Sluice.Sql.Ast;

/// <summary>The optional <c>FORMATTED</c> or <c>EXTENDED</c> of DESCRIBE.</summary>
public enum DescribeFormat
{
    /// <summary>Plain <c>DESCRIBE</c>.</summary>
    Default,

    /// <summary><c>DESCRIBE FORMATTED</c>.</summary>
    Formatted,

    /// <summary><c>DESCRIBE EXTENDED</c>.</summary>
    Extended,
}
