namespace Sluice.Sql;

/// <summary>
/// A piece of the original statement text kept exactly as written (queries and expressions the statement front end
/// does not interpret). <see cref="Start"/> says where it begins so later errors can be reported at Athena's position.
/// </summary>
public sealed record SqlSpan(string Text, SqlPosition Start)
{
    /// <inheritdoc/>
    public override string ToString() => Text;
}
