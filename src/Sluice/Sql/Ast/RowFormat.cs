namespace Sluice.Sql.Ast;

/// <summary>A Hive <c>ROW FORMAT</c> clause: <see cref="SerDeRowFormat"/> or <see cref="DelimitedRowFormat"/>.</summary>
public abstract record RowFormat;
