using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Personnel;

/// <summary>/api/v1/responsibilities: who holds which unit or group, their visit reports, and the coverage report —
/// the pages' permissions and handlers.</summary>
public static class ResponsibilityEndpoints
{
    public static void MapResponsibilityEndpoints(this IEndpointRouteBuilder app)
    {
        var view = RolePermissions.PolicyName(Permission.PersonnelView);
        var edit = RolePermissions.PolicyName(Permission.PersonnelEdit);
        var group = app.MapGroup("/api/v1/responsibilities")
            .WithTags("Responsibilities")
            .RequireAuthorization(AuthSetup.ApiPolicy, view);
        group.MapGet("", ListAsync).WithName("ListResponsibilities");
        group.MapGet("/coverage", CoverageAsync).WithName("ResponsibilityCoverage");
        group.MapPost("", CreateAsync).WithName("CreateResponsibility").RequireAuthorization(edit);
        group.MapGet("/{id:int}", GetAsync).WithName("GetResponsibility");
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateResponsibility").RequireAuthorization(edit);
        // The holder files their own reports, so filing needs only the view permission; the handler checks the rest.
        group.MapPost("/{id:int}/visits", ReportAsync).WithName("ReportResponsibilityVisit");
    }

    private static async Task<Ok<IReadOnlyList<ResponsibilityRow>>> ListAsync(
        ReadResponsibilities handler,
        int? unitId,
        bool? current,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.ListAsync(unitId, current ?? false, ct));

    private static async Task<Results<Ok<CoverageReport>, ProblemHttpResult>> CoverageAsync(
        ReadResponsibilities handler,
        ICurrentUser user,
        int? unitId,
        int? days,
        CancellationToken ct
    )
    {
        if (days is < 1 or > 365)
        {
            return Problems.From(
                ValidationError.For(SharedResource.Val_FixBelow, "days", SharedResource.Responsibilities_DaysRange)
            );
        }

        var id = unitId ?? user.Active?.UnitId ?? 0;
        return await handler.CoverageAsync(id, days ?? ReadResponsibilities.DefaultDays, ct) is { } report
            ? TypedResults.Ok(report)
            : Problems.From(new NotFoundError(SharedResource.Units_NotFound));
    }

    private static async Task<Results<Ok<ResponsibilityView>, ProblemHttpResult>> GetAsync(
        int id,
        ReadResponsibilities handler,
        CancellationToken ct
    ) =>
        await handler.GetAsync(id, ct) is { } v
            ? TypedResults.Ok(v)
            : Problems.From(new NotFoundError(SharedResource.Responsibilities_NotFound));

    private static async Task<Results<Created<ResponsibilityView>, ProblemHttpResult>> CreateAsync(
        ResponsibilityInput input,
        HttpRequest request,
        SaveResponsibility handler,
        ReadResponsibilities read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.CreateAsync(input, ct), "/api/v1/responsibilities", id =>
            read.GetAsync(id, ct)
        );
    }

    private static async Task<Results<Ok<ResponsibilityView>, ProblemHttpResult>> UpdateAsync(
        int id,
        ResponsibilityInput input,
        SaveResponsibility handler,
        ReadResponsibilities read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.UpdateAsync(id, input, ct), i => read.GetAsync(i, ct), id);

    private static async Task<Results<Created<ResponsibilityView>, ProblemHttpResult>> ReportAsync(
        int id,
        VisitInput input,
        HttpRequest request,
        SaveResponsibility handler,
        ReadResponsibilities read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(
            await handler.ReportAsync(id, input, ct),
            $"/api/v1/responsibilities/{id}/visits",
            _ => read.GetAsync(id, ct)
        );
    }
}
