using System.Diagnostics;
using System.Globalization;
using Sluice.Bench;

// Usage: dotnet run -c Release --project bench/Sluice.Bench -- [duckdb | engine | translation | load | load-memory] [--rows N] [--runs R]
// `duckdb`: the binding's hot paths (default 1M rows). `engine`: five analytical queries through the local engine vs
// DuckDB SQL on the same files (default 10M rows). `translation`: Athena SQL through the Trino translation layer vs
// native DuckDB SQL (default 10M rows). `load`: pipelines vs DuckDB's own read_json -> COPY (default 1M rows).
// `load-memory`: peak memory of one pipeline run over generated records (default 10M rows).
int? rowsArgument = null;
var runs = 5;
var suite = "duckdb";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rows": rowsArgument = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "translation" or "duckdb" or "engine" or "load" or "load-memory": suite = args[i]; break;
        default: throw new ArgumentException($"Unknown argument '{args[i]}': use duckdb, engine, translation, load or load-memory, --rows N, --runs R.");
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

if (suite == "load-memory")
{
    var memoryRows = rowsArgument ?? 10_000_000;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load memory benchmark: {memoryRows:N0} generated records, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}"));
    LoadMemoryBenchmark.Run(memoryRows);
    return;
}

var rows = rowsArgument ?? (suite == "engine" ? 10_000_000 : 1_000_000);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sluice benchmarks ({suite}): {rows:N0} rows, median of {runs} runs, {Environment.ProcessorCount} cores, {(Debugger.IsAttached ? "debugger" : "no debugger")}"));
var results = suite switch
{
    "engine" => LocalEngineBenchmarks.Run(rows, runs),
    "load" => LoadBenchmarks.Run(rows, runs),
    _ => DuckDbBenchmarks.Run(rows, runs),
};
Report.Print(results, rows);
