using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static DanVan.Demo.DemoActors;

namespace DanVan.Demo;

/// <summary>
/// The province's work program of the current year, walked through the app's own handlers at the days it would have
/// happened: drafted with its bases and eight items in early January, approved by the Standing Committee and published;
/// then each commune's concretization. Most communes approved and published theirs in January or February, each item
/// implementing one of the province's, with progress through the year (some items done, some late); a few are still
/// drafts or wait for their committee, and some never concretized the program — so the coverage matrix and the alerts
/// have something to say. Phường Kinh Bắc's is approved and published; Xã Tiên Du's is a draft. SYNTHETIC. Skipped when
/// the province has a program.
/// </summary>
internal static class DemoPrograms
{
    private const string KinhBac = "09187";
    private const string TienDu = "09319";

    private static readonly (
        string Task,
        string Lead,
        string Coordinating,
        int? Month,
        int? Quarter,
        string Output
    )[] Items =
    [
        (
            "Quán triệt, triển khai Quy chế công tác dân vận của hệ thống chính trị đến cán bộ, đảng viên",
            "Ban Tuyên giáo và Dân vận",
            "Các cấp ủy trực thuộc",
            3,
            null,
            "Hội nghị quán triệt; báo cáo kết quả"
        ),
        (
            "Tổ chức phong trào thi đua “Dân vận khéo” gắn với nhiệm vụ chính trị của địa phương",
            "Ban Tuyên giáo và Dân vận",
            "Mặt trận Tổ quốc và các đoàn thể",
            null,
            2,
            "Kế hoạch thi đua; danh sách mô hình đăng ký"
        ),
        (
            "Đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
            "Ủy ban nhân dân",
            "Ban Tuyên giáo và Dân vận; Mặt trận Tổ quốc",
            6,
            null,
            "Thông báo kết quả đối thoại"
        ),
        (
            "Nâng cao chất lượng công tác dân vận chính quyền, cải cách thủ tục hành chính",
            "Ủy ban nhân dân",
            "Các cơ quan chuyên môn",
            null,
            3,
            "Báo cáo đánh giá chỉ số hài lòng"
        ),
        (
            "Vận động Nhân dân tham gia giải phóng mặt bằng các dự án trọng điểm",
            "Ủy ban nhân dân",
            "Mặt trận Tổ quốc; Hội Nông dân",
            9,
            null,
            "Tiến độ bàn giao mặt bằng"
        ),
        (
            "Kiểm tra, giám sát việc thực hiện Quy chế dân chủ ở cơ sở",
            "Ủy ban kiểm tra",
            "Ban Tuyên giáo và Dân vận",
            null,
            4,
            "Thông báo kết luận kiểm tra"
        ),
        (
            "Tổng kết, biểu dương, nhân rộng các mô hình “Dân vận khéo” tiêu biểu",
            "Ban Tuyên giáo và Dân vận",
            "Mặt trận Tổ quốc và các đoàn thể",
            11,
            null,
            "Hội nghị tổng kết; quyết định khen thưởng"
        ),
        (
            "Nắm bắt tình hình tư tưởng, tâm trạng của Nhân dân, báo cáo định kỳ",
            "Ban Tuyên giáo và Dân vận",
            "Mặt trận Tổ quốc; Công an",
            null,
            null,
            "Báo cáo hằng tháng"
        ),
    ];

