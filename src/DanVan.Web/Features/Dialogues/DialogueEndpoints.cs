using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Dialogues;

/// <summary>/api/v1/dialogues with the pages' permissions, and the sessions' documents.</summary>
public static class DialogueEndpoints
{
    public static void MapDialogueEndpoints(this IEndpointRouteBuilder app)
    {
        var view = RolePermissions.PolicyName(Permission.DialoguesView);
        var edit = RolePermissions.PolicyName(Permission.DialoguesEdit);
        var dialogues = app.MapGroup("/api/v1/dialogues")
            .WithTags("Dialogues")
            .RequireAuthorization(AuthSetup.ApiPolicy, view);
        dialogues.MapGet("", ListAsync).WithName("ListDialogues");
        dialogues.MapGet("/{id:int}", GetAsync).WithName("GetDialogue");
        dialogues.MapPost("", CreateAsync).WithName("CreateDialogue").RequireAuthorization(edit);
        dialogues.MapPut("/{id:int}", UpdateAsync).WithName("UpdateDialogue").RequireAuthorization(edit);
        dialogues.MapGet("/reception", ReceptionAsync).WithName("ReceptionFrequency");
        // The list as a file, for the signed-in page (cookie) and the API (token) alike.
        dialogues.MapGet("/export", ExportAsync).WithName("ExportDialogues").RunsInBackground();
        app.MapGet("/dialogues/export", ExportAsync)
            .WithName("ExportDialoguesPage")
            .RunsInBackground()
            .RequireAuthorization(view)
            .ExcludeFromDescription();
        dialogues.MapDocuments(app, CaseKind.Dialogue, pagePolicy: view);
    }

    private static async Task<Ok<ListPage<DialogueListRow>>> ListAsync(
        ListDialogues handler,
        int? unitId,
        DialogueType? type,
        int? year,
        bool? upcoming,
        bool? warnings,
        string? q,
        string? after,
        int? limit,
        CancellationToken ct
    ) =>
        TypedResults.Ok(
            await handler.HandleAsync(
                new DialogueQuery(unitId, type, year, upcoming ?? false, warnings ?? false, q, after, limit ?? 50),
                ct
            )
        );

    private static async Task<IResult> ExportAsync(
        ExportDialogues handler,
        string? format,
        int? unitId,
        DialogueType? type,
        int? year,
        bool? upcoming,
        bool? warnings,
        string? q,
        CancellationToken ct
    ) =>
        Infrastructure.Exports.TableExport.Parse(format) is { } f
            ? await handler.HandleAsync(
                new DialogueQuery(unitId, type, year, upcoming ?? false, warnings ?? false, q),
                f,
                ct
            )
            : Problems.From(ValidationError.For(SharedResource.Val_FixBelow, "format", SharedResource.Export_Format));

    private static async Task<Results<Ok<DialogueApiDetail>, ProblemHttpResult>> GetAsync(
        int id,
        GetDialogue handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct) is { } d
            ? TypedResults.Ok(DialogueApiDetail.From(d))
            : Problems.From(new NotFoundError(SharedResource.Dialogues_NotFound));

    private static async Task<Results<Created<DialogueApiDetail>, ProblemHttpResult>> CreateAsync(
        DialogueInput input,
        HttpRequest request,
        SaveDialogue handler,
        GetDialogue read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.CreateAsync(input, ct), "/api/v1/dialogues", async id =>
            await read.HandleAsync(id, ct) is { } d ? DialogueApiDetail.From(d) : null
        );
    }

    private static async Task<Results<Ok<DialogueApiDetail>, ProblemHttpResult>> UpdateAsync(
        int id,
        DialogueInput input,
        SaveDialogue handler,
        GetDialogue read,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.UpdateAsync(id, input, ct),
            async i => await read.HandleAsync(i, ct) is { } d ? DialogueApiDetail.From(d) : null,
            id
        );

    private static async Task<Results<Ok<IReadOnlyList<ReceptionRow>>, ProblemHttpResult>> ReceptionAsync(
        ReceptionFrequency frequency,
        int? unitId,
        int? months,
        CancellationToken ct
    ) =>
        await frequency.ForUnitAsync(unitId, months ?? 6, ct) is { } found
            ? TypedResults.Ok(found.Rows)
            : Problems.From(new NotFoundError(SharedResource.Units_NotFound));
}
