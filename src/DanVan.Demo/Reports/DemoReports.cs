using DanVan.Web.Features.Reports;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static DanVan.Demo.DemoActors;

namespace DanVan.Demo;

/// <summary>
/// Reporting rounds of the province for the last three months, walked through the app's own handlers (opening, writing,
/// submitting with the figures frozen from the catalogue, returning, approving) at the days they would have happened:
/// three months ago every report is in and approved (some communes late) and the province's own approved, so all are
/// locked; two months ago most are in and approved, a few are missing and late, Phường Kinh Bắc's was returned with a
/// reason, and the province's own is still a draft; last month's round is not yet due: every commune has submitted
/// except Xã Tiên Du (its officer is writing), a few wait for the province's review, and the province's own report is
/// still to be written. The province's monthly template is its own and opens each month's round on schedule. The
/// narratives are SYNTHETIC. Skipped when the province has any round.
/// </summary>
internal static class DemoReports
{
    private const string KinhBac = "09187";
    private const string TienDu = "09319";

    public static async Task<int> SeedAsync(
        DanVanDbContext db,
        ReadStatistics statistics,
        IStringLocalizer<SharedResource> L,
        Unit province,
        DateOnly today,
        CancellationToken ct
    )
    {
        if (await db.ReportingRounds.AnyAsync(r => r.UnitId == province.Id, ct))
        {
            return 0;
        }

        var root = await db.Units.SingleAsync(u => u.Level == UnitLevel.Central, ct);
        var system = CurrentUser.System(root.Id);
        var clock = new DemoClock(DateTimeOffset.UtcNow);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var rounds = 0;
        for (var back = 3; back >= 1; back--)
        {
            var month = thisMonth.AddMonths(-back);
            var period = StatisticPeriod.Of(PeriodKind.Month, month.Year, month.Month);
            // Opened on the period's last day.
            clock.Now = At(period.To, 9);
            db.Actor = system;
            var opened = await new OpenRound(db, system, clock, L).HandleAsync(
                new OpenRoundInput
                {
                    UnitId = province.Id,
                    Kind = PeriodKind.Month,
                    Year = month.Year,
                    Number = month.Month,
                },
                ct
            );
            if (!opened.IsOk)
            {
                throw new InvalidOperationException($"Demo round {month:yyyy-MM}: {opened.Error!.Message}");
            }

            rounds++;
            db.ChangeTracker.Clear();
            await WalkAsync(db, statistics, L, clock, province, opened.Value, back, today, ct);
        }

        // The province keeps its own monthly template — the default's sections, due on the 18th — with the round of
        // each month opening by itself the day after the month ends.
        db.Actor = system;
        var monthly = TemplateInput.From(TemplateInForce.Of(PeriodKind.Month, null));
        monthly.OpensOnSchedule = true;
        var template = await new ConfigureTemplates(db, system, clock, L).SaveAsync(
            province.Id,
            PeriodKind.Month,
            monthly,
            ct
        );
        if (!template.IsOk)
        {
            throw new InvalidOperationException($"Demo template: {template.Error!.Message}");
        }

        return rounds;
    }

