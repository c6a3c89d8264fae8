using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;

namespace DanVan.Bench.Generate;

internal sealed partial class NationalData
{
    /// <summary>Cadre records per commune: the Party committee's mass-mobilization staff and the Front's.</summary>
    public const int CadresPerCommune = 8;

    /// <summary>Cadre records per province: the Ban Tuyên giáo và Dân vận's staff.</summary>
    public const int CadresPerProvince = 20;

    /// <summary>The plan's years with a quota per unit (2025–2030).</summary>
    public const int QuotaYears = StaffingQuota.LastYear - StaffingQuota.FirstYear + 1;

    /// <summary>The province commission's posts, with the political-theory level usual for each.</summary>
    private static readonly (CadrePost Post, int Count, TheoryLevel Theory)[] CommissionPosts =
    [
        (CadrePost.Head, 1, TheoryLevel.Advanced),
        (CadrePost.StandingDeputy, 1, TheoryLevel.Advanced),
        (CadrePost.Deputy, 2, TheoryLevel.Advanced),
        (CadrePost.OfficeChief, 1, TheoryLevel.Advanced),
        (CadrePost.DepartmentHead, 3, TheoryLevel.Advanced),
        (CadrePost.DepartmentDeputy, 3, TheoryLevel.Intermediate),
        (CadrePost.PrincipalSpecialist, 4, TheoryLevel.Intermediate),
        (CadrePost.Specialist, 5, TheoryLevel.Elementary),
    ];

    /// <summary>A commune's posts: the Party committee's staff (a deputy head, a principal specialist, three
    /// specialists) and the Front's (a standing deputy, two specialists).</summary>
    private static readonly (CadrePost Post, OrganizationType Body)[] CommunePosts =
    [
        (CadrePost.Deputy, OrganizationType.PartyCommittee),
        (CadrePost.PrincipalSpecialist, OrganizationType.PartyCommittee),
        (CadrePost.Specialist, OrganizationType.PartyCommittee),
        (CadrePost.Specialist, OrganizationType.PartyCommittee),
        (CadrePost.Specialist, OrganizationType.PartyCommittee),
        (CadrePost.StandingDeputy, OrganizationType.FatherlandFront),
        (CadrePost.Specialist, OrganizationType.FatherlandFront),
        (CadrePost.Specialist, OrganizationType.FatherlandFront),
    ];

    /// <summary>
    /// Every responsibility assignment written (whole units and groups), in the order written. Kept for the steps that
    /// derive rows from the assignments after they are written: a unit's holdings are the union of its whole-unit
    /// intervals (<c>GroupName == null</c>), per unit.
    /// </summary>
    private readonly List<Responsibility> responsibilities = [];

    /// <summary>The generated personnel officer's account of each unit (the country, provinces, communes).</summary>
    private readonly Dictionary<int, int> personnelOfficerOf = [];

