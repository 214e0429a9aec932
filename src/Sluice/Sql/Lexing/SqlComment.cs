namespace Sluice.Sql.Lexing;

/// <summary>A comment the lexer skipped; <see cref="IsBlock"/> for <c>/* */</c>, false for <c>--</c>.</summary>
public readonly record struct SqlComment(bool IsBlock, string Text, SqlPosition Start);