    public static async Task<int> SeedAsync(
        DanVanDbContext db,
        IStringLocalizer<SharedResource> L,
        Unit province,
        DateOnly today,
        CancellationToken ct
    )
    {
        if (await db.WorkPrograms.AnyAsync(p => p.UnitId == province.Id, ct))
        {
            return 0;
        }

        var year = today.Year;
        var clock = new DemoClock(At(new DateOnly(year, 1, 5), 9));
        var officer = Staff(province, Role.Officer, "Văn phòng Ban Tuyên giáo và Dân vận Tỉnh ủy");
        var leader = Staff(province, Role.Leader, "Phó Bí thư Thường trực Tỉnh ủy");
        var provinceName = ReportName(province.Name);
        var provinceId = await CreateAsync(
            db,
            L,
            clock,
            officer,
            province,
            year,
            $"Chương trình công tác dân vận năm {year} của Tỉnh ủy {provinceName}",
            null,
            [
                new BasisInput
                {
                    Number = "Quyết định số 23-QĐ/TW",
                    IssuedOn = new DateOnly(2021, 7, 30),
                    Issuer = "Bộ Chính trị",
                    Title = "ban hành Quy chế công tác dân vận của hệ thống chính trị",
                },
                new BasisInput
                {
                    Number = "Kết luận số 114-KL/TW",
                    IssuedOn = new DateOnly(2021, 7, 14),
                    Issuer = "Ban Bí thư",
                    Title = "về nâng cao chất lượng, hiệu quả công tác dân vận của Đảng, Nhà nước",
                },
            ],
            ct
        );
        var provinceItems = new List<int>();
        foreach (var item in Items)
        {
            provinceItems.Add(
                await AddItemAsync(
                    db,
                    L,
                    officer,
                    provinceId,
                    item.Task,
                    item.Lead,
                    item.Coordinating,
                    item.Month,
                    item.Quarter,
                    item.Output,
                    null,
                    ct
                )
            );
        }

        await StepAsync(db, L, clock, officer, provinceId, ProgramAction.Submit, At(new DateOnly(year, 1, 6), 9), ct);
        await StepAsync(
            db,
            L,
            clock,
            leader,
            provinceId,
            ProgramAction.Approve,
            At(new DateOnly(year, 1, 9), 15),
            ct,
            "125-QĐ/TU",
            "Ban Thường vụ Tỉnh ủy"
        );
        await StepAsync(db, L, clock, officer, provinceId, ProgramAction.Publish, At(new DateOnly(year, 1, 10), 8), ct);

        // The province's own progress: most items done by now, the dialogues and the land clearance still under way.
        for (var n = 0; n < Items.Length; n++)
        {
            var status = n is 2 or 4 or 7 ? ItemStatus.InProgress : ItemStatus.Done;
            var due = ProgramRules.DueOn(year, Items[n].Month, Items[n].Quarter);
            var on = Min(
                status == ItemStatus.Done ? due.AddDays(-5) : new DateOnly(year, 6, 15).AddDays(n * 9),
                today.AddDays(-1)
            );
            clock.Now = At(on, 16);
            db.Actor = officer;
            var version = await db
                .ProgramItems.Where(x => x.Id == provinceItems[n])
                .Select(x => x.Version)
                .SingleAsync(ct);
            Check(
                await new RecordItemProgress(db, officer, clock, L).HandleAsync(
                    provinceId,
                    provinceItems[n],
                    new ItemProgressInput
                    {
                        Version = version,
                        Status = status,
                        On = on,
                        Note =
                            status == ItemStatus.Done
                                ? "Đã hoàn thành; kết quả tổng hợp trong báo cáo tháng."
                                : "Đang triển khai; các xã, phường báo cáo tiến độ hằng tháng.",
                    },
                    ct
                ),
                "province progress"
            );
        }

        var communes = await db
            .Units.AsNoTracking()
            .Where(u => u.ParentId == province.Id && u.ValidTo == null)
            .OrderBy(u => u.Code)
            .ToListAsync(ct);
        var programs = 1;
        var i = 0;
        foreach (var commune in communes)
        {
            i++;
            var code = commune.Code;
            // Some never concretized the program (the alert's and the matrix's empty columns).
            if (code != KinhBac && code != TienDu && i % 10 == 9)
            {
                continue;
            }

            var writer = Staff(commune, Role.Officer, "Văn phòng Đảng ủy " + commune.Name);
            var committee = Staff(commune, Role.Leader, "Bí thư Đảng ủy " + commune.Name);
            var drafted = new DateOnly(year, 1, 12 + (i % 15));
            clock.Now = At(drafted, 9);
            var id = await CreateAsync(
                db,
                L,
                clock,
                writer,
                commune,
                year,
                $"Chương trình công tác dân vận năm {year} của Đảng ủy {commune.Name}",
                provinceId,
                [
                    new BasisInput
                    {
                        Number = "Chương trình số 125-QĐ/TU",
                        IssuedOn = new DateOnly(year, 1, 9),
                        Issuer = "Ban Thường vụ Tỉnh ủy",
                        Title = $"về công tác dân vận năm {year}",
                    },
                ],
                ct
            );
            programs++;
            // Each commune takes up five or six of the province's eight items (its own choice), and adds one of its own.
            var taken = Enumerable.Range(0, Items.Length).Where(k => (k + i) % 4 != 0 || k == 0).ToList();
            var items = new List<int>();
            foreach (var k in taken)
            {
                var it = Items[k];
                items.Add(
                    await AddItemAsync(
                        db,
                        L,
                        writer,
                        id,
                        it.Task + " trên địa bàn " + ReportName(commune.Name),
                        "Đảng ủy " + commune.Name,
                        it.Coordinating,
                        it.Month,
                        it.Quarter,
                        it.Output,
                        provinceItems[k],
                        ct
                    )
                );
            }

            await AddItemAsync(
                db,
                L,
                writer,
                id,
                "Xây dựng mô hình “Dân vận khéo” riêng của " + commune.Name,
                "Ban Dân vận Đảng ủy",
                "Các chi bộ thôn, tổ dân phố",
                null,
                3,
                "Mô hình được công nhận",
                null,
                ct
            );
            if (code == TienDu || i % 10 == 7)
            {
                continue; // still a draft
            }

            var approvedOn = i % 10 == 6 ? new DateOnly(year, 2, 20) : drafted.AddDays(4);
            await StepAsync(db, L, clock, writer, id, ProgramAction.Submit, At(approvedOn.AddDays(-2), 9), ct);
            if (code != KinhBac && i % 10 == 8)
            {
                continue; // waits for its committee
            }

            await StepAsync(
                db,
                L,
                clock,
                committee,
                id,
                ProgramAction.Approve,
                At(approvedOn, 15),
                ct,
                $"{10 + i % 80:00}-NQ/ĐU",
                "Ban Thường vụ Đảng ủy " + commune.Name
            );
            await StepAsync(db, L, clock, writer, id, ProgramAction.Publish, At(approvedOn.AddDays(1), 8), ct);
            // Progress through the year, on the items' own due days (none after today).
            for (var n = 0; n < items.Count; n++)
            {
                var k = taken[n];
                var due = ProgramRules.DueOn(year, Items[k].Month, Items[k].Quarter);
                var (status, note) = ((n + i) % 5) switch
                {
                    0 or 1 or 2 => (ItemStatus.Done, "Đã triển khai đầy đủ, có báo cáo kết quả."),
                    3 => (ItemStatus.InProgress, "Đang triển khai tại các thôn, tổ dân phố."),
                    _ => (ItemStatus.Late, "Chậm do vướng mắc trong công tác phối hợp; đề nghị lùi thời hạn."),
                };
                var on = Min(
                    status == ItemStatus.Done ? due.AddDays(-(3 + i % 10)) : approvedOn.AddDays(30 + n * 7),
                    today.AddDays(-1)
                );
                if (on < approvedOn)
                {
                    on = approvedOn.AddDays(1);
                }

                clock.Now = At(on, 16);
                db.Actor = writer;
                var version = await db.ProgramItems.Where(x => x.Id == items[n]).Select(x => x.Version).SingleAsync(ct);
                var done = await new RecordItemProgress(db, writer, clock, L).HandleAsync(
                    id,
                    items[n],
                    new ItemProgressInput
                    {
                        Version = version,
                        Status = status,
                        On = on,
                        Note = note,
                        Evidence = status == ItemStatus.Done ? $"Báo cáo số {n + 1:00}-BC/ĐU" : null,
                    },
                    ct
                );
                Check(done, $"progress {commune.Name} {n}");
            }

            db.ChangeTracker.Clear();
        }

        return programs;
    }

