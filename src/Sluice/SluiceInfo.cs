using System.Reflection;

namespace Sluice;

/// <summary>Facts about this build of Sluice.</summary>
public static class SluiceInfo
{
    /// <summary>The informational version, e.g. <c>0.1.0+abc123</c>.</summary>
    public static string Version { get; } =
        typeof(SluiceInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
