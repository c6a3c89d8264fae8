using System.Diagnostics.CodeAnalysis;

namespace DanVan.Web.Infrastructure.Errors;

/// <summary>
/// Why a use case did not do what was asked. Handlers return these as values (STYLE.md 7); endpoints turn
/// them into RFC 7807 problem details, pages into messages at the field and in the error summary. Messages
/// are already localized to the request's culture.
/// </summary>
public abstract record Error(string Message);

public sealed record NotFoundError(string Message) : Error(Message);

public sealed record ForbiddenError(string Message) : Error(Message);

/// <summary>A stale edit or a state that no longer allows the act; <see cref="Current"/> shows what is there
/// now.</summary>
public sealed record ConflictError(string Message, object? Current = null) : Error(Message);

/// <summary>Bad input: messages per field (the request record's property names; "" for the whole form).</summary>
public sealed record ValidationError(string Message, IReadOnlyDictionary<string, string[]> Fields) : Error(Message)
{
    public static ValidationError For(string message, string field, string fieldMessage) =>
        new(message, new Dictionary<string, string[]> { [field] = [fieldMessage] });
}

/// <summary>The outcome of a use case: a value or an <see cref="Error"/>.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}

/// <summary>Collects field errors while a handler checks its input.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> fields = [];

    public bool Any => fields.Count > 0;

    public bool Has(string field) => fields.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!fields.TryGetValue(field, out var list))
        {
            fields[field] = list = [];
        }

        list.Add(message);
    }

    public ValidationError ToError(string message) =>
        new(message, fields.ToDictionary(f => f.Key, f => f.Value.ToArray()));
}
