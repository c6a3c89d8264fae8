using Microsoft.Extensions.Logging;

namespace DanVan.Tests.Infrastructure;

/// <summary>
/// With <c>DANVAN_TEST_LOG_DIR</c> set (scripts/test.sh sets it), every test server's log — whatever the app's own
/// filters let through, as in production — is appended to one file per test process in that folder, so the run's logs
/// can be scanned for personal data afterwards (ASVS V16.2.5; the list comes from
/// <c>OperatorCommandTests.The_demos_personal_data_is_listed_for_the_log_scan</c>).
/// </summary>
public sealed class LogFile : ILoggerProvider
{
    public static string? Folder { get; } =
        Environment.GetEnvironmentVariable("DANVAN_TEST_LOG_DIR") is { Length: > 0 } dir
            ? Directory.CreateDirectory(dir).FullName
            : null;

    private static readonly Lazy<StreamWriter?> Writer = new(() =>
        Folder is null
            ? null
            : new StreamWriter(
                new FileStream(
                    Path.Combine(Folder, $"server-{Environment.ProcessId}.log"),
                    FileMode.Append,
                    FileAccess.Write,
                    FileShare.ReadWrite
                )
            )
            {
                AutoFlush = true,
            }
    );

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
        // The file is the process's, shared by every test server: it stays open until the process ends.
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        )
        {
            if (Writer.Value is not { } writer)
            {
                return;
            }

            var line =
                $"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}";
            lock (writer)
            {
                writer.WriteLine(line);
            }
        }
    }
}
