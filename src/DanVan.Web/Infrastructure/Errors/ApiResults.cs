using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Infrastructure.Errors;

public static class ApiResults
{
    /// <summary>The Idempotency-Key header of a create request, if any.</summary>
    public static string? IdempotencyKey(HttpRequest request) =>
        request.Headers.TryGetValue("Idempotency-Key", out var key) ? key.ToString() : null;

    /// <summary>Runs the follow-up read of a successful command, or turns its error into a problem.</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> OkAsync<T>(Result<int> result, Func<int, Task<T?>> read)
        where T : class
    {
        if (!result.IsOk)
        {
            return Problems.From(result.Error);
        }

        var value = await read(result.Value);
        return value is null
            ? Problems.From(new NotFoundError(Resources.SharedResource.Problem_NotFound))
            : TypedResults.Ok(value);
    }

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
