using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Sluice.Tests")]
