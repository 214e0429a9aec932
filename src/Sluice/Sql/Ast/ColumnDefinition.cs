using Sluice.Sql.Types;

namespace Sluice.Sql.Ast;

/// <summary>A column in Hive DDL: name as written (Athena shows column names in query casing), type, comment.</summary>
public sealed record ColumnDefinition(string Name, SqlType Type, string? Comment = null);
