using DanVan.Web.Features.Models;
using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static DanVan.Demo.DemoActors;

namespace DanVan.Demo;

/// <summary>
/// A past "Dân vận khéo" conference of the province, walked through the app's own handlers: twelve communes took part
/// (Phường Kinh Bắc and Xã Tiên Du among them), four recognized models were presented, and seven communes committed to
/// replicate one of them within three to six months. Two commitments have since become replications (one with the
/// commune's own officer, through the registry's handler), one was withdrawn, the others are pending — some past their
/// day. SYNTHETIC. Skipped when the province has a conference.
/// </summary>
internal static class DemoConferences
{
    public static async Task<int> SeedAsync(
        DanVanDbContext db,
        IStringLocalizer<SharedResource> L,
        Unit province,
        DateOnly today,
        CancellationToken ct
    )
    {
        if (await db.Conferences.AnyAsync(c => c.UnitId == province.Id, ct))
        {
            return 0;
        }

        var models = await db
            .Models.AsNoTracking()
            .Where(m =>
                m.ProvinceId == province.Id && (m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended)
            )
            .OrderBy(m => m.Id)
            .Take(4)
            .Select(m => new { m.Id, m.CommuneId })
            .ToListAsync(ct);
        if (models.Count == 0)
        {
            return 0;
        }

        var communes = await db
            .Units.AsNoTracking()
            .Where(u => u.ParentId == province.Id && u.ValidTo == null)
            .OrderBy(u => u.Code)
            .ToListAsync(ct);
        var taking = communes
            .Where(c => c.Code is "09187" or "09319")
            .Concat(communes.Where(c => c.Code is not ("09187" or "09319")).Take(10))
            .ToList();
        var held = Min(new DateOnly(today.Year, 6, 18), today.AddDays(-120));
        var clock = new DemoClock(At(held.AddDays(1), 10));
        var writer = Staff(province, Role.Officer, "Văn phòng Ban Tuyên giáo và Dân vận Tỉnh ủy");
        db.Actor = writer;
        var created = await new SaveConference(db, writer, clock, L).CreateAsync(
            new ConferenceInput
            {
                UnitId = province.Id,
                Type = ConferenceType.SkilledMobilization,
                Title = $"Hội nghị chuyên đề “Dân vận khéo” năm {held.Year}",
                HeldOn = held,
                Place = "Hội trường Tỉnh ủy",
                Agenda =
                    "Khai mạc, quán triệt mục đích, yêu cầu\nBáo cáo kết quả phong trào thi đua “Dân vận khéo” 6 tháng đầu năm\nCác điển hình báo cáo mô hình\nThảo luận, đăng ký nhân rộng mô hình\nKết luận hội nghị",
                Conclusions =
                    "Các cấp ủy tiếp tục lựa chọn mô hình phù hợp để nhân rộng; mỗi xã, phường đăng ký ít nhất một mô hình và báo cáo kết quả trước hội nghị tổng kết cuối năm.",
                ParticipantIds = [.. taking.Select(c => c.Id)],
                ModelIds = [.. models.Select(m => m.Id)],
            },
            ct
        );
        Check(created, "conference");
        var conferenceId = created.Value;

        // Seven communes commit, each to a model of another unit.
        var commitments = new List<(Unit Commune, int Id)>();
        foreach (var (commune, n) in taking.Take(7).Select((c, n) => (c, n)))
        {
            var model = models
                .Where(m => m.CommuneId != commune.Id)
                .Skip(n % Math.Max(1, models.Count - 1))
                .FirstOrDefault()
                ?? models.FirstOrDefault(m => m.CommuneId != commune.Id);
            if (model is null)
            {
                continue;
            }

            db.Actor = writer;
            var committed = await new SaveCommitment(db, writer, L).CreateAsync(
                conferenceId,
                new CommitmentInput
                {
                    UnitId = commune.Id,
                    ModelId = model.Id,
                    DueOn = held.AddDays(90 + (n * 15)),
                    Note = n % 3 == 0 ? "Triển khai thí điểm tại hai thôn trước, sau đó nhân rộng toàn xã." : null,
                },
                ct
            );
            Check(committed, "commitment " + commune.Name);
            commitments.Add((commune, committed.Value));
        }

        // Two became replications, recorded by the communes' own officers; one was withdrawn.
        foreach (var (commune, id) in commitments.Skip(1).Take(2))
        {
            var officer = Staff(commune, Role.Officer, "Văn phòng Đảng ủy " + commune.Name);
            var started = held.AddDays(40 + (commitments.FindIndex(c => c.Id == id) * 10));
            clock.Now = At(started, 15);
            db.Actor = officer;
            var organization = await db
                .Organizations.Where(o => o.UnitId == commune.Id && o.IsActive)
                .OrderBy(o => o.Id)
                .Select(o => o.Id)
                .FirstAsync(ct);
            var version = await db.ConferenceCommitments.Where(c => c.Id == id).Select(c => c.Version).SingleAsync(ct);
            var replicated = await new ReplicateCommitment(
                db,
                officer,
                clock,
                new ReplicateModel(db, officer, clock, L),
                L
            ).HandleAsync(
                conferenceId,
                id,
                new CommitmentReplicationInput
                {
                    Version = version,
                    OrganizationId = organization,
                    StartDate = started,
                    Adaptations = "Điều chỉnh cách làm cho phù hợp với điều kiện của " + commune.Name + ".",
                },
                ct
            );
            Check(replicated, "replication " + commune.Name);
        }

        if (commitments.Count > 4)
        {
            var (commune, id) = commitments[4];
            clock.Now = At(held.AddDays(60), 9);
            db.Actor = writer;
            var current = await db.ConferenceCommitments.AsNoTracking().SingleAsync(c => c.Id == id, ct);
            var withdrawn = await new SaveCommitment(db, writer, L).UpdateAsync(
                conferenceId,
                id,
                new CommitmentInput
                {
                    Version = current.Version,
                    ModelId = current.ModelId,
                    DueOn = current.DueOn,
                    Status = CommitmentStatus.Withdrawn,
                    Note = commune.Name + " đề nghị rút đăng ký do địa bàn đang thực hiện sắp xếp thôn, tổ dân phố.",
                },
                ct
            );
            Check(withdrawn, "withdrawal " + commune.Name);
        }

        db.ChangeTracker.Clear();
        return 1;
    }

    private static void Check<T>(Result<T> result, string what)
    {
        if (!result.IsOk)
        {
            throw new InvalidOperationException($"Demo {what}: {result.Error!.Message}");
        }
    }
}