    /// <summary>
    /// Personnel (ADR-0031): each province's commission (<see cref="CadresPerProvince"/> cadres) and each commune's
    /// staff (<see cref="CadresPerCommune"/>), every cadre with a full-time post in an organization of their unit since
    /// the merger or soon after (theory level stamped on each post, as the record's handler keeps it); some promoted
    /// within their body (an ended post before the current one), some deputies also sitting part-time on the Front, some
    /// specialists transferred to the next commune this year (their record follows the new post) and some retired (the
    /// post ended, the record left with its unit). Quotas for every unit and year of the plan, some under the staff and
    /// many over it. Then the responsibilities (<see cref="WriteResponsibilitiesAsync"/>).
    /// </summary>
    private async Task WritePersonnelAsync(CancellationToken ct)
    {
        var cadreId = 0;
        var postId = 0;
        var year = new DateOnly(Today.Year, 1, 1);
        var cadresOf = new Dictionary<int, List<(Cadre Cadre, CadrePost Post)>>();
        var retired = new HashSet<int>();
        foreach (var province in provinces)
        {
            var cadres = new List<Cadre>();
            var posts = new List<CadrePosition>();
            var commission = BodyOf(province, OrganizationType.PropagandaMobilizationCommission);
            var held = new List<(Cadre, CadrePost)>();
            foreach (var (post, count, theory) in CommissionPosts)
            {
                for (var i = 0; i < count; i++)
                {
                    var rng = Rng.For(seed, 50, cadreId + 1);
                    var level = rng.Below(6) == 0 ? theory + 1 : theory;
                    var cadre = NewCadre(ref rng, ++cadreId, province, level, post <= CadrePost.Deputy ? 45 : 26);
                    var start = rng.Below(5) == 0 ? DayBetween(ref rng, Start, Today.AddDays(-60)) : Start;
                    AddPosts(ref rng, cadre, province, commission, post, start, posts, ref postId);
                    cadres.Add(cadre);
                    held.Add((cadre, post));
                }
            }

            cadresOf[province.Id] = held;
            var inProvince = communes.Where(c => c.ProvinceId == province.Id).ToList();
            foreach (var commune in inProvince)
            {
                var list = new List<(Cadre, CadrePost)>();
                foreach (var (post, type) in CommunePosts)
                {
                    var rng = Rng.For(seed, 50, cadreId + 1);
                    var theory = rng.Below(10) switch
                    {
                        0 => TheoryLevel.None,
                        1 or 2 or 3 => TheoryLevel.Elementary,
                        9 => TheoryLevel.Advanced,
                        _ => TheoryLevel.Intermediate,
                    };
                    if (post is CadrePost.Deputy or CadrePost.StandingDeputy && theory < TheoryLevel.Intermediate)
                    {
                        theory = TheoryLevel.Intermediate;
                    }

                    var cadre = NewCadre(ref rng, ++cadreId, commune, theory, post == CadrePost.Specialist ? 24 : 32);
                    var start = Start.AddDays(rng.Below(90));
                    AddPosts(ref rng, cadre, commune, BodyOf(commune, type), post, start, posts, ref postId);
                    if (post == CadrePost.Deputy && rng.Below(3) == 0)
                    {
                        // The deputy also sits, part-time, on the Front's committee: counted nowhere.
                        posts.Add(
                            NewPost(
                                ref rng,
                                ++postId,
                                cadre,
                                commune,
                                BodyOf(commune, OrganizationType.FatherlandFront),
                                CadrePost.Deputy,
                                start.AddMonths(3),
                                fullTime: false
                            )
                        );
                    }

                    cadres.Add(cadre);
                    list.Add((cadre, post));
                }

                cadresOf[commune.Id] = list;
            }

            // This year's moves: a specialist of the Party committee goes to the next commune's (the record follows the
            // new post), another retires (the post ends, the record stays with its unit).
            foreach (var (commune, ci) in inProvince.Select((c, i) => (c, i)))
            {
                foreach (var (cadre, post) in cadresOf[commune.Id].ToList())
                {
                    var rng = Rng.For(seed, 51, cadre.Id);
                    var current = posts.Last(p => p.CadreId == cadre.Id && p.FullTime);
                    // Once a year at most: a cadre who moved in this year stays.
                    if (
                        post != CadrePost.Specialist
                        || current.UnitId != commune.Id
                        || current.EndOn is not null
                        || current.StartOn >= year
                    )
                    {
                        continue;
                    }

                    var day = DayBetween(ref rng, year.AddMonths(1), Today.AddDays(-1));
                    var roll = rng.Below(100);
                    if (
                        roll < 4
                        && inProvince.Count > 1
                        && current.OrganizationId == BodyOf(commune, OrganizationType.PartyCommittee)
                    )
                    {
                        var to = inProvince[(ci + 1) % inProvince.Count];
                        current.EndOn = day.AddDays(-1);
                        posts.Add(
                            NewPost(
                                ref rng,
                                ++postId,
                                cadre,
                                to,
                                BodyOf(to, OrganizationType.PartyCommittee),
                                CadrePost.Specialist,
                                day,
                                fullTime: true
                            )
                        );
                        Stamp(cadre, to);
                        cadre.UnitLevel = to.Level;
                        cadresOf[commune.Id].RemoveAll(c => c.Cadre.Id == cadre.Id);
                        cadresOf[to.Id].Add((cadre, post));
                    }
                    else if (roll < 7)
                    {
                        current.EndOn = day;
                        retired.Add(cadre.Id);
                    }
                }
            }

            await writer.WriteAsync(cadres, ct);
            await writer.WriteAsync(posts, ct);
        }

        await WriteQuotasAsync(ct);
        // Holders are cadres in post: the retired hold nothing.
        foreach (var list in cadresOf.Values)
        {
            list.RemoveAll(c => retired.Contains(c.Cadre.Id));
        }

        await WriteResponsibilitiesAsync(cadresOf, ct);
    }

