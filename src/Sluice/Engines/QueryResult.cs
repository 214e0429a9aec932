namespace Sluice.Engines;

/// <summary>
/// The outcome of one statement: typed rows (SQL NULL is null), the column descriptions, the update count of CTAS,
/// INSERT, UPDATE, DELETE and MERGE, and statistics. <see cref="RenderRow"/> gives the strings GetQueryResults shows.
/// </summary>
public sealed record QueryResult(
    string QueryExecutionId,
    IReadOnlyList<ResultColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    QueryStatistics Statistics)
{
    /// <summary>Rows written by CTAS, INSERT, UPDATE, DELETE or MERGE; null for other statements.</summary>
    public long? UpdateCount { get; init; }

    /// <summary>Row <paramref name="index"/> as Athena renders it (null stays null: a datum without VarCharValue).</summary>
    public string?[] RenderRow(int index) => Rows[index].Select((v, i) => AthenaValueText.Render(v, Columns[i].Type)).ToArray();
}
