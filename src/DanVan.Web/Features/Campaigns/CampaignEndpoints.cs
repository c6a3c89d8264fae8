using DanVan.Web.Features.Campaigns.Charts;
using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

public sealed record FiguresSaved(int Changed);

/// <summary>/api/v1/campaigns: campaigns, indicators, targets, figures, progress, locks — with the pages'
/// permissions.</summary>
public static partial class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/v1/campaigns")
            .WithTags("Campaigns")
            .RequireAuthorization(AuthSetup.ApiPolicy, RolePermissions.PolicyName(Permission.CampaignsView));
        var manage = RolePermissions.PolicyName(Permission.CampaignsManage);
        var report = RolePermissions.PolicyName(Permission.CampaignsReport);

        campaigns.MapGet("", ListAsync).WithName("ListCampaigns");
        campaigns.MapGet("/{id:int}", GetAsync).WithName("GetCampaign");
        campaigns.MapPost("", CreateAsync).WithName("CreateCampaign").RequireAuthorization(manage);
        campaigns.MapPut("/{id:int}", UpdateAsync).WithName("UpdateCampaign").RequireAuthorization(manage);
        campaigns
            .MapPost("/{id:int}/status", ChangeStatusAsync)
            .WithName("ChangeCampaignStatus")
            .RequireAuthorization(manage);

        campaigns.MapGet("/{id:int}/indicators", ListIndicatorsAsync).WithName("ListCampaignIndicators");
        campaigns
            .MapPost("/{id:int}/indicators", AddIndicatorAsync)
            .WithName("AddCampaignIndicator")
            .RequireAuthorization(manage);
        campaigns
            .MapPut("/{id:int}/indicators/{indicatorId:int}", UpdateIndicatorAsync)
            .WithName("UpdateCampaignIndicator")
            .RequireAuthorization(manage);

        campaigns.MapGet("/{id:int}/targets", ListTargetsAsync).WithName("ListCampaignTargets");
        campaigns
            .MapPut("/{id:int}/targets", SetTargetsAsync)
            .WithName("SetCampaignTargets")
            .RequireAuthorization(manage);

        campaigns.MapGet("/{id:int}/figures", ListFiguresAsync).WithName("ListCampaignFigures");
        campaigns
            .MapPost("/{id:int}/figures", EnterFiguresAsync)
            .WithName("EnterCampaignFigures")
            .RequireAuthorization(report);
        campaigns.MapGet("/{id:int}/figures/history", FigureHistoryAsync).WithName("CampaignFigureHistory");
        campaigns.MapGet("/{id:int}/entries", EntriesAsync).WithName("CampaignEntries");

        campaigns.MapGet("/{id:int}/progress", ProgressAsync).WithName("CampaignProgress");

        campaigns
            .MapPost("/{id:int}/locks", LockPeriodAsync)
            .WithName("LockCampaignPeriod")
            .RequireAuthorization(manage);
        campaigns
            .MapDelete("/{id:int}/locks", UnlockPeriodAsync)
            .WithName("UnlockCampaignPeriod")
            .RequireAuthorization(manage);

        // Documents (the plan, the launching decision, the review): uploaded by whoever manages the campaign.
        campaigns.MapDocuments(
            app,
            CaseKind.Campaign,
            pagePolicy: RolePermissions.PolicyName(Permission.CampaignsView),
            attachPolicy: manage
        );

        MapFigureFiles(app, campaigns);

        campaigns.MapGet("/{id:int}/chart.png", ChartAsync).WithName("CampaignChart");

        // The signed-in page's image link (cookie).
        app.MapGet("/campaigns/{id:int}/chart.png", ChartAsync)
            .WithName("CampaignChartPage")
            .RequireAuthorization(RolePermissions.PolicyName(Permission.CampaignsView))
            .ExcludeFromDescription();
    }

    private static async Task<Ok<ListPage<CampaignListRow>>> ListAsync(
        ListCampaigns handler,
        int? unitId,
        CampaignStatus? status,
        int? year,
        string? q,
        string? after,
        int? limit,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.HandleAsync(new CampaignQuery(unitId, status, year, q, after, limit ?? 50), ct));

    private static async Task<Results<Ok<CampaignApiDetail>, ProblemHttpResult>> GetAsync(
        int id,
        GetCampaign handler,
        CancellationToken ct
    ) => await handler.HandleAsync(id, ct) is { } d ? TypedResults.Ok(CampaignApiDetail.From(d)) : NotFound();

    private static async Task<Results<Created<CampaignApiDetail>, ProblemHttpResult>> CreateAsync(
        CampaignInput input,
        HttpRequest request,
        CreateCampaign handler,
        GetCampaign read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.HandleAsync(input, ct), "/api/v1/campaigns", id =>
            DetailAsync(read, id, ct)
        );
    }

    private static async Task<Results<Ok<CampaignApiDetail>, ProblemHttpResult>> UpdateAsync(
        int id,
        CampaignInput input,
        UpdateCampaign handler,
        GetCampaign read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), i => DetailAsync(read, i, ct), id);

    private static async Task<Results<Ok<CampaignApiDetail>, ProblemHttpResult>> ChangeStatusAsync(
        int id,
        CampaignStatusInput input,
        ChangeCampaignStatus handler,
        GetCampaign read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), i => DetailAsync(read, i, ct), id);

    private static async Task<Results<Ok<IReadOnlyList<IndicatorRow>>, ProblemHttpResult>> ListIndicatorsAsync(
        int id,
        GetCampaign handler,
        CancellationToken ct
    ) => await handler.HandleAsync(id, ct) is { } d ? TypedResults.Ok(d.Indicators) : NotFound();

    private static async Task<Results<Created<IndicatorRow>, ProblemHttpResult>> AddIndicatorAsync(
        int id,
        IndicatorInput input,
        SaveIndicator handler,
        GetCampaign read,
        CancellationToken ct
    ) =>
        await ApiResults.CreatedAsync(
            await handler.HandleAsync(id, null, input, ct),
            $"/api/v1/campaigns/{id}/indicators",
            i => IndicatorAsync(read, id, i, ct)
        );

    private static async Task<Results<Ok<IndicatorRow>, ProblemHttpResult>> UpdateIndicatorAsync(
        int id,
        int indicatorId,
        IndicatorInput input,
        SaveIndicator handler,
        GetCampaign read,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.HandleAsync(id, indicatorId, input, ct),
            i => IndicatorAsync(read, id, i, ct),
            indicatorId
        );

    private static async Task<Results<Ok<IReadOnlyList<TargetRow>>, ProblemHttpResult>> ListTargetsAsync(
        int id,
        int indicatorId,
        ReadGrid handler,
        CancellationToken ct
    ) => await handler.TargetsAsync(id, indicatorId, ct) is { } rows ? TypedResults.Ok(rows) : NotFound();

    private static async Task<Results<Ok<IReadOnlyList<TargetRow>>, ProblemHttpResult>> SetTargetsAsync(
        int id,
        TargetsInput input,
        SetTargets handler,
        ReadGrid read,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.HandleAsync(id, input, ct),
            i => read.TargetsAsync(id, i, ct),
            input.IndicatorId
        );

    private static async Task<Results<Ok<ListPage<FigureRow>>, ProblemHttpResult>> ListFiguresAsync(
        int id,
        int? indicatorId,
        int? unitId,
        DateOnly? from,
        DateOnly? to,
        long? after,
        int? limit,
        ReadGrid handler,
        CancellationToken ct
    ) =>
        await handler.FiguresAsync(id, indicatorId, unitId, from, to, after, limit ?? 1000, ct) is { } page
            ? TypedResults.Ok(page)
            : NotFound();

    private static async Task<Results<Ok<FiguresSaved>, ProblemHttpResult>> EnterFiguresAsync(
        int id,
        FiguresInput input,
        EnterFigures handler,
        CancellationToken ct
    )
    {
        var result = await handler.HandleAsync(id, input.Figures, FigureSource.Api, ct);
        return result.IsOk ? TypedResults.Ok(new FiguresSaved(result.Value)) : Problems.From(result.Error);
    }

    private static async Task<Results<Ok<IReadOnlyList<RevisionRow>>, ProblemHttpResult>> FigureHistoryAsync(
        int id,
        int unitId,
        int indicatorId,
        DateOnly period,
        ReadGrid handler,
        CancellationToken ct
    ) =>
        await handler.HistoryAsync(id, unitId, indicatorId, period, ct) is { } rows
            ? TypedResults.Ok(rows)
            : NotFound();

    private static async Task<Results<Ok<CampaignGrid>, ProblemHttpResult>> EntriesAsync(
        int id,
        int? unitId,
        DateOnly? date,
        ReportingFrequency? frequency,
        ReadGrid handler,
        CancellationToken ct
    ) => await handler.HandleAsync(id, unitId, date, frequency, ct) is { } grid ? TypedResults.Ok(grid) : NotFound();

    private static async Task<Results<Ok<CampaignProgress>, ProblemHttpResult>> ProgressAsync(
        int id,
        int? indicatorId,
        int? unitId,
        ReadProgress handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, indicatorId, unitId, ct) is { } progress ? TypedResults.Ok(progress) : NotFound();

    private static async Task<Results<NoContent, ProblemHttpResult>> LockPeriodAsync(
        int id,
        PeriodLockInput input,
        SetPeriodLock handler,
        CancellationToken ct
    )
    {
        var result = await handler.HandleAsync(id, input, locked: true, ct);
        return result.IsOk ? TypedResults.NoContent() : Problems.From(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UnlockPeriodAsync(
        int id,
        ReportingFrequency frequency,
        DateOnly period,
        SetPeriodLock handler,
        CancellationToken ct
    )
    {
        var result = await handler.HandleAsync(id, new PeriodLockInput(frequency, period), locked: false, ct);
        return result.IsOk ? TypedResults.NoContent() : Problems.From(result.Error);
    }

    /// <summary>The burn-up chart of a node as a PNG, for documents (the page draws the same chart as SVG).</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ChartAsync(
        int id,
        int? indicatorId,
        int? unitId,
        ReadProgress read,
        IStringLocalizer<SharedResource> L,
        CancellationToken ct
    )
    {
        if (await read.HandleAsync(id, indicatorId, unitId, ct) is not { } progress)
        {
            return NotFound();
        }

        var png = BurnUpPng.Render(CampaignCharts.BurnUp(progress, L));
        return TypedResults.File(png, "image/png", $"campaign-{id}-{progress.Indicator.Id}-{progress.Node.UnitId}.png");
    }

    /// <summary>A campaign as the API gives it, for the answer to a change.</summary>
    private static async Task<CampaignApiDetail?> DetailAsync(GetCampaign read, int id, CancellationToken ct) =>
        await read.HandleAsync(id, ct) is { } d ? CampaignApiDetail.From(d) : null;

    /// <summary>One indicator of a campaign, for the answer to a change.</summary>
    private static async Task<IndicatorRow?> IndicatorAsync(
        GetCampaign read,
        int id,
        int indicatorId,
        CancellationToken ct
    ) => (await read.HandleAsync(id, ct))?.Indicators.SingleOrDefault(x => x.Id == indicatorId);

    private static ProblemHttpResult NotFound() => Problems.From(new NotFoundError(SharedResource.Campaigns_NotFound));
}
