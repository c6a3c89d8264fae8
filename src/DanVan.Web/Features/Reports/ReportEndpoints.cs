using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.OfficialDocuments;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Reports;

public sealed record FigureApi(
    string Key,
    string Name,
    double? Value,
    double? Previous,
    double? YearBefore,
    double? Now,
    double? ChangedBy
);

public sealed record SectionApi(string Key, string Title, string? Text, IReadOnlyList<FigureApi> Figures);

public sealed record ChildReportApi(
    int ReportId,
    int UnitId,
    string UnitName,
    ReportStatus Status,
    bool Late,
    IReadOnlyDictionary<string, double?> Figures
);

/// <summary>A report as the API returns it: the same reading as the page (<see cref="GetReport"/>).</summary>
public sealed record ReportApi(
    int Id,
    int RoundId,
    int UnitId,
    string UnitName,
    ReportStatus Status,
    bool Late,
    bool Frozen,
    DateTimeOffset? SubmittedAt,
    string? ReturnReason,
    string? ReportsFor,
    int Version,
    ReportInput Header,
    IReadOnlyList<SectionApi> Sections,
    IReadOnlyList<ChildReportApi> Children,
    IReadOnlyList<ReportAction> Steps
)
{
    public static ReportApi From(ReportView v) =>
        new(
            v.Report.Id,
            v.Round.Id,
            v.Report.UnitId,
            v.UnitName,
            v.Report.Status,
            v.Late,
            v.Frozen,
            v.Report.SubmittedAt,
            v.Report.ReturnReason,
            v.Report.ReportsFor,
            v.Report.Version,
            ReportInput.From(v.Report, []),
            [
                .. v.Sections.Select(s => new SectionApi(
                    s.Section.Key,
                    s.Section.Title,
                    s.Section.Text,
                    [
                        .. s.Figures.Select(f => new FigureApi(
                            f.Statistic.Key,
                            f.Statistic.Name(),
                            f.Value,
                            f.Previous,
                            f.YearBefore,
                            f.Now,
                            f.ChangedBy
                        )),
                    ]
                )),
            ],
            [
                .. v.Children.Select(c => new ChildReportApi(
                    c.ReportId,
                    c.UnitId,
                    c.UnitName,
                    c.Status,
                    c.Late,
                    c.Figures
                )),
            ],
            v.Steps
        );
}

public sealed record RoundApi(
    int Id,
    int UnitId,
    string UnitName,
    PeriodKind Kind,
    DateOnly From,
    DateOnly To,
    DateOnly DueOn,
    string? MergerNote,
    RoundCounts Counts,
    IReadOnlyList<RoundReportRow>? Reports
)
{
    public static RoundApi Of(
        ReportingRound round,
        string unitName,
        RoundCounts counts,
        IReadOnlyList<RoundReportRow>? reports
    ) =>
        new(
            round.Id,
            round.UnitId,
            unitName,
            round.Kind,
            round.From,
            round.To,
            round.DueOn,
            round.MergerNote,
            counts,
            reports
        );

    public static RoundApi Of(RoundView view) => Of(view.Round, view.UnitName, view.Counts, view.Reports);
}

/// <summary>A template of a province as the API returns it.</summary>
public sealed record TemplateApi(
    PeriodKind Kind,
    bool Own,
    int DueDay,
    bool OpensOnSchedule,
    DocumentRegime Regime,
    int Version,
    IReadOnlyList<TemplateSection> Sections
)
{
    public static TemplateApi From(TemplateInForce t) =>
        new(t.Kind, t.IsOwn, t.DueDay, t.OpensOnSchedule, t.Regime, t.Setting?.Version ?? 0, t.Template.Sections);
}

