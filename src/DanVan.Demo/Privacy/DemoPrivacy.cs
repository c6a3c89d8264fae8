using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Privacy;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using static DanVan.Demo.DemoActors;

namespace DanVan.Demo.Privacy;

/// <summary>
/// Data subjects' requests at Xã Tiên Du, each about a petitioner of the commune's own petitions, so the request's page
/// finds them: an access request whose acknowledgement is late, an erasure request acknowledged and due in a few days,
/// and an access request answered last month.
/// </summary>
internal static class DemoPrivacy
{
    public static async Task<int> SeedAsync(DanVanDbContext db, Unit province, DateOnly today, CancellationToken ct)
    {
        if (await db.DataSubjectRequests.AnyAsync(r => r.ProvinceId == province.Id, ct))
        {
            return 0;
        }

        var commune = await db
            .Units.AsNoTracking()
            .SingleOrDefaultAsync(u => u.ParentId == province.Id && u.Code == BacNinhDemo.CommuneCode, ct);
        if (commune is null)
        {
            return 0;
        }

        var petitioners = await db
            .Petitions.AsNoTracking()
            .Where(p =>
                p.HandlingUnitId == commune.Id
                && p.PetitionerIdNumber != null
                && p.PetitionerPhone != null
                && p.ErasedAt == null
            )
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.PetitionerName,
                p.PetitionerPhone,
                p.PetitionerIdNumber,
            })
            .Take(3)
            .ToListAsync(ct);
        if (petitioners.Count < 3)
        {
            return 0;
        }

        db.Actor = Staff(commune, Role.Officer, "Văn phòng Đảng ủy xã");
        var days = await new WorkingCalendar(db).AroundAsync(today, ct);
        DataSubjectRequest Request(int person, RequestKind kind, DateOnly received, string details)
        {
            var request = new DataSubjectRequest
            {
                UnitLevel = commune.Level,
                Kind = kind,
                SubjectName = petitioners[person].PetitionerName ?? "",
                SubjectPhone = petitioners[person].PetitionerPhone,
                SubjectIdNumber = petitioners[person].PetitionerIdNumber,
                Details = details,
                ReceivedOn = received,
                AcknowledgeBy = days.Add(received, PrivacyRules.AcknowledgeWorkingDays),
                DueOn = received.AddDays(PrivacyRules.HandleDays),
                CreatedAt = DateTime.UtcNow,
            };
            commune.Ref.StampOnto(request);
            return request;
        }

        var late = Request(
            0,
            RequestKind.Access,
            today.AddDays(-5),
            "Đề nghị cung cấp bản sao thông tin cá nhân mà xã đang lưu về tôi."
        );
        var erasure = Request(
            1,
            RequestKind.Erasure,
            today.AddDays(-12),
            "Đơn của tôi đã được giải quyết xong; đề nghị xóa số điện thoại và số định danh của tôi."
        );
        erasure.Status = RequestStatus.Acknowledged;
        erasure.AcknowledgedOn = erasure.ReceivedOn.AddDays(1);
        var answered = Request(2, RequestKind.Access, today.AddDays(-40), "Xin bản sao dữ liệu cá nhân.");
        answered.Status = RequestStatus.Fulfilled;
        answered.AcknowledgedOn = answered.ReceivedOn.AddDays(1);
        answered.ClosedOn = answered.ReceivedOn.AddDays(9);
        answered.Outcome = "Đã trao bản sao dữ liệu cá nhân (tệp JSON in ra giấy) tại bộ phận một cửa.";
        db.DataSubjectRequests.AddRange(late, erasure, answered);
        await db.SaveChangesAsync(ct);
        return 3;
    }
}
