namespace Sluice.Tests;

public class CoreAssemblyTests
{
    [Fact]
    public void Core_assembly_has_no_native_or_aws_dependency()
    {
        var references = typeof(SluiceInfo).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(references, n => n!.StartsWith("Sluice.DuckDb", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n!.StartsWith("AWSSDK", StringComparison.Ordinal));
    }
}
