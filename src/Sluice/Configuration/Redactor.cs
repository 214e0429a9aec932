namespace Sluice.Configuration;

/// <summary>
/// Replaces every known secret value in a text with <c>***</c>. Used on every log line, error message and written
/// file. Thread-safe: secrets may be added while other threads redact.
/// </summary>
/// <remarks>
/// <para>
/// Longer secrets are replaced first, so a secret that contains another is masked whole. The URL-encoded form of
/// each secret is masked too, since secrets end up inside connection strings and URLs.
/// </para>
/// <para>
/// Values shorter than <see cref="MinimumLength"/> characters and the words true, false, null, none, yes and no are
/// not registered: they cannot be told apart from ordinary text, and masking them would corrupt every log line.
/// </para>
/// </remarks>
public sealed class Redactor
{
    /// <summary>The text that replaces a secret.</summary>
    public const string Mask = "***";

    /// <summary>The shortest value that is registered as a secret.</summary>
    public const int MinimumLength = 4;

    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "null", "none", "yes", "no" };

    private readonly Lock _gate = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private string[] _ordered = [];

    /// <summary>Creates a redactor that knows no secrets yet.</summary>
    public Redactor()
    {
    }

    /// <summary>Creates a redactor that knows <paramref name="secrets"/>.</summary>
    public Redactor(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets)
        {
            Add(secret);
        }
    }

    /// <summary>How many distinct secret forms are known (a secret and its URL-encoded form count separately).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _secrets.Count;
            }
        }
    }

    /// <summary>Registers a secret, e.g. a session token obtained at run time. Ignores null, blank, short or common values.</summary>
    /// <returns>True when the value is now masked by <see cref="Redact"/>.</returns>
    public bool Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Trim().Length < MinimumLength || CommonWords.Contains(secret.Trim()))
        {
            return false;
        }

        lock (_gate)
        {
            var changed = _secrets.Add(secret);
            var encoded = Uri.EscapeDataString(secret);
            changed |= !encoded.Equals(secret, StringComparison.Ordinal) && _secrets.Add(encoded);
            if (changed)
            {
                _ordered = [.. _secrets.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="value"/> is a registered secret.</summary>
    public bool IsSecret(string? value)
    {
        if (value is null)
        {
            return false;
        }

        lock (_gate)
        {
            return _secrets.Contains(value);
        }
    }

    /// <summary>Returns <paramref name="text"/> with every occurrence of every known secret replaced by <c>***</c>.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var secrets = Volatile.Read(ref _ordered);
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
