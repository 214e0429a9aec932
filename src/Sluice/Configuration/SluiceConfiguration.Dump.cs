using System.Text;
using Sluice.Configuration.Toml;

namespace Sluice.Configuration;

public sealed partial class SluiceConfiguration
{
    /// <summary>Top-level sections whose environment variables are shown by <see cref="Dump"/>.</summary>
    private static readonly string[] KnownRoots = ["destination", "sources", "source", "runtime", "normalize", "load", "extract", "pipelines", "sluice"];

    /// <summary>
    /// Every setting with its source, for <c>sluice config show</c> and diagnostics. Secret values appear as
    /// <c>***</c>; the whole text is also passed through <see cref="Redactor"/>.
    /// </summary>
    /// <remarks>
    /// Environment variables are listed when their first part is a known dlt top-level section, a top-level section
    /// of either file, or the pipeline name; other variables of the process are not shown.
    /// </remarks>
    public string Dump()
    {
        var sb = new StringBuilder();
        sb.Append("# Sluice configuration for ").AppendLine(ProjectDirectory);
        AppendFile(sb, ConfigPath, _config, allSecret: false);
        AppendFile(sb, SecretsPath, _secrets, allSecret: true);

        var roots = new HashSet<string>(KnownRoots.Select(r => r.ToUpperInvariant()), StringComparer.Ordinal);
        foreach (var table in new[] { _config, _secrets })
        {
            foreach (var key in table?.Keys ?? [])
            {
                roots.Add(key.ToUpperInvariant());
            }
        }

        if (PipelineName is { Length: > 0 })
        {
            roots.Add(PipelineName.ToUpperInvariant());
        }

        var variables = _environment
            .Where(e => e.Key.Contains("__", StringComparison.Ordinal) && roots.Contains(e.Key[..e.Key.IndexOf("__", StringComparison.Ordinal)]))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        sb.AppendLine("# environment variables");
        foreach (var (name, value) in variables)
        {
            sb.Append(name).Append(" = ")
              .AppendLine(SecretNames.IsSecret(LastSegment(name)) ? Redactor.Mask : ConfigValueFormatter.Format(value));
        }

        return Redactor.Redact(sb.ToString());
    }

    private static void AppendFile(StringBuilder sb, string path, TomlTable? table, bool allSecret)
    {
        sb.Append("# ").Append(path);
        if (table is null)
        {
            sb.AppendLine(" (does not exist)");
            return;
        }

        sb.AppendLine();
        foreach (var (keyPath, value) in Leaves(table, []))
        {
            var secret = allSecret || SecretNames.IsSecret(keyPath[^1]);
            sb.AppendJoin('.', keyPath).Append(" = ").AppendLine(secret ? Redactor.Mask : ConfigValueFormatter.Format(value));
        }
    }
}
