namespace Sluice.Templating;

/// <summary>A test: <c>{% if value is name(arguments) %}</c>.</summary>
public delegate bool JinjaTest(object? value, JinjaArguments arguments);
