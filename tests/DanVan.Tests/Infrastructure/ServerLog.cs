using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DanVan.Tests.Infrastructure;

/// <summary>Collects what the server logs at Error or above, so tests can assert nothing failed unseen.</summary>
public sealed class ServerLog : ILoggerProvider
{
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>The refused requests the app logged (<c>RefusalLogMiddleware</c>, at Warning).</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>The copies of audit entries the app wrote to its log (<c>DanVanDbContext.CopyToLog</c>).</summary>
    public ConcurrentQueue<string> AuditCopies { get; } = new();

    private const string RefusalCategory = "DanVan.Web.Infrastructure.Security.RefusalLogMiddleware";
    private const string AuditCategory = "DanVan.Audit";

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Error
            || (logLevel >= LogLevel.Warning && category == RefusalCategory)
            || (logLevel >= LogLevel.Information && category == AuditCategory);

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
            else if (category == AuditCategory && IsEnabled(logLevel))
            {
                log.AuditCopies.Enqueue(formatter(state, exception));
            }
            else if (IsEnabled(logLevel))
            {
                log.Refusals.Enqueue(formatter(state, exception));
            }
        }
    }
}
