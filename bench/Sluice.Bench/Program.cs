using System.Diagnostics;
using System.Globalization;
using Sluice.Bench;

// Usage: dotnet run -c Release --project bench/Sluice.Bench -- [duckdb | load] [--rows N] [--runs R]
var rows = 1_000_000;
var runs = 5;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rows": rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sluice benchmarks: {rows:N0} rows, median of {runs} runs, {Environment.ProcessorCount} cores, {(Debugger.IsAttached ? "debugger" : "no debugger")}"));
var results = args.Contains("load", StringComparer.Ordinal) ? LoadBenchmarks.Run(rows, runs) : DuckDbBenchmarks.Run(rows, runs);
Report.Print(results, rows);
