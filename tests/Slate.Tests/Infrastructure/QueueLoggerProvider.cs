using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Slate.Tests.Infrastructure;

/// <summary>Keeps every log message of a test server in a queue, for tests that check what it logged.</summary>
public sealed class QueueLoggerProvider(ConcurrentQueue<string> log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new QueueLogger(log);
    public void Dispose() { }

    sealed class QueueLogger(ConcurrentQueue<string> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Enqueue(formatter(state, exception));
    }
}
