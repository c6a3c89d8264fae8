using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Personnel;

/// <summary>/api/v1/training: courses, their participants and results — the pages' permissions and handlers.</summary>
public static class TrainingEndpoints
{
    public static void MapTrainingEndpoints(this IEndpointRouteBuilder app)
    {
        var view = RolePermissions.PolicyName(Permission.PersonnelView);
        var edit = RolePermissions.PolicyName(Permission.PersonnelEdit);
        var group = app.MapGroup("/api/v1/training")
            .WithTags("Training")
            .RequireAuthorization(AuthSetup.ApiPolicy, view);
        group.MapGet("", ListAsync).WithName("ListTrainingCourses");
        group.MapPost("", CreateAsync).WithName("CreateTrainingCourse").RequireAuthorization(edit);
        group.MapGet("/{id:int}", GetAsync).WithName("GetTrainingCourse");
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateTrainingCourse").RequireAuthorization(edit);
        group.MapPost("/{id:int}/enrolments", EnrolAsync).WithName("EnrolInTrainingCourse").RequireAuthorization(edit);
        group
            .MapPut("/{id:int}/enrolments/{enrolmentId:int}", RecordResultAsync)
            .WithName("RecordTrainingResult")
            .RequireAuthorization(edit);
    }

    private static async Task<Ok<IReadOnlyList<CourseRow>>> ListAsync(
        ReadTraining handler,
        int? year,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.ListAsync(year, ct));

    private static async Task<Results<Ok<CourseView>, ProblemHttpResult>> GetAsync(
        int id,
        ReadTraining handler,
        CancellationToken ct
    ) =>
        await handler.GetAsync(id, ct) is { } v
            ? TypedResults.Ok(v)
            : Problems.From(new NotFoundError(SharedResource.Training_NotFound));

    private static async Task<Results<Created<CourseView>, ProblemHttpResult>> CreateAsync(
        CourseInput input,
        HttpRequest request,
        SaveTraining handler,
        ReadTraining read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.CreateAsync(input, ct), "/api/v1/training", id =>
            read.GetAsync(id, ct)
        );
    }

    private static async Task<Results<Ok<CourseView>, ProblemHttpResult>> UpdateAsync(
        int id,
        CourseInput input,
        SaveTraining handler,
        ReadTraining read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.UpdateAsync(id, input, ct), i => read.GetAsync(i, ct), id);

    private static async Task<Results<Created<CourseView>, ProblemHttpResult>> EnrolAsync(
        int id,
        EnrolInput input,
        HttpRequest request,
        SaveTraining handler,
        ReadTraining read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(
            await handler.EnrolAsync(id, input, ct),
            $"/api/v1/training/{id}/enrolments",
            _ => read.GetAsync(id, ct)
        );
    }

    private static async Task<Results<Ok<CourseView>, ProblemHttpResult>> RecordResultAsync(
        int id,
        int enrolmentId,
        EnrolmentResultInput input,
        SaveTraining handler,
        ReadTraining read,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.RecordResultAsync(id, enrolmentId, input, ct),
            _ => read.GetAsync(id, ct),
            id
        );
}
