using System.Runtime.CompilerServices;

// The translation benchmark (bench/Sluice.Bench, TranslationBenchmarks) drives TrinoTranslator on a bare DuckDB
// connection, so that translated and native SQL run on the same data in the same process.
[assembly: InternalsVisibleTo("Sluice.Bench")]
