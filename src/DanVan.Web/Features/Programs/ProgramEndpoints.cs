using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Programs;

public sealed record ItemApi(
    int Id,
    int Order,
    string Task,
    string? LeadOrganization,
    string? Coordinating,
    int? DueMonth,
    int? DueQuarter,
    DateOnly DueOn,
    string? ExpectedOutput,
    ItemStatus Status,
    bool Late,
    int? ParentItemId,
    int ImplementedBy,
    int Version
)
{
    public static ItemApi From(ItemRow r) =>
        new(
            r.Item.Id,
            r.Item.Order,
            r.Item.Task,
            r.Item.LeadOrganization,
            r.Item.Coordinating,
            r.Item.DueMonth,
            r.Item.DueQuarter,
            r.DueOn,
            r.Item.ExpectedOutput,
            r.Item.Status,
            r.Late,
            r.Item.ParentItemId,
            r.ImplementedBy,
            r.Item.Version
        );
}

public sealed record BasisApi(string Number, DateOnly? IssuedOn, string? Issuer, string? Title);

/// <summary>A program as the API returns it: the same reading as the page (<see cref="GetProgram"/>).</summary>
public sealed record ProgramApi(
    int Id,
    int UnitId,
    string UnitName,
    int Year,
    ProgramKind Kind,
    string Title,
    string? Purposes,
    ProgramStatus Status,
    int Edition,
    string? AmendmentReason,
    string? ReturnReason,
    int? ParentProgramId,
    DateOnly? SubmittedOn,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    string? ApprovingBody,
    DateOnly? PublishedOn,
    int Version,
    IReadOnlyList<BasisApi> Bases,
    IReadOnlyList<ItemApi> Items,
    IReadOnlyList<VersionRow> Versions,
    IReadOnlyList<ProgramAction> Steps
)
{
    public static ProgramApi From(ProgramDetail d)
    {
        var p = d.Program;
        return new(
            p.Id,
            p.UnitId,
            d.UnitName,
            p.Year,
            p.Kind,
            p.Title,
            p.Purposes,
            p.Status,
            p.Edition,
            p.AmendmentReason,
            p.ReturnReason,
            p.ParentProgramId,
            p.SubmittedOn,
            p.DecisionNumber,
            p.DecisionDate,
            p.ApprovingBody,
            p.PublishedOn,
            p.Version,
            [.. d.Bases.Select(b => new BasisApi(b.Number, b.IssuedOn, b.Issuer, b.Title))],
            [.. d.Items.Select(ItemApi.From)],
            d.Versions,
            d.Steps
        );
    }
}

public sealed record CoverageCellApi(int ItemId, int UnitId, int Count, int Done, int Late, int InProgress);

public sealed record CoverageApi(
    int ProgramId,
    int Expected,
    IReadOnlyList<CoverageColumn> Columns,
    IReadOnlyList<CoverageCellApi> Cells
)
{
    public static CoverageApi From(CoverageMatrix m) =>
        new(
            m.Program.Id,
            m.Expected,
            m.Columns,
            [
                .. m
                    .Cells.OrderBy(c => c.Key.ItemId)
                    .ThenBy(c => c.Key.UnitId)
                    .Select(c => new CoverageCellApi(
                        c.Key.ItemId,
                        c.Key.UnitId,
                        c.Value.Count,
                        c.Value.Done,
                        c.Value.Late,
                        c.Value.InProgress
                    )),
            ]
        );
}

/// <summary>/api/v1/programs with the pages' permissions and handlers, and the documents for the signed-in
/// pages.</summary>
public static class ProgramEndpoints
{
    public static void MapProgramEndpoints(this IEndpointRouteBuilder app)
    {
        var view = RolePermissions.PolicyName(Permission.ProgramsView);
        var write = RolePermissions.PolicyName(Permission.ProgramsWrite);
        var programs = app.MapGroup("/api/v1/programs")
            .WithTags("Programs")
            .RequireAuthorization(AuthSetup.ApiPolicy, view);
        programs.MapGet("", ListAsync).WithName("ListPrograms");
        programs.MapPost("", CreateAsync).WithName("CreateProgram").RequireAuthorization(write);
        programs.MapGet("/{id:int}", GetAsync).WithName("GetProgram");
        programs.MapPut("/{id:int}", UpdateAsync).WithName("UpdateProgram").RequireAuthorization(write);
        // Steps: submit, publish and amend need ProgramsWrite, return and approve ProgramsApprove — both checked on the
        // program's own unit in the handler (ProgramRules), so the group's view policy is the gate here.
        programs.MapPost("/{id:int}/steps", StepAsync).WithName("ProgramStep");
        programs.MapPost("/{id:int}/items", CreateItemAsync).WithName("CreateProgramItem").RequireAuthorization(write);
        programs
            .MapPut("/{id:int}/items/{itemId:int}", UpdateItemAsync)
            .WithName("UpdateProgramItem")
            .RequireAuthorization(write);
        programs
            .MapDelete("/{id:int}/items/{itemId:int}", DeleteItemAsync)
            .WithName("DeleteProgramItem")
            .RequireAuthorization(write);
        programs
            .MapPost("/{id:int}/items/{itemId:int}/progress", ProgressAsync)
            .WithName("RecordProgramItemProgress")
            .RequireAuthorization(write);
        programs.MapGet("/{id:int}/versions/{edition:int}", VersionAsync).WithName("GetProgramVersion");
        programs.MapGet("/{id:int}/coverage", CoverageAsync).WithName("ProgramCoverage");
        programs.MapGet("/{id:int}/coverage/export", MatrixAsync).WithName("ExportProgramCoverage");
        programs.MapGet("/{id:int}/document", DocumentAsync).WithName("ProgramDocument");
        app.MapGet("/programs/{id:int}/document", DocumentAsync)
            .WithName("ProgramDocumentPage")
            .RequireAuthorization(view)
            .ExcludeFromDescription();
        app.MapGet("/programs/{id:int}/coverage/export", MatrixAsync)
            .WithName("ExportProgramCoveragePage")
            .RequireAuthorization(view)
            .ExcludeFromDescription();
        // The program's documents: attached by its unit's officers and leaders (checked by ProgramDocumentOwner).
        programs.MapDocuments(app, CaseKind.Program, pagePolicy: view, attachPolicy: write);
    }

