using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DanVan.Tests.Infrastructure;

/// <summary>Collects what the server logs at Error or above, so tests can assert nothing failed unseen.</summary>
public sealed class ServerLog : ILoggerProvider
{
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>The refused requests the app logged (<c>RefusalLogMiddleware</c>, at Warning).</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    private const string RefusalCategory = "DanVan.Web.Infrastructure.Security.RefusalLogMiddleware";

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Error || (logLevel >= LogLevel.Warning && category == RefusalCategory);

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        )
        {
            if (logLevel >= LogLevel.Error)
            {
                log.Errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
            else if (IsEnabled(logLevel))
            {
                log.Refusals.Enqueue(formatter(state, exception));
            }
        }
    }
}
