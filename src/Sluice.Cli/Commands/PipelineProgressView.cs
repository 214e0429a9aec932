using System.Globalization;
using Spectre.Console;
using Sluice.Pipelines;

namespace Sluice.Cli.Commands;

/// <summary>
/// Shows a pipeline run's progress: on a terminal, a progress bar per stage (extract, normalize, load) with its rows,
/// files and bytes, updated as the stage works; otherwise (piped or captured output) one plain line per stage when it
/// completes, so logs stay readable.
/// </summary>
internal static class PipelineProgressView
{
    /// <summary>Runs <paramref name="run"/> with <paramref name="pipeline"/>'s progress shown on <paramref name="host"/>.</summary>
    public static async Task<T> RunAsync<T>(CliHost host, Pipeline pipeline, Func<Task<T>> run)
    {
        if (!host.Console.Profile.Capabilities.Interactive || !host.Console.Profile.Capabilities.Ansi)
        {
            pipeline.Progress = new LineProgress(host);
            return await run().ConfigureAwait(false);
        }

        return await host.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<PipelineStage, ProgressTask>();
                foreach (var stage in Enum.GetValues<PipelineStage>())
                {
                    var bar = context.AddTask(Describe(new PipelineProgress(stage, 0, 0, 0, false)), autoStart: false, maxValue: 1);
                    bar.IsIndeterminate = true;
                    bars[stage] = bar;
                }

                pipeline.Progress = new BarProgress(bars);
                return await run().ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>A stage's line: <c>extract    12,345 rows   2 files   1.2 MiB</c>.</summary>
    internal static string Describe(PipelineProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"{progress.Stage.ToString().ToLowerInvariant(),-10}{progress.Rows,12:#,0} rows{progress.Files,5:#,0} files{PipelineSummary.Bytes(progress.Bytes),12}");

    /// <summary>Reports synchronously, on the thread that works (a <see cref="Progress{T}"/> would post and reorder).</summary>
    private sealed class LineProgress(CliHost host) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value)
        {
            if (value.Completed)
            {
                host.Output.WriteLine(Describe(value));
            }
        }
    }

    private sealed class BarProgress(Dictionary<PipelineStage, ProgressTask> bars) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value)
        {
            var bar = bars[value.Stage];
            bar.StartTask();
            bar.Description = Describe(value);
            if (value.Completed)
            {
                bar.IsIndeterminate = false;
                bar.Value = bar.MaxValue;
                bar.StopTask();
            }
        }
    }
}