    private static async Task<Ok<ListPage<ProgramListRow>>> ListAsync(
        ListPrograms handler,
        int? unitId,
        int? year,
        ProgramStatus? status,
        string? q,
        string? after,
        int? limit,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.HandleAsync(new ProgramQuery(unitId, year, status, q, after, limit ?? 50), ct));

    private static async Task<Results<Ok<ProgramApi>, ProblemHttpResult>> GetAsync(
        int id,
        GetProgram handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct) is { } d
            ? TypedResults.Ok(ProgramApi.From(d))
            : Problems.From(new NotFoundError(SharedResource.Programs_NotFound));

    private static async Task<Results<Created<ProgramApi>, ProblemHttpResult>> CreateAsync(
        ProgramInput input,
        HttpRequest request,
        SaveProgram handler,
        GetProgram read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.CreateAsync(input, ct), "/api/v1/programs", async id =>
            await read.HandleAsync(id, ct) is { } d ? ProgramApi.From(d) : null
        );
    }

    private static async Task<Results<Ok<ProgramApi>, ProblemHttpResult>> UpdateAsync(
        int id,
        ProgramInput input,
        SaveProgram handler,
        GetProgram read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.UpdateAsync(id, input, ct), i => ReadAsync(read, i, ct), id);

    private static async Task<Results<Ok<ProgramApi>, ProblemHttpResult>> StepAsync(
        int id,
        ProgramStepInput input,
        TransitionProgram handler,
        GetProgram read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), i => ReadAsync(read, i, ct), id);

    private static async Task<Results<Ok<ProgramApi>, ProblemHttpResult>> CreateItemAsync(
        int id,
        ProgramItemInput input,
        SaveProgramItem handler,
        GetProgram read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.CreateAsync(id, input, ct), _ => ReadAsync(read, id, ct));

    private static async Task<Results<Ok<ProgramApi>, ProblemHttpResult>> UpdateItemAsync(
        int id,
        int itemId,
        ProgramItemInput input,
        SaveProgramItem handler,
        GetProgram read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.UpdateAsync(id, itemId, input, ct), _ => ReadAsync(read, id, ct), id);

    private static async Task<Results<Ok<ProgramApi>, ProblemHttpResult>> DeleteItemAsync(
        int id,
        int itemId,
        int? version,
        SaveProgramItem handler,
        GetProgram read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.DeleteAsync(id, itemId, version, ct), _ => ReadAsync(read, id, ct));

    private static async Task<Results<Ok<ProgramApi>, ProblemHttpResult>> ProgressAsync(
        int id,
        int itemId,
        ItemProgressInput input,
        RecordItemProgress handler,
        GetProgram read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, itemId, input, ct), _ => ReadAsync(read, id, ct), id);

    private static async Task<Results<Ok<ProgramSnapshot>, ProblemHttpResult>> VersionAsync(
        int id,
        int edition,
        GetProgram handler,
        CancellationToken ct
    ) =>
        await handler.VersionAsync(id, edition, ct) is { } v
            ? TypedResults.Ok(v.Snapshot)
            : Problems.From(new NotFoundError(SharedResource.Programs_NotFound));

    private static async Task<Results<Ok<CoverageApi>, ProblemHttpResult>> CoverageAsync(
        int id,
        ProgramCoverage handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct) is { } m
            ? TypedResults.Ok(CoverageApi.From(m))
            : Problems.From(new NotFoundError(SharedResource.Programs_NotFound));

    private static async Task<IResult> MatrixAsync(int id, DownloadProgram handler, CancellationToken ct) =>
        await handler.MatrixAsync(id, ct) is { } file
            ? TypedResults.File(file.Content, file.Type, file.Name)
            : Problems.From(new NotFoundError(SharedResource.Programs_NotFound));

    private static async Task<IResult> DocumentAsync(
        int id,
        string? format,
        DownloadProgram handler,
        CancellationToken ct
    )
    {
        if (DownloadProgram.IsPdf(format ?? "docx") is not { } f)
        {
            return Problems.From(
                ValidationError.For(SharedResource.Val_FixBelow, "format", SharedResource.Programs_Format)
            );
        }

        return await handler.DocumentAsync(id, f, ct) is { } file
            ? TypedResults.File(file.Content, file.Type, file.Name)
            : Problems.From(new NotFoundError(SharedResource.Programs_NotFound));
    }

    private static async Task<ProgramApi?> ReadAsync(GetProgram read, int id, CancellationToken ct) =>
        await read.HandleAsync(id, ct) is { } d ? ProgramApi.From(d) : null;
}