    /// <summary>Each commune's report: written, submitted on a day of its own (some after the due day), then reviewed
    /// by the province as the round's age says.</summary>
    private static async Task WalkAsync(
        DanVanDbContext db,
        ReadStatistics statistics,
        IStringLocalizer<SharedResource> L,
        DemoClock clock,
        Unit province,
        int roundId,
        int back,
        DateOnly today,
        CancellationToken ct
    )
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
        var reports = await db
            .UnitReports.AsNoTracking()
            .Where(r => r.RoundId == roundId)
            .Join(db.Units, r => r.UnitId, u => u.Id, (r, u) => new { Report = r, Unit = u })
            .OrderBy(x => x.Unit.Code)
            .ToListAsync(ct);
        var officer = Staff(province, Role.Officer, "Văn phòng Ban Tuyên giáo và Dân vận Tỉnh ủy");
        var leader = Staff(province, Role.Leader, "Phó Trưởng ban Tuyên giáo và Dân vận Tỉnh ủy");
        var communes = reports.Where(x => x.Report.ParentReportId is not null).ToList();
        var i = 0;
        foreach (var x in communes)
        {
            i++;
            var code = x.Unit.Code;
            var late = back > 1 && i % 9 == 4;
            // Two months ago a few never sent theirs; last month only Tiên Du has not (its officer is writing).
            var missing = back == 2 ? i % 11 == 6 && code != KinhBac : back == 1 && code == TienDu;
            if (missing)
            {
                if (i % 2 == 0 && code != TienDu)
                {
                    await WriteAsync(db, L, clock, x.Unit, x.Report.Id, round.To.AddDays(3), back, ct);
                }

                continue;
            }

            var writer = Staff(x.Unit, Role.Officer, "Văn phòng Đảng ủy " + x.Unit.Name);
            var day =
                back == 1 ? Min(round.To.AddDays(1 + (i % 4)), today.AddDays(-1))
                : late ? round.DueOn.AddDays(2 + (i % 5))
                : round.DueOn.AddDays(-(i % 12));
            await WriteAsync(db, L, clock, x.Unit, x.Report.Id, day.AddDays(-1), back, ct);
            await StepAsync(db, statistics, L, clock, writer, x.Report.Id, ReportAction.Submit, null, At(day, 10), ct);
            // Last month's: a few still wait for the province's review.
            if (back == 1 && i % 40 == 7)
            {
                continue;
            }

            if (code == KinhBac && back == 2)
            {
                await StepAsync(
                    db,
                    statistics,
                    L,
                    clock,
                    officer,
                    x.Report.Id,
                    ReportAction.Return,
                    "Đề nghị bổ sung số liệu và kết quả cụ thể của mô hình “Dân vận khéo” trên địa bàn phường; nêu rõ số kiến nghị còn quá hạn và nguyên nhân.",
                    At(day.AddDays(1), 15),
                    ct
                );
                continue;
            }

            await StepAsync(
                db,
                statistics,
                L,
                clock,
                officer,
                x.Report.Id,
                ReportAction.Approve,
                null,
                At(Min(day.AddDays(2), today), 8),
                ct
            );
        }

