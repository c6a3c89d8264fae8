using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DanVan.Web.Infrastructure.Errors;

/// <summary>Errors as RFC 7807 problem details for the API.</summary>
public static class Problems
{
    public static ProblemHttpResult From(Error error) =>
        error switch
        {
            ValidationError v => TypedResults.Problem(
                new HttpValidationProblemDetails(v.Fields.ToDictionary(f => f.Key, f => f.Value))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = SharedResource.Problem_Validation,
                    Detail = v.Message,
                    Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                }
            ),
            NotFoundError => Problem(StatusCodes.Status404NotFound, SharedResource.Problem_NotFound, error.Message),
            ForbiddenError => Problem(StatusCodes.Status403Forbidden, SharedResource.Problem_Forbidden, error.Message),
            ConflictError c => TypedResults.Problem(
                new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = SharedResource.Problem_Conflict,
                    Detail = c.Message,
                    Extensions = { ["current"] = c.Current },
                }
            ),
            _ => Problem(StatusCodes.Status500InternalServerError, SharedResource.Problem_Unexpected, null),
        };

    public static ProblemHttpResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static async Task WriteAsync(HttpContext context, int status, string title)
    {
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = status;
        await service.WriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = status, Title = title },
            }
        );
    }
}
