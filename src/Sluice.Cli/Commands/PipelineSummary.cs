using System.Globalization;
using Spectre.Console;
using Sluice.Pipelines;

namespace Sluice.Cli.Commands;

/// <summary>
/// The summary table a pipeline run ends with: per table the rows normalised, data files written and their bytes, then a
/// total row with the engine statements run (and how many were DDL) and the elapsed time.
/// </summary>
internal static class PipelineSummary
{
    public static void Write(CliHost host, RunInfo info)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("table")
            .AddColumn(new TableColumn("rows").RightAligned())
            .AddColumn(new TableColumn("files").RightAligned())
            .AddColumn(new TableColumn("bytes").RightAligned())
            .AddColumn(new TableColumn("statements").RightAligned())
            .AddColumn(new TableColumn("elapsed").RightAligned());
        var tables = info.Tables;
        foreach (var line in tables)
        {
            table.AddRow(Markup.Escape(line.Table), Number(line.Rows), Number(line.Files), Bytes(line.Bytes), string.Empty, string.Empty);
        }

        table.AddRow(
            "[bold]total[/]",
            Number(tables.Sum(t => t.Rows)),
            Number(tables.Sum(t => t.Files)),
            Bytes(tables.Sum(t => t.Bytes)),
            string.Create(CultureInfo.InvariantCulture, $"{info.Statements} ({info.DdlStatements} DDL)"),
            string.Create(CultureInfo.InvariantCulture, $"{info.Elapsed.TotalSeconds:0.00} s"));
        host.Console.Write(table);
    }

    private static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Bytes in binary units with one decimal (exact below 1 KiB).</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
