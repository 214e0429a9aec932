using Sluice.Engines;

namespace Sluice.Local;

/// <summary>What one statement produced, before statistics are attached.</summary>
internal sealed record LocalStatementOutcome(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<object?[]> Rows, StatementType Type)
{
    public long? UpdateCount { get; init; }

    public static LocalStatementOutcome Ddl() => new([], [], StatementType.Ddl);

    public static LocalStatementOutcome Written(long rows) => new([new ResultColumn("rows", "bigint")], [], StatementType.Dml) { UpdateCount = rows };

    /// <summary>A utility statement's output: one varchar column, one row per line (SHOW, DESCRIBE).</summary>
    public static LocalStatementOutcome Lines(string column, IEnumerable<string> lines) =>
        new([new ResultColumn(column, "varchar")], lines.Select(l => new object?[] { l }).ToList(), StatementType.Utility);
}
