using Sluice.Sql.Ctas;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>CREATE TABLE [IF NOT EXISTS] t [COMMENT '..'] [WITH (..)] AS query [WITH [NO] DATA]</c>. <see cref="Query"/>
/// is the query text exactly as written (between <c>AS</c> and the optional <c>WITH [NO] DATA</c>).
/// </summary>
public sealed record CreateTableAsStatement(
    QualifiedName Table,
    bool IfNotExists,
    string? Comment,
    CtasProperties Properties,
    SqlSpan Query,
    bool WithData) : SqlStatement(SqlRoute.Trino, SqlStatementType.Ddl);