/// <summary>/api/v1/reports: rounds, reports, their sections, steps and documents, with the pages' handlers; and the
/// documents' downloads for the signed-in pages.</summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var view = RolePermissions.PolicyName(Permission.ReportsView);
        var reports = app.MapGroup("/api/v1/reports")
            .WithTags("Reports")
            .RequireAuthorization(AuthSetup.ApiPolicy, view);
        reports.MapGet("/rounds", ListRoundsAsync).WithName("ListReportingRounds");
        reports
            .MapPost("/rounds", OpenRoundAsync)
            .WithName("OpenReportingRound")
            .RequireAuthorization(RolePermissions.PolicyName(Permission.ReportsOpen));
        reports.MapGet("/rounds/{id:int}", GetRoundAsync).WithName("GetReportingRound");
        // Who is in, missing, late or returned, as a spreadsheet, for the signed-in page (cookie) and the API alike.
        reports.MapGet("/rounds/{id:int}/export", ExportRoundAsync).WithName("ExportReportingRound");
        app.MapGet("/reports/rounds/{id:int}/export", ExportRoundAsync)
            .WithName("ExportReportingRoundPage")
            .RequireAuthorization(view)
            .ExcludeFromDescription();
        // A province's templates: its administrator reads and sets them (ReportsConfigure at the province).
        var configure = RolePermissions.PolicyName(Permission.ReportsConfigure);
        reports
            .MapGet("/templates/{unitId:int}", TemplatesAsync)
            .WithName("ListReportTemplates")
            .RequireAuthorization(configure);
        reports
            .MapPut("/templates/{unitId:int}/{kind}", SaveTemplateAsync)
            .WithName("SaveReportTemplate")
            .RequireAuthorization(configure);
        reports
            .MapDelete("/templates/{unitId:int}/{kind}", ResetTemplateAsync)
            .WithName("ResetReportTemplate")
            .RequireAuthorization(configure);
        reports.MapGet("/{id:int}", GetAsync).WithName("GetReport");
        reports.MapPut("/{id:int}", SaveAsync).WithName("SaveReport");
        reports.MapPost("/{id:int}/steps", StepAsync).WithName("ReportStep");
        reports.MapGet("/{id:int}/document", DocumentAsync).WithName("ReportDocument");
        app.MapGet("/reports/{id:int}/document", DocumentAsync)
            .WithName("ReportDocumentPage")
            .RequireAuthorization(view)
            .ExcludeFromDescription();
    }

    private static async Task<Ok<IReadOnlyList<RoundApi>>> ListRoundsAsync(ReadRounds handler, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<RoundApi>>([
            .. (await handler.ListAsync(ct)).Select(r => RoundApi.Of(r.Round, r.UnitName, r.Counts, null)),
        ]);

    private static async Task<Results<Ok<RoundApi>, ProblemHttpResult>> GetRoundAsync(
        int id,
        ReadRounds handler,
        CancellationToken ct
    ) =>
        await handler.RoundAsync(id, ct) is { } r
            ? TypedResults.Ok(RoundApi.Of(r))
            : Problems.From(new NotFoundError(SharedResource.Reports_RoundNotFound));

    private static async Task<Results<Created<RoundApi>, ProblemHttpResult>> OpenRoundAsync(
        OpenRoundInput input,
        HttpRequest request,
        OpenRound handler,
        ReadRounds read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.HandleAsync(input, ct), "/api/v1/reports/rounds", async id =>
            await read.RoundAsync(id, ct) is { } r ? RoundApi.Of(r) : null
        );
    }

    private static async Task<Results<Ok<IReadOnlyList<TemplateApi>>, ProblemHttpResult>> TemplatesAsync(
        int unitId,
        ConfigureTemplates handler,
        CancellationToken ct
    )
    {
        var result = await handler.ReadAsync(unitId, ct);
        return result.IsOk
            ? TypedResults.Ok<IReadOnlyList<TemplateApi>>([.. result.Value!.Templates.Select(TemplateApi.From)])
            : Problems.From(result.Error!);
    }

    private static async Task<Results<Ok<TemplateApi>, ProblemHttpResult>> SaveTemplateAsync(
        int unitId,
        string kind,
        TemplateInput input,
        ConfigureTemplates handler,
        CancellationToken ct
    )
    {
        var k = KindOf(kind);
        return await ApiResults.OkAsync(
            await handler.SaveAsync(unitId, k, input, ct),
            async _ => await TemplateAsync(handler, unitId, k, ct),
            unitId
        );
    }

    private static async Task<Results<Ok<TemplateApi>, ProblemHttpResult>> ResetTemplateAsync(
        int unitId,
        string kind,
        int? version,
        ConfigureTemplates handler,
        CancellationToken ct
    )
    {
        var k = KindOf(kind);
        return await ApiResults.OkAsync(await handler.ResetAsync(unitId, k, version ?? 0, ct), async _ =>
            await TemplateAsync(handler, unitId, k, ct)
        );
    }

    private static PeriodKind KindOf(string kind) =>
        Enum.TryParse<PeriodKind>(kind, ignoreCase: true, out var k) && !int.TryParse(kind, out _)
            ? k
            : PeriodKind.Custom;

    private static async Task<TemplateApi?> TemplateAsync(
        ConfigureTemplates handler,
        int unitId,
        PeriodKind kind,
        CancellationToken ct
    ) =>
        (await handler.ReadAsync(unitId, ct)) is { IsOk: true } r
            ? r.Value!.Templates.Where(t => t.Kind == kind).Select(TemplateApi.From).FirstOrDefault()
            : null;

    private static async Task<Results<Ok<ReportApi>, ProblemHttpResult>> GetAsync(
        int id,
        GetReport handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct) is { } v
            ? TypedResults.Ok(ReportApi.From(v))
            : Problems.From(new NotFoundError(SharedResource.Reports_NotFound));

    private static async Task<Results<Ok<ReportApi>, ProblemHttpResult>> SaveAsync(
        int id,
        ReportInput input,
        SaveReport handler,
        GetReport read,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.HandleAsync(id, input, ct),
            async i => await read.HandleAsync(i, ct) is { } v ? ReportApi.From(v) : null,
            id
        );

    private static async Task<Results<Ok<ReportApi>, ProblemHttpResult>> StepAsync(
        int id,
        ReportStepInput input,
        TransitionReport handler,
        GetReport read,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.HandleAsync(id, input, ct),
            async i => await read.HandleAsync(i, ct) is { } v ? ReportApi.From(v) : null,
            id
        );

    private static async Task<IResult> ExportRoundAsync(
        int id,
        string? format,
        ExportRound handler,
        CancellationToken ct
    )
    {
        if (Infrastructure.Exports.TableExport.Parse(format ?? "xlsx") is not { } f)
        {
            return Problems.From(
                ValidationError.For(SharedResource.Val_FixBelow, "format", SharedResource.Export_Format)
            );
        }

        return await handler.HandleAsync(id, f, ct)
            ?? Problems.From(new NotFoundError(SharedResource.Reports_RoundNotFound));
    }

    private static async Task<IResult> DocumentAsync(
        int id,
        string? format,
        DownloadReport handler,
        CancellationToken ct
    )
    {
        if (DownloadReport.Parse(format ?? "docx") is not { } f)
        {
            return Problems.From(
                ValidationError.For(SharedResource.Val_FixBelow, "format", SharedResource.Reports_Format)
            );
        }

        return await handler.HandleAsync(id, f, ct) is { } file
            ? TypedResults.File(file.Content, file.Type, file.Name)
            : Problems.From(new NotFoundError(SharedResource.Reports_NotFound));
    }
}
