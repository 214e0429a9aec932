using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Sluice.Tests")]
[assembly: InternalsVisibleTo("Sluice.Pipelines.Tests")]
