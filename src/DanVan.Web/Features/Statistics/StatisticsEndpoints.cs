using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Statistics;

/// <summary>One figure of the catalogue as the API describes it.</summary>
public sealed record StatisticApiDefinition(
    string Key,
    string Name,
    string NameVi,
    string NameEn,
    string NameDe,
    Measure Measure,
    bool? HigherIsBetter,
    PeriodRule Rule,
    Breakdown Breakdown,
    bool Public
);

public sealed record StatisticApiValue(
    string Key,
    double? Value,
    double? Previous,
    double? YearBefore,
    IReadOnlyDictionary<int, double> Parts
);

public sealed record StatisticApiChild(
    int UnitId,
    string Name,
    bool IsActive,
    IReadOnlyDictionary<string, double?> Values
);

/// <summary>A unit's figures for a period (with the period before and a year earlier) and its children's key
/// figures.</summary>
public sealed record StatisticApiResult(
    int UnitId,
    string UnitName,
    PeriodKind Kind,
    DateOnly From,
    DateOnly To,
    DateOnly AsOf,
    DateOnly PreviousFrom,
    DateOnly YearBeforeFrom,
    IReadOnlyList<StatisticApiValue> Figures,
    IReadOnlyList<StatisticApiChild> Children,
    int? MergedIntoUnitId
);

