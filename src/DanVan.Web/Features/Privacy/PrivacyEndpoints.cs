using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Privacy;

/// <summary>/api/v1/privacy-requests: data subjects' requests, the pages' permission and handlers.</summary>
public static class PrivacyEndpoints
{
    public static void MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var handles = RolePermissions.PolicyName(Permission.PrivacyRequests);
        var group = app.MapGroup("/api/v1/privacy-requests")
            .WithTags("Privacy")
            .RequireAuthorization(AuthSetup.ApiPolicy, handles);
        group.MapGet("", ListAsync).WithName("ListPrivacyRequests");
        group.MapPost("", CreateAsync).WithName("CreatePrivacyRequest");
        group.MapGet("/{id:int}", GetAsync).WithName("GetPrivacyRequest");
        group.MapPost("/{id:int}/acknowledge", AcknowledgeAsync).WithName("AcknowledgePrivacyRequest");
        group.MapPost("/{id:int}/close", CloseAsync).WithName("ClosePrivacyRequest");
        group.MapPost("/{id:int}/export", ExportAsync).WithName("ExportPrivacyRequestData");
        group.MapPost("/{id:int}/erase", EraseAsync).WithName("ErasePrivacyRequestData");

        // The request page's download: a form post with its antiforgery token.
        app.MapPost("/privacy/{id:int}/export", ExportAsync)
            .WithName("ExportPrivacyRequestDataPage")
            .RequireAuthorization(handles)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
    }

    private static async Task<Ok<IReadOnlyList<PrivacyRequestRow>>> ListAsync(
        ReadPrivacyRequests handler,
        bool? open,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.ListAsync(open ?? false, ct));

    private static async Task<Results<Ok<PrivacyRequestView>, ProblemHttpResult>> GetAsync(
        int id,
        ReadPrivacyRequests handler,
        HttpResponse response,
        CancellationToken ct
    )
    {
        response.Headers.CacheControl = "no-store";
        return await handler.GetAsync(id, ct) is { } v
            ? TypedResults.Ok(v)
            : Problems.From(new NotFoundError(SharedResource.Privacy_NotFound));
    }

    private static async Task<Results<Created<PrivacyRequestView>, ProblemHttpResult>> CreateAsync(
        PrivacyRequestInput input,
        HttpRequest request,
        SavePrivacyRequest handler,
        ReadPrivacyRequests read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.CreateAsync(input, ct), "/api/v1/privacy-requests", id =>
            read.GetAsync(id, ct)
        );
    }

    private static async Task<Results<Ok<PrivacyRequestView>, ProblemHttpResult>> AcknowledgeAsync(
        int id,
        PrivacyStepInput input,
        SavePrivacyRequest handler,
        ReadPrivacyRequests read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.AcknowledgeAsync(id, input, ct), i => read.GetAsync(i, ct), id);

    private static async Task<Results<Ok<PrivacyRequestView>, ProblemHttpResult>> CloseAsync(
        int id,
        PrivacyStepInput input,
        SavePrivacyRequest handler,
        ReadPrivacyRequests read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.CloseAsync(id, input, ct), i => read.GetAsync(i, ct), id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        int id,
        FulfilPrivacyRequest handler,
        HttpResponse response,
        CancellationToken ct
    )
    {
        var result = await handler.ExportAsync(id, ct);
        response.Headers.CacheControl = "no-store";
        return result.IsOk
            ? TypedResults.File(result.Value.Bytes, "application/json", result.Value.FileName)
            : Problems.From(result.Error);
    }

    private static async Task<Results<Ok<ErasureResult>, ProblemHttpResult>> EraseAsync(
        int id,
        FulfilPrivacyRequest handler,
        CancellationToken ct
    )
    {
        var result = await handler.EraseAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }
}
