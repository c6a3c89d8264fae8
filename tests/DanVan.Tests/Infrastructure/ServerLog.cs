using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DanVan.Tests.Infrastructure;

/// <summary>Collects what the server logs at Error or above, so tests can assert nothing failed unseen.</summary>
public sealed class ServerLog : ILoggerProvider
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        )
        {
            if (IsEnabled(logLevel))
            {
                log.Errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