/// <summary>
/// <c>/api/v1/statistics</c>: the catalogue, and a unit's figures with its children's, as the dashboard reads them
/// (the same rule of which sections a caller sees); <c>/api/v1/public/statistics</c>: the portal's figures without a
/// token, rate-limited per address.
/// </summary>
public static class StatisticsEndpoints
{
    public const string PublicPath = "/api/v1/public/statistics";

    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        var view = RolePermissions.PolicyName(Permission.UnitsView);
        var statistics = app.MapGroup("/api/v1/statistics")
            .WithTags("Statistics")
            .RequireAuthorization(AuthSetup.ApiPolicy, view);
        statistics.MapGet("/catalogue", Catalogue).WithName("StatisticsCatalogue");
        statistics.MapGet("", ValuesAsync).WithName("Statistics");
        statistics.MapGet("/export", ExportAsync).WithName("ExportStatistics").RunsInBackground();
        // The comparison table as a file, for the signed-in page (cookie).
        app.MapGet(
                "/units/{id:int}/dashboard/export",
                (
                    int id,
                    HttpRequest request,
                    UnitDashboard dashboard,
                    [FromKeyedServices(Infrastructure.Data.ReadReplica.PrimaryKey)]
                        Infrastructure.Data.DanVanDbContext primary,
                    TimeProvider clock,
                    CancellationToken ct
                ) =>
                    ExportAsync(
                        id,
                        request.Query["format"],
                        request.Query["period"],
                        Components.Shared.QueryValue.Int(request.Query["year"]),
                        Components.Shared.QueryValue.Int(request.Query["n"]),
                        request.Query["from"],
                        request.Query["to"],
                        request.Query["sort"],
                        request.Query["dir"],
                        dashboard,
                        primary,
                        clock,
                        ct
                    )
            )
            .WithName("ExportStatisticsPage")
            .RunsInBackground()
            .RequireAuthorization(view)
            .ExcludeFromDescription();
        // The petition dashboard's figures: the catalogue's, by category, and the agencies' workload today.
        // The staffing plan against the staff in post: head counts, no person, for every staff role (UnitsView).
        var staffing = app.MapGroup("/api/v1/staffing")
            .WithTags("Staffing")
            .RequireAuthorization(AuthSetup.ApiPolicy, RolePermissions.PolicyName(Permission.UnitsView));
        staffing.MapGet("", StaffingAsync).WithName("StaffingPlan");
        staffing.MapGet("/years", StaffingYearsAsync).WithName("StaffingPlanYears");
        staffing.MapGet("/report", StaffingReportAsync).WithName("StaffingReport");
        // The page's download of the same report (cookie).
        app.MapGet("/staffing/report", StaffingReportAsync)
            .WithName("StaffingReportPage")
            .RequireAuthorization(RolePermissions.PolicyName(Permission.UnitsView))
            .ExcludeFromDescription();
        app.MapGet("/api/v1/petitions/dashboard", PetitionDashboardAsync)
            .WithTags("Petitions")
            .WithName("PetitionDashboard")
            .RequireAuthorization(AuthSetup.ApiPolicy, RolePermissions.PolicyName(Permission.PetitionsView));
        app.MapGet(PublicPath, PublicAsync)
            .WithTags("Statistics")
            .WithName("PublicStatistics")
            .AllowAnonymous()
            .DisableAntiforgery();
    }

    private static async Task<Results<Ok<PetitionDashboardResult>, ProblemHttpResult>> PetitionDashboardAsync(
        int? unitId,
        string? period,
        int? year,
        int? n,
        string? from,
        string? to,
        PetitionDashboard dashboard,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        await dashboard.ReadAsync(
            unitId,
            StatisticPeriod.Parse(period, year, n, from, to, VietnamTime.Today(clock)),
            ct
        )
            is { } result
            ? TypedResults.Ok(result)
            : Problems.From(new NotFoundError(SharedResource.Units_NotFound));

    private static Ok<IReadOnlyList<StatisticApiDefinition>> Catalogue() =>
        TypedResults.Ok<IReadOnlyList<StatisticApiDefinition>>([
            .. StatisticCatalogue.All.Select(s => new StatisticApiDefinition(
                s.Key,
                s.Name(),
                s.Vi,
                s.En,
                s.De,
                s.Measure,
                s.HigherIsBetter,
                s.Rule,
                s.Breakdown,
                s.Visibility == Visibility.Public
            )),
        ]);

    private static async Task<Results<Ok<StatisticApiResult>, ProblemHttpResult>> ValuesAsync(
        int? unitId,
        string? period,
        int? year,
        int? n,
        string? from,
        string? to,
        UnitDashboard dashboard,
        ICurrentUser user,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var today = VietnamTime.Today(clock);
        var chosen = StatisticPeriod.Parse(period, year, n, from, to, today);
        if (
            (unitId ?? user.Active?.UnitId) is not { } id
            || await dashboard.ReadAsync(id, chosen, ct, trends: false) is not { } data
        )
        {
            return Problems.From(new NotFoundError(SharedResource.Units_NotFound));
        }

        return TypedResults.Ok(
            new StatisticApiResult(
                data.Unit.Id,
                data.Unit.Name,
                chosen.Kind,
                chosen.From,
                chosen.To,
                chosen.StockDay(today),
                chosen.Previous.From,
                chosen.YearBefore.From,
                [
                    .. data.Every.Select(f => new StatisticApiValue(
                        f.Statistic.Key,
                        f.Value,
                        f.Previous,
                        f.YearBefore,
                        f.Parts
                    )),
                ],
                [.. data.Children.Select(c => new StatisticApiChild(c.UnitId, c.Name, c.IsActive, c.Values))],
                data.MergedInto?.UnitId
            )
        );
    }

    /// <summary>
    /// The child comparison of a unit as .xlsx or .csv, in the page's order: one row per child unit, its key figures as
    /// numbers (no value: an empty cell), the period in the file's name. The export and the page read the same rows.
    /// </summary>
    private static async Task<IResult> ExportAsync(
        int unitId,
        string? format,
        string? period,
        int? year,
        int? n,
        string? from,
        string? to,
        string? sort,
        string? dir,
        UnitDashboard dashboard,
        [FromKeyedServices(Infrastructure.Data.ReadReplica.PrimaryKey)] Infrastructure.Data.DanVanDbContext primary,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (Infrastructure.Exports.TableExport.Parse(format) is not { } f)
        {
            return Problems.From(
                ValidationError.For(SharedResource.Val_FixBelow, "format", SharedResource.Export_Format)
            );
        }

        var chosen = StatisticPeriod.Parse(period, year, n, from, to, VietnamTime.Today(clock));
        if (await dashboard.ReadAsync(unitId, chosen, ct, trends: false) is not { } data)
        {
            return Problems.From(new NotFoundError(SharedResource.Units_NotFound));
        }

        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            Infrastructure.Audit.AuditAction.Exported,
            nameof(StatisticCount),
            null,
            data.Unit.Ref,
            $"format={f}; {chosen.Query}; rows={data.Children.Count}"
        );
        await primary.SaveChangesAsync(ct);
        var order = ChildOrder.Of(sort, dir, data.KeyFigures);
        string[] headers = [SharedResource.Field_Unit, .. data.KeyFigures.Select(s => s.Name())];
        var rows = order
            .Sort(data.Children)
            .Select(c => (object?[])[c.Name, .. data.KeyFigures.Select(s => (object?)c.Values[s.Key])]);
        return await Infrastructure.Exports.TableExport.ResultAsync(
            f,
            $"so-lieu-{unitId}-{chosen.From:yyyy-MM}-{chosen.To:yyyy-MM}",
            headers,
            rows,
            ct
        );
    }

    private static async Task<Results<Ok<PublicStatisticsData>, ProblemHttpResult>> PublicAsync(
        int? unitId,
        int? year,
        PublicStatistics statistics,
        CancellationToken ct
    ) =>
        await statistics.ReadAsync(unitId, year, ct) is { } data
            ? TypedResults.Ok(data)
            : Problems.From(new NotFoundError(SharedResource.Units_NotFound));

    private static async Task<Results<Ok<StaffingPlanView>, ProblemHttpResult>> StaffingAsync(
        int unitId,
        int? year,
        ReadStaffingPlan handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(unitId, year, ct, years: false) is { } plan
            ? TypedResults.Ok(plan)
            : Problems.From(new NotFoundError(SharedResource.Units_NotFound));

    private static async Task<Results<Ok<IReadOnlyList<StaffingYear>>, ProblemHttpResult>> StaffingYearsAsync(
        int unitId,
        ReadStaffingPlan handler,
        CancellationToken ct
    ) =>
        await handler.YearsAsync(unitId, ct) is { } years
            ? TypedResults.Ok(years)
            : Problems.From(new NotFoundError(SharedResource.Units_NotFound));

    private static async Task<IResult> StaffingReportAsync(
        int unitId,
        int? year,
        string? format,
        DownloadStaffingPlan handler,
        CancellationToken ct
    )
    {
        format = (format ?? "xlsx").ToLowerInvariant();
        if (!DownloadStaffingPlan.IsFormat(format))
        {
            return Problems.From(
                ValidationError.For(SharedResource.Val_FixBelow, "format", SharedResource.Staffing_Format)
            );
        }

        return await handler.HandleAsync(unitId, year, format, ct) is { } file
            ? TypedResults.File(file.Content, file.Type, file.Name)
            : Problems.From(new NotFoundError(SharedResource.Units_NotFound));
    }
}