    /// <summary>The plan's quotas: a province's commission 20–22, a commune 7–9 (six in ten at 8), one more from 2028
    /// for a unit in four; 70 % at intermediate theory or above for a province, 60 % for a commune.</summary>
    private Task WriteQuotasAsync(CancellationToken ct)
    {
        var id = 0;
        var rows = new List<StaffingQuota>();
        foreach (var unit in provinces.Concat(communes))
        {
            var rng = Rng.For(seed, 52, unit.Id);
            var province = unit.Level == UnitLevel.Province;
            var quota = province
                ? CadresPerProvince + rng.Below(3)
                : rng.Below(10) switch
                {
                    < 6 => CadresPerCommune,
                    < 9 => CadresPerCommune + 1,
                    _ => CadresPerCommune - 1,
                };
            var grows = rng.Below(4) == 0;
            for (var y = StaffingQuota.FirstYear; y <= StaffingQuota.LastYear; y++)
            {
                var row = new StaffingQuota
                {
                    Id = ++id,
                    UnitLevel = unit.Level,
                    Year = y,
                    Quota = quota + (grows && y >= 2028 ? 1 : 0),
                    MinTheoryShare = province ? 70 : 60,
                };
                Stamp(row, unit);
                rows.Add(row);
            }
        }

        return writer.WriteAsync(rows, ct);
    }

    private static readonly OrganizationType[] VillageHolders =
    [
        OrganizationType.FatherlandFront,
        OrganizationType.FatherlandFront,
        OrganizationType.FatherlandFront,
        OrganizationType.WomensUnion,
        OrganizationType.YouthUnion,
        OrganizationType.FarmersAssociation,
        OrganizationType.VeteransAssociation,
    ];

    private static readonly string[] VisitsDone =
    [
        "Dự sinh hoạt chi bộ, nắm tình hình tư tưởng cán bộ, đảng viên",
        "Đối thoại với hộ dân về giải phóng mặt bằng",
        "Kiểm tra mô hình \"Dân vận khéo\", gặp tổ tự quản",
        "Dự hội nghị giao ban công tác dân vận quý",
        "Thăm hộ nghèo, gia đình chính sách",
        "Nắm tình hình thực hiện quy chế dân chủ ở cơ sở",
    ];

    private static readonly string[] VisitIssues =
    [
        "Người dân đề nghị sớm chi trả tiền bồi thường",
        "Đường ngõ xóm xuống cấp sau mùa mưa",
        "Cần thêm kinh phí cho hoạt động của tổ hòa giải",
        "Ô nhiễm từ cụm công nghiệp làng nghề",
    ];

