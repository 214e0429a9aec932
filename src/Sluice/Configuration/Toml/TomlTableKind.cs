namespace Sluice.Configuration.Toml;

/// <summary>How a table came into existence; decides which later statements may still add to it.</summary>
internal enum TomlTableKind
{
    /// <summary>The document root.</summary>
    Root,

    /// <summary>Created only as a parent of a header such as <c>[a.b.c]</c>; a later <c>[a]</c> may still define it once.</summary>
    Implicit,

    /// <summary>Defined by its own <c>[header]</c>; cannot be defined again.</summary>
    Header,

    /// <summary>Created by a dotted key (<c>a.b = 1</c>); only dotted keys of the same section may add keys to it.</summary>
    Dotted,

    /// <summary>An element of an array of tables, created by <c>[[header]]</c>.</summary>
    ArrayElement,

    /// <summary>An inline table <c>{ ... }</c>, or a table inside one; complete and immutable once closed.</summary>
    Inline,
}
