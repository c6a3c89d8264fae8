using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Infrastructure.Errors;

public static class ApiResults
{
    /// <summary>The Idempotency-Key header of a create request, if any.</summary>
    public static string? IdempotencyKey(HttpRequest request) =>
        request.Headers.TryGetValue("Idempotency-Key", out var key) ? key.ToString() : null;

    /// <summary>
    /// Runs the follow-up read of a successful command, or turns its error into a problem. An edit passes the id
    /// <paramref name="read"/> takes for the record it changed (<paramref name="edited"/>): a conflict then carries
    /// that record as it is now, read as the caller may see it (QUALITY.md R2).
    /// </summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> OkAsync<T>(
        Result<int> result,
        Func<int, Task<T?>> read,
        int? edited = null
    )
        where T : class
    {
        if (!result.IsOk)
        {
            return Problems.From(
                edited is { } id ? await WithCurrentAsync(result.Error, async () => await read(id)) : result.Error
            );
        }

        var value = await read(result.Value);
        return value is null
            ? Problems.From(new NotFoundError(Resources.SharedResource.Problem_NotFound))
            : TypedResults.Ok(value);
    }

    /// <summary>
    /// A conflict that does not say what is there now gets the record as the caller reads it, so the person who lost
    /// the race sees the other person's values and version; any other error is left as it is.
    /// </summary>
    public static async Task<Error> WithCurrentAsync(Error error, Func<Task<object?>> current) =>
        error is ConflictError { Current: null } conflict ? conflict with { Current = await current() } : error;

    public static async Task<Results<Created<T>, ProblemHttpResult>> CreatedAsync<T>(
        Result<int> result,
        string location,
        Func<int, Task<T?>> read
    )
        where T : class
    {
        if (!result.IsOk)
        {
            return Problems.From(result.Error);
        }

        var value = await read(result.Value);
        return value is null
            ? Problems.From(new NotFoundError(Resources.SharedResource.Problem_NotFound))
            : TypedResults.Created($"{location}/{result.Value}", value);
    }
}