    /// <summary>
    /// "The province holds the commune, the commune holds the people": each commune is held by a cadre of its province's
    /// commission (nine in ten; some handed over this year from one cadre to another, some ended and not renewed), each
    /// village by a body of its commune (mostly the Front, else a union) or a cadre of its commune (about 85 %; some
    /// ended), a village in twenty also by a second, overlapping holder, and a village in twelve has a group inside it
    /// held by a union (which does not hold the village). Seven holdings in ten reported within the last weeks, some long
    /// ago, some never; each report is a visit row whose latest day is the holding's <c>LastVisitOn</c>, filed by the
    /// personnel officer over the unit.
    /// </summary>
    private async Task WriteResponsibilitiesAsync(
        Dictionary<int, List<(Cadre Cadre, CadrePost Post)>> cadresOf,
        CancellationToken ct
    )
    {
        var visitId = 0;
        foreach (var province in provinces)
        {
            var rows = new List<Responsibility>();
            var visits = new List<ResponsibilityVisit>();

            void Hold(Unit unit, int? cadre, int? body, DateOnly from, DateOnly? to, string? group, ref Rng rng)
            {
                var row = new Responsibility
                {
                    Id = responsibilities.Count + 1,
                    UnitLevel = unit.Level,
                    GroupName = group,
                    HolderCadreId = cadre,
                    HolderOrganizationId = body,
                    FromOn = from,
                    ToOn = to,
                    Note =
                        unit.Level == UnitLevel.Commune
                            ? "Nắm tình hình, dự sinh hoạt chi bộ và hội nghị của xã"
                            : "Nắm tình hình nhân dân, dự sinh hoạt khu dân cư",
                };
                Stamp(row, unit);
                var last = rng.Below(100) switch
                {
                    < 70 => Today.AddDays(-rng.Between(1, 25)),
                    < 85 => Today.AddDays(-rng.Between(35, 150)),
                    _ => (DateOnly?)null,
                };
                if (last is { } l && to is { } end && l > end)
                {
                    last = end.AddDays(-rng.Below(20));
                }

                if (last is { } first && first >= from)
                {
                    var filer = personnelOfficerOf[unit.ParentId ?? root.Id];
                    var count = 1 + rng.Below(3);
                    for (var k = 0; k < count; k++)
                    {
                        var day = k == 0 ? first : first.AddDays(-k * rng.Between(10, 40));
                        if (day < from)
                        {
                            break;
                        }

                        var visit = new ResponsibilityVisit
                        {
                            Id = ++visitId,
                            ResponsibilityId = row.Id,
                            UnitLevel = unit.Level,
                            VisitedOn = day,
                            Done = VisitsDone[rng.Below(VisitsDone.Length)],
                            Issues = rng.Below(4) == 0 ? VisitIssues[rng.Below(VisitIssues.Length)] : null,
                            FiledById = filer,
                        };
                        Stamp(visit, unit);
                        visits.Add(visit);
                    }

                    row.LastVisitOn = first;
                }

                responsibilities.Add(row);
                rows.Add(row);
            }

            // The commission's cadres below its heads hold the communes, in turn.
            var holders = cadresOf[province.Id]
                .Where(c => c.Post > CadrePost.StandingDeputy)
                .Select(c => c.Cadre.Id)
                .ToList();
            var inProvince = communes.Where(c => c.ProvinceId == province.Id).ToList();
            foreach (var (commune, n) in inProvince.Select((c, n) => (c, n)))
            {
                var rng = Rng.For(seed, 53, commune.Id);
                var roll = rng.Below(100);
                var from = Start.AddDays(rng.Below(60));
                var holder = holders[n % holders.Count];
                var next = holders[(n + 1) % holders.Count];
                if (roll < 8)
                {
                    continue; // held by nobody
                }

                if (roll < 12)
                {
                    Hold(
                        commune,
                        holder,
                        null,
                        from,
                        DayBetween(ref rng, from.AddDays(60), Today.AddDays(-10)),
                        null,
                        ref rng
                    );
                }
                else if (roll < 18 && next != holder)
                {
                    var handover = DayBetween(ref rng, new DateOnly(Today.Year, 1, 1), Today.AddDays(-20));
                    Hold(commune, holder, null, from, handover.AddDays(-1), null, ref rng);
                    Hold(commune, next, null, handover, null, null, ref rng);
                }
                else
                {
                    Hold(commune, holder, null, from, null, null, ref rng);
                }
            }

            foreach (var commune in inProvince)
            {
                var staff = cadresOf[commune.Id].Select(c => c.Cadre.Id).ToList();
                foreach (var (village, vi) in villagesOf[commune.Id].Select((v, i) => (v, i)))
                {
                    var rng = Rng.For(seed, 54, village.Id);
                    var roll = rng.Below(100);
                    var from = new DateOnly(2025, 9, 1).AddDays(rng.Below(90));
                    var body = BodyOf(commune, VillageHolders[rng.Below(VillageHolders.Length)]);
                    int? cadre = staff.Count > 0 ? staff[vi % staff.Count] : null;
                    if (roll < 3)
                    {
                        Hold(
                            village,
                            null,
                            body,
                            from,
                            DayBetween(ref rng, from.AddDays(30), Today.AddDays(-5)),
                            null,
                            ref rng
                        );
                    }
                    else if (roll < 18)
                    {
                        Hold(village, cadre, cadre is null ? body : null, from, null, null, ref rng);
                    }
                    else if (roll >= 30)
                    {
                        Hold(village, null, body, from, null, null, ref rng);
                        if (cadre is not null && rng.Below(20) == 0)
                        {
                            // A second holder beside the body for a while (or still).
                            var also = DayBetween(ref rng, from.AddDays(30), Today.AddDays(-30));
                            Hold(
                                village,
                                cadre,
                                null,
                                also,
                                rng.Chance(0.5) ? null : also.AddDays(rng.Between(20, 90)),
                                null,
                                ref rng
                            );
                        }
                    }

                    // roll 18–29: held by nobody (a group inside it may still be held).
                    if (rng.Below(12) == 0)
                    {
                        var women = rng.Chance(0.5);
                        Hold(
                            village,
                            null,
                            BodyOf(commune, women ? OrganizationType.WomensUnion : OrganizationType.FarmersAssociation),
                            from.AddDays(rng.Below(60)),
                            null,
                            women ? $"Chi hội Phụ nữ {village.Name}" : $"Các hộ số 1–20 {village.Name}",
                            ref rng
                        );
                    }
                }
            }

            await writer.WriteAsync(rows, ct);
            await writer.WriteAsync(visits, ct);
        }
    }

