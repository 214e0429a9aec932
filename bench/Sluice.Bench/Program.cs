using System.Diagnostics;
using System.Globalization;
using Sluice.Bench;

// Usage: dotnet run -c Release --project bench/Sluice.Bench -- [duckdb | translation] [--rows N] [--runs R]
// `translation` compares Athena SQL through the Trino translation layer with native DuckDB SQL (default 10M rows).
int? rowsArgument = null;
var runs = 5;
var suite = "duckdb";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rows": rowsArgument = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "translation" or "duckdb": suite = args[i]; break;
    }
}

if (suite == "translation")
{
    var translationRows = rowsArgument ?? 10_000_000;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Translation benchmark: {translationRows:N0} rows, median of {runs} runs, {Environment.ProcessorCount} cores"));
    Console.WriteLine(TranslationBenchmarks.AthenaQuery);
    Console.WriteLine("translated to:");
    Console.WriteLine(Sluice.Local.Translation.TrinoTranslator.Translate(TranslationBenchmarks.AthenaQuery));
    Report.Print(TranslationBenchmarks.Run(translationRows, runs), translationRows);
    return;
}

var rows = rowsArgument ?? 1_000_000;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sluice benchmarks: {rows:N0} rows, median of {runs} runs, {Environment.ProcessorCount} cores, {(Debugger.IsAttached ? "debugger" : "no debugger")}"));
var results = DuckDbBenchmarks.Run(rows, runs);
Report.Print(results, rows);