        var top = reports.Single(x => x.Report.ParentReportId is null);
        if (back == 3)
        {
            var day = round.DueOn.AddDays(2);
            await WriteAsync(db, L, clock, province, top.Report.Id, day, back, ct);
            await StepAsync(
                db,
                statistics,
                L,
                clock,
                officer,
                top.Report.Id,
                ReportAction.Submit,
                null,
                At(day, 14),
                ct
            );
            await StepAsync(
                db,
                statistics,
                L,
                clock,
                leader,
                top.Report.Id,
                ReportAction.Approve,
                null,
                At(day.AddDays(1), 9),
                ct
            );
        }
        else if (back == 2)
        {
            await WriteAsync(db, L, clock, province, top.Report.Id, round.DueOn, back, ct);
        }
    }

    private static async Task WriteAsync(
        DanVanDbContext db,
        IStringLocalizer<SharedResource> L,
        DemoClock clock,
        Unit unit,
        int reportId,
        DateOnly day,
        int back,
        CancellationToken ct
    )
    {
        clock.Now = At(day, 16);
        var writer = Staff(unit, Role.Officer, "Văn phòng " + unit.Name);
        db.Actor = writer;
        var report = await db.UnitReports.AsNoTracking().SingleAsync(r => r.Id == reportId, ct);
        var sections = await db
            .ReportSections.AsNoTracking()
            .Where(s => s.ReportId == reportId)
            .OrderBy(s => s.Order)
            .ToListAsync(ct);
        var input = ReportInput.From(report, sections);
        input.SignerName = Signer(unit.Code);
        foreach (var section in input.Sections)
        {
            section.Text = Narrative(section.Key, unit, back);
        }

        var saved = await new SaveReport(db, writer, L).HandleAsync(reportId, input, ct);
        if (!saved.IsOk)
        {
            throw new InvalidOperationException($"Demo report {reportId}: {saved.Error!.Message}");
        }

        db.ChangeTracker.Clear();
    }

    private static async Task StepAsync(
        DanVanDbContext db,
        ReadStatistics statistics,
        IStringLocalizer<SharedResource> L,
        DemoClock clock,
        CurrentUser user,
        int reportId,
        ReportAction action,
        string? reason,
        DateTimeOffset at,
        CancellationToken ct
    )
    {
        clock.Now = at;
        db.Actor = user;
        var version = await db.UnitReports.Where(r => r.Id == reportId).Select(r => r.Version).SingleAsync(ct);
        var done = await new TransitionReport(db, statistics, user, clock, L).HandleAsync(
            reportId,
            new ReportStepInput
            {
                Action = action,
                Version = version,
                Reason = reason,
            },
            ct
        );
        if (!done.IsOk)
        {
            throw new InvalidOperationException($"Demo report {reportId} {action}: {done.Error!.Message}");
        }

        db.ChangeTracker.Clear();
    }

    private static readonly string[] Signers =
    [
        "Nguyễn Văn Hùng",
        "Trần Thị Lan",
        "Lê Minh Tuấn",
        "Phạm Thị Hương",
        "Hoàng Văn Nam",
        "Đỗ Thị Thu",
    ];

    private static string Signer(string code) => Signers[code.Sum(c => c) % Signers.Length];

    /// <summary>SYNTHETIC narrative, plausible for the section, naming the unit.</summary>
    private static string? Narrative(string key, Unit unit, int back) =>
        key switch
        {
            "leadership" =>
                $"Cấp ủy {unit.Name} tiếp tục lãnh đạo, chỉ đạo thực hiện Quy chế công tác dân vận của hệ thống chính trị; ban hành kế hoạch thực hiện chủ đề năm “Dân vận chính quyền”.\n- Tổ chức quán triệt các văn bản chỉ đạo của cấp trên đến chi bộ, thôn, tổ dân phố.\n- Phân công cán bộ, đảng viên phụ trách địa bàn, nắm tình hình Nhân dân.",
            "models" => back == 1
                ? null
                : "Các mô hình “Dân vận khéo” tiếp tục được duy trì, nhân rộng; tiêu biểu là mô hình vận động Nhân dân hiến đất mở rộng đường giao thông nông thôn và mô hình “Tổ tự quản an ninh trật tự”.",
            "campaigns" =>
                "Hưởng ứng phong trào vận động Nhân dân hiến đất, giải phóng mặt bằng tuyến Vành đai 4; các thôn tổ chức họp dân, tuyên truyền đến từng hộ gia đình.",
            "dialogues" =>
                "Người đứng đầu cấp ủy, chính quyền tiếp công dân định kỳ theo quy định; tổ chức đối thoại với Nhân dân về công tác giải phóng mặt bằng, bồi thường, hỗ trợ tái định cư.",
            "petitions" =>
                "Các kiến nghị của Nhân dân được tiếp nhận, phân loại và chuyển cơ quan có thẩm quyền giải quyết; một số kiến nghị về đất đai còn chậm do phải xác minh nguồn gốc đất.",
            "assessment" =>
                "Ưu điểm: công tác dân vận được cấp ủy quan tâm, phối hợp giữa chính quyền với Mặt trận Tổ quốc và các đoàn thể chặt chẽ.\nHạn chế: một số mô hình chưa có kết quả đo đếm cụ thể; việc cập nhật số liệu ở một số thôn còn chậm.",
            "next" =>
                "- Tiếp tục vận động Nhân dân ủng hộ giải phóng mặt bằng các công trình trọng điểm.\n- Duy trì tiếp công dân định kỳ và đối thoại trực tiếp với Nhân dân.\n- Đăng ký, xây dựng mô hình “Dân vận khéo” năm sau.",
            "proposals" => back == 2 && unit.Level == UnitLevel.Commune
                ? "Đề nghị cấp trên tổ chức tập huấn nghiệp vụ công tác dân vận cho cán bộ cơ sở."
                : null,
            _ => null,
        };
}
