using System.Net;

namespace Sluice.Transform.Docs;

/// <summary>
/// <c>docs serve</c>: serves the files of the target folder (<c>index.html</c>, <c>manifest.json</c>, <c>catalog.json</c>, ...)
/// over HTTP on the loopback interface only, read-only, until cancelled. Paths outside the folder are refused.
/// </summary>
public sealed class DocsServer
{
    private readonly string _folder;

    public DocsServer(string folder) => _folder = Path.GetFullPath(folder);

    /// <summary>The address the server listens on once <see cref="ServeAsync"/> started.</summary>
    public Uri? Address { get; private set; }

    /// <summary>Listens on <c>http://127.0.0.1:<paramref name="port"/>/</c> and answers GET and HEAD until <paramref name="cancellationToken"/> fires.</summary>
    public async Task ServeAsync(int port, Action<Uri>? started = null, CancellationToken cancellationToken = default)
    {
        using var listener = new HttpListener();
        var prefix = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(prefix.ToString());
        listener.Start();
        Address = prefix;
        started?.Invoke(prefix);
        using var registration = cancellationToken.Register(listener.Stop);
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException && cancellationToken.IsCancellationRequested)
            {
                break;
            }

            await AnswerAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.StatusCode = 405;
                return;
            }

            var relative = Uri.UnescapeDataString(context.Request.Url?.AbsolutePath ?? "/").TrimStart('/');
            if (relative.Length == 0)
            {
                relative = "index.html";
            }

            var path = Path.GetFullPath(Path.Combine(_folder, relative));
            if (!path.StartsWith(_folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                response.StatusCode = 404;
                return;
            }

            response.ContentType = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".html" => "text/html; charset=utf-8",
                ".json" => "application/json",
                ".sql" => "text/plain; charset=utf-8",
                _ => "application/octet-stream",
            };
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            response.ContentLength64 = bytes.Length;
            if (context.Request.HttpMethod == "GET")
            {
                await response.OutputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            response.Close();
        }
    }
}
