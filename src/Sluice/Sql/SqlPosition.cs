namespace Sluice.Sql;

/// <summary>A place in statement text: 0-based UTF-16 <see cref="Offset"/>, 1-based <see cref="Line"/> and
/// <see cref="Column"/> (code points, as Athena reports them).</summary>
public readonly record struct SqlPosition(int Offset, int Line, int Column);
