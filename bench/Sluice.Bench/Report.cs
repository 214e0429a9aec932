using System.Globalization;

namespace Sluice.Bench;

public static class Report
{
    public static void Print(IReadOnlyList<Measurement> results, int rows)
    {
        Console.WriteLine();
        Console.WriteLine($"| {"operation",-52} | {"median ms",10} | {"rows/s",12} | {"speed vs base",13} | {"time vs base",12} |");
        Console.WriteLine($"|{new string('-', 54)}|{new string('-', 12)}|{new string('-', 14)}|{new string('-', 15)}|{new string('-', 14)}|");
        foreach (var m in results)
        {
            var rate = rows / m.Median.TotalSeconds;
            var ratio = m.Baseline is null ? string.Empty : (results.Single(b => b.Name == m.Baseline).Median / m.Median).ToString("0.00x", CultureInfo.InvariantCulture);
            var overhead = m.Baseline is null ? string.Empty : (m.Median / results.Single(b => b.Name == m.Baseline).Median).ToString("0.00x", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {m.Name,-52} | {m.Median.TotalMilliseconds,10:0.0} | {rate,12:N0} | {ratio,13} | {overhead,12} |"));
        }

        Console.WriteLine();
        Console.WriteLine("speed vs base = baseline time / this time; time vs base = this time / baseline time (the overhead).");
    }

    public static Measurement Measure(string name, int runs, Action setup, Action body, string? baseline = null)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i <= runs; i++)
        {
            setup();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            body();
            watch.Stop();
            if (i > 0)
            {
                times.Add(watch.Elapsed); // the first run warms up
            }
        }

        times.Sort();
        return new Measurement(name, times[times.Count / 2], times[0], baseline);
    }
}
