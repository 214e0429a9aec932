using System.Net;
using System.Net.Sockets;
using Sluice.Local;
using Sluice.Transform.Docs;

namespace Sluice.Transform.Tests;

public sealed class DocsServeTests
{
    [Fact]
    public async Task Docs_serve_answers_the_site_read_only_from_the_target_folder()
    {
        using var shop = new ShopProject();
        var session = shop.Load();
        using (var engine = LocalAthenaEngine.Open(session.LocalLakehouse))
        {
            await session.DocsGenerateAsync(engine, compile: false, cancellationToken: CancellationToken.None);
        }

        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var server = new DocsServer(Path.Combine(shop.Root, "target"));
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<Uri>();
        var serving = server.ServeAsync(port, started.SetResult, stop.Token);
        var address = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var client = new HttpClient { BaseAddress = address };

        var index = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(shop.Root, "target", "index.html")), await index.Content.ReadAsStringAsync());
        Assert.Contains("\"nodes\"", await client.GetStringAsync(new Uri("/catalog.json", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/%2e%2e/profiles.yml", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/nothing.json", UriKind.Relative))).StatusCode);
        using var post = new StringContent("x");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsync(new Uri("/index.html", UriKind.Relative), post)).StatusCode);

        await stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