    private static async Task<int> CreateAsync(
        DanVanDbContext db,
        IStringLocalizer<SharedResource> L,
        DemoClock clock,
        CurrentUser user,
        Unit unit,
        int year,
        string title,
        int? parent,
        List<BasisInput> bases,
        CancellationToken ct
    )
    {
        db.Actor = user;
        var created = await new SaveProgram(db, user, clock, L).CreateAsync(
            new ProgramInput
            {
                UnitId = unit.Id,
                Year = year,
                Kind = ProgramKind.WorkProgram,
                Title = title,
                Purposes =
                    "Tiếp tục nâng cao nhận thức, trách nhiệm của cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể về công tác dân vận.\nPhát huy quyền làm chủ của Nhân dân, củng cố mối quan hệ mật thiết giữa Đảng với Nhân dân.\nCác nhiệm vụ phải cụ thể, có cơ quan chủ trì, thời gian hoàn thành và sản phẩm rõ ràng.",
                ParentProgramId = parent,
                Bases = bases,
            },
            ct
        );
        Check(created, "program " + unit.Name);
        return created.Value;
    }

    private static async Task<int> AddItemAsync(
        DanVanDbContext db,
        IStringLocalizer<SharedResource> L,
        CurrentUser user,
        int programId,
        string task,
        string lead,
        string coordinating,
        int? month,
        int? quarter,
        string output,
        int? parentItem,
        CancellationToken ct
    )
    {
        db.Actor = user;
        var added = await new SaveProgramItem(db, user, L).CreateAsync(
            programId,
            new ProgramItemInput
            {
                Task = task,
                LeadOrganization = lead,
                Coordinating = coordinating,
                DueMonth = month,
                DueQuarter = quarter,
                ExpectedOutput = output,
                ParentItemId = parentItem,
            },
            ct
        );
        Check(added, "item " + task);
        return added.Value;
    }

    private static async Task StepAsync(
        DanVanDbContext db,
        IStringLocalizer<SharedResource> L,
        DemoClock clock,
        CurrentUser user,
        int programId,
        ProgramAction action,
        DateTimeOffset at,
        CancellationToken ct,
        string? decision = null,
        string? body = null
    )
    {
        clock.Now = at;
        db.Actor = user;
        var version = await db.WorkPrograms.Where(p => p.Id == programId).Select(p => p.Version).SingleAsync(ct);
        var done = await new TransitionProgram(db, user, clock, ProgramAlertSettings.Default, L).HandleAsync(
            programId,
            new ProgramStepInput
            {
                Action = action,
                Version = version,
                DecisionNumber = decision,
                DecisionDate = decision is null ? null : DateOnly.FromDateTime(at.DateTime),
                ApprovingBody = body,
            },
            ct
        );
        Check(done, $"program {programId} {action}");
    }

    private static void Check<T>(DanVan.Web.Infrastructure.Errors.Result<T> result, string what)
    {
        if (!result.IsOk)
        {
            throw new InvalidOperationException($"Demo {what}: {result.Error!.Message}");
        }
    }

    /// <summary>"Tỉnh Bắc Ninh" → "Bắc Ninh".</summary>
    private static string ReportName(string name) =>
        DanVan.Web.Infrastructure.OfficialDocuments.DocumentHeader.BareName(name);
}