    /// <summary>The organization of a type of a unit (the first one, for the agencies).</summary>
    private int BodyOf(Unit unit, OrganizationType type)
    {
        var list = unit.Level == UnitLevel.Province ? ProvinceOrganizations : CommuneOrganizations;
        return organizationsOf[unit.Id][Array.FindIndex(list, o => o.Type == type)];
    }

    private static readonly string[] FamilyNames =
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Phan",
        "Vũ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
    ];

    private static readonly string[] MaleNames =
    [
        "Văn An",
        "Hữu Bình",
        "Đức Cường",
        "Văn Dũng",
        "Minh Hải",
        "Quang Hùng",
        "Công Khánh",
        "Văn Long",
        "Hoài Nam",
        "Thanh Phong",
        "Minh Quân",
        "Ngọc Sơn",
        "Đức Thắng",
        "Anh Tuấn",
        "Quốc Việt",
    ];

    private static readonly string[] FemaleNames =
    [
        "Thị Anh",
        "Thu Chi",
        "Thị Dung",
        "Thu Hà",
        "Thị Hạnh",
        "Thị Hoa",
        "Thu Hương",
        "Ngọc Lan",
        "Thùy Linh",
        "Thị Mai",
        "Thị Nga",
        "Minh Phương",
        "Phương Thảo",
        "Thu Trang",
        "Hải Yến",
    ];

    private static readonly string[] Ethnicities =
    [
        "Kinh",
        "Kinh",
        "Kinh",
        "Kinh",
        "Kinh",
        "Kinh",
        "Tày",
        "Thái",
        "Mường",
        "Khmer",
        "H'Mông",
    ];

    private static readonly string[] Degrees =
    [
        "Luật",
        "Quản lý nhà nước",
        "Xây dựng Đảng và chính quyền nhà nước",
        "Công tác xã hội",
        "Kinh tế",
        "Chính trị học",
    ];

    /// <summary>A person of <paramref name="minAge"/> to 58 recorded at <paramref name="unit"/>: name, birth, Party
    /// entry between the 18th birthday and last year, qualifications; the search text by the app's own normalization.</summary>
    private static Cadre NewCadre(ref Rng rng, int id, Unit unit, TheoryLevel theory, int minAge)
    {
        var female = rng.Below(100) < 45;
        var name = $"{FamilyNames[rng.Below(FamilyNames.Length)]} {(female ? FemaleNames : MaleNames)[rng.Below(15)]}";
        var age = rng.Between(minAge, 58);
        var birth = Today.AddYears(-age).AddDays(-rng.Below(365));
        var cadre = new Cadre
        {
            Id = id,
            UnitLevel = unit.Level,
            FullName = name,
            BirthDate = birth,
            Sex = female ? Sex.Female : Sex.Male,
            Ethnicity = Ethnicities[rng.Below(Ethnicities.Length)],
            PartyEntryDate =
                theory == TheoryLevel.None && rng.Chance(0.5)
                    ? null
                    : birth.AddYears(18 + rng.Below(Math.Max(1, age - 19))).AddDays(rng.Below(300)),
            Phone = $"09{rng.Below(100_000_000):00000000}",
            TheoryLevel = theory,
            ProfessionalLevel = rng.Below(10) switch
            {
                0 => ProfessionalLevel.College,
                1 or 2 => ProfessionalLevel.Master,
                _ => ProfessionalLevel.University,
            },
            Degree = Degrees[rng.Below(Degrees.Length)],
            CivilServiceGrade = theory >= TheoryLevel.Advanced ? "Chuyên viên chính" : "Chuyên viên",
            Awards = rng.Below(4) == 0 ? $"Bằng khen của Ủy ban nhân dân tỉnh năm {2022 + rng.Below(4)}" : null,
            Discipline = rng.Below(50) == 0 ? "Khiển trách năm 2024" : null,
            CreatedAt = Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
        cadre.SearchText = TextSearch.Normalize(cadre.FullName);
        Stamp(cadre, unit);
        return cadre;
    }

    /// <summary>The cadre's full-time post from <paramref name="start"/>; for some a lower post in the same body before
    /// it (a promotion within the body: one full-time post at a time).</summary>
    private static void AddPosts(
        ref Rng rng,
        Cadre cadre,
        Unit unit,
        int body,
        CadrePost post,
        DateOnly start,
        List<CadrePosition> posts,
        ref int postId
    )
    {
        if (
            post is CadrePost.PrincipalSpecialist or CadrePost.DepartmentDeputy
            && start.AddDays(150) < Today
            && rng.Below(5) == 0
        )
        {
            var promoted = DayBetween(ref rng, start.AddDays(90), Today.AddDays(-30));
            var before = NewPost(ref rng, ++postId, cadre, unit, body, CadrePost.Specialist, start, fullTime: true);
            before.EndOn = promoted.AddDays(-1);
            posts.Add(before);
            start = promoted;
        }

        posts.Add(NewPost(ref rng, ++postId, cadre, unit, body, post, start, fullTime: true));
    }

    /// <summary>A post as <c>SaveCadrePosition</c> writes it: the unit's ancestors, the body, the decision, and the
    /// cadre's theory level stamped on it.</summary>
    private static CadrePosition NewPost(
        ref Rng rng,
        int id,
        Cadre cadre,
        Unit unit,
        int body,
        CadrePost post,
        DateOnly start,
        bool fullTime
    )
    {
        var row = new CadrePosition
        {
            Id = id,
            CadreId = cadre.Id,
            UnitLevel = unit.Level,
            OrganizationId = body,
            Post = post,
            FullTime = fullTime,
            StartOn = start,
            DecisionNumber = $"{rng.Between(10, 999)}-QĐ/{(unit.Level == UnitLevel.Province ? "TU" : "ĐU")}",
            DecisionDate = start.AddDays(-rng.Between(3, 20)),
            CadreTheory = cadre.TheoryLevel,
        };
        Stamp(row, unit);
        return row;
    }

    /// <summary>The units' holdings, derived from the responsibilities as the app derives them
    /// (<see cref="HeldUnits.Union"/> of each unit's whole-unit assignments), before the summary rows are computed.</summary>
    private Task WriteHoldingsAsync(CancellationToken ct)
    {
        var rows = new List<UnitHolding>();
        foreach (var unit in responsibilities.Where(r => r.GroupName == null).GroupBy(r => r.UnitId))
        {
            var place = unit.First();
            foreach (var (from, to) in HeldUnits.Union(unit.Select(r => (r.FromOn, r.ToOn))))
            {
                var row = new UnitHolding
                {
                    Id = rows.Count + 1,
                    UnitLevel = place.UnitLevel,
                    FromOn = from,
                    ToOn = to,
                };
                place.Ref.StampOnto(row);
                rows.Add(row);
            }
        }

        return writer.WriteAsync(rows, ct);
    }
}
