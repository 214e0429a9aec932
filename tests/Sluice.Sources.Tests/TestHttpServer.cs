using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sluice.Sources.Tests;

/// <summary>A real HTTP server on 127.0.0.1 and a free port (System.Net.HttpListener) that answers from a handler and records every request.</summary>
public sealed class TestHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<Request, Reply> _handler;
    private readonly Task _loop;

    public TestHttpServer(Func<Request, Reply> handler)
    {
        _handler = handler;
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseUrl = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public sealed record Request(string Method, string PathAndQuery, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers)
    {
        public string? Param(string name) => Query.GetValueOrDefault(name);
    }

    public sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
    {
        public static Reply Json(string body, IReadOnlyDictionary<string, string>? headers = null) => new(200, body, headers);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var raw = context.Request.Url!;
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in context.Request.QueryString.AllKeys)
            {
                if (key is not null)
                {
                    query[key] = context.Request.QueryString[key] ?? string.Empty;
                }
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var key in context.Request.Headers.AllKeys)
            {
                if (key is not null)
                {
                    headers[key] = context.Request.Headers[key] ?? string.Empty;
                }
            }

            var request = new Request(context.Request.HttpMethod, raw.PathAndQuery, raw.AbsolutePath, query, headers);
            Requests.Enqueue(request);
            Reply reply;
            try
            {
                reply = _handler(request);
            }
#pragma warning disable CA1031 // A fixture bug must reach the test as a 599, not hang the server.
            catch (Exception e)
#pragma warning restore CA1031
            {
                reply = new Reply(599, "fixture error: " + e.Message);
            }

            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentLength64 = bytes.Length;
            try
            {
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
