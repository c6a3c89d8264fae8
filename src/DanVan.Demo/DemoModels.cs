using DanVan.Web.Features.Models;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Demo;

/// <summary>
/// "Dân vận khéo" models of the demonstration. The three province-level models named in the article are real
/// names; everything else is SYNTHETIC: generated from the templates below with a fixed seed, spread over
/// Bắc Ninh's communes, the four fields, every status and every level of recognition, each with the lifecycle
/// events and results its status implies. The people named in individual exemplars are invented.
/// </summary>
internal static class DemoModels
{
    public const int GeneratedCount = 420;
    private const string Actor = "Ban Dân vận (dữ liệu mẫu)";

    /// <summary>The typical province-level models of the article (DOMAIN.md, the seed article).</summary>
    public static readonly (string Name, string Field, string Tags)[] Typical =
    [
        ("30 ngày đêm di dời mồ mả, giải phóng mặt bằng dự án đường Vành đai 4 – Vùng Thủ đô qua địa phận tỉnh Bắc Ninh",
            "defense-security", "giải phóng mặt bằng, Vành đai 4, di dời mồ mả"),
        ("Toàn dân đoàn kết hiến đất xây dựng hạ tầng giao thông", "culture-society", "hiến đất, giao thông nông thôn"),
        ("Tỉnh bám xã, xã bám thôn, thôn bám dân, đoàn viên, hội viên", "political-system", "Mặt trận Tổ quốc, đoàn thể, bám cơ sở"),
    ];

    private static readonly Dictionary<string, string[]> Names = new()
    {
        ["economy"] =
        [
            "Hợp tác xã liên kết sản xuất rau an toàn", "Phụ nữ giúp nhau phát triển kinh tế hộ gia đình", "Nông dân chuyển đổi số tiêu thụ nông sản",
            "Thanh niên khởi nghiệp làng nghề truyền thống", "Tổ hợp tác chăn nuôi an toàn sinh học", "Dân vận khéo trong xây dựng cánh đồng mẫu lớn",
            "Cựu chiến binh giúp nhau thoát nghèo bền vững", "Liên kết trồng vải thiều theo tiêu chuẩn VietGAP",
        ],
        ["culture-society"] =
        [
            "Hiến đất mở rộng đường giao thông nông thôn", "Khu dân cư tự quản về vệ sinh môi trường", "Tuyến đường hoa, cây xanh kiểu mẫu",
            "Phân loại rác thải sinh hoạt tại nguồn", "Dòng họ khuyến học, khuyến tài", "Mái ấm nghĩa tình cho hộ nghèo",
            "Xây dựng nhà văn hóa thôn bằng nguồn xã hội hóa", "Câu lạc bộ gia đình hạnh phúc, không bạo lực",
        ],
        ["defense-security"] =
        [
            "Tổ liên gia tự quản an ninh trật tự", "Camera an ninh khu dân cư", "Dân vận khéo trong giải phóng mặt bằng khu công nghiệp",
            "Khu dân cư không có tội phạm và tệ nạn xã hội", "Tổ hòa giải ở cơ sở gắn với dân vận", "Đồng hành cùng người chấp hành xong án phạt tù",
        ],
        ["political-system"] =
        [
            "Ngày thứ bảy cùng dân", "Đảng viên phụ trách hộ gia đình", "Chi bộ bốn tốt gắn với dân vận khéo",
            "Dân vận chính quyền trong cải cách thủ tục hành chính", "Bí thư chi bộ đối thoại với nhân dân hằng tháng", "Cán bộ xã nói dân nghe, làm dân tin",
        ],
    };

    private static readonly Dictionary<string, string> Tags = new()
    {
        ["economy"] = "kinh tế, sinh kế, giảm nghèo",
        ["culture-society"] = "văn hóa, nông thôn mới, môi trường",
        ["defense-security"] = "an ninh trật tự, tự quản",
        ["political-system"] = "xây dựng Đảng, dân chủ cơ sở",
    };

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Ngô", "Đặng", "Bùi"];
    private static readonly string[] GivenNames = ["Văn Hùng", "Thị Lan", "Văn Minh", "Thị Hoa", "Đức Thắng", "Thị Thu", "Quang Huy", "Thị Hạnh", "Văn Toàn", "Thị Nga"];

    private static readonly OrganizationType[] Owners =
    [
        OrganizationType.FatherlandFront, OrganizationType.WomensUnion, OrganizationType.FarmersAssociation, OrganizationType.YouthUnion,
        OrganizationType.VeteransAssociation, OrganizationType.PartyCommittee, OrganizationType.PeoplesCommittee, OrganizationType.PartyCell,
    ];

    /// <summary>Adds the demo models unless the province has models already. Returns how many were added.</summary>
    public static async Task<int> SeedAsync(DanVanDbContext db, Unit province, DateOnly today, CancellationToken ct)
    {
        if (await db.Models.AnyAsync(m => m.ProvinceId == province.Id, ct))
        {
            return 0;
        }

        var fields = await db.ModelFields.ToDictionaryAsync(f => f.Code, f => f.Id, ct);
        var indicators = await db.ResultIndicators.ToDictionaryAsync(i => i.Code, ct);
        var units = await db.Units.AsNoTracking().Where(u => u.ProvinceId == province.Id && u.ValidTo == null && u.Level >= UnitLevel.Commune).ToListAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.ProvinceId == province.Id && o.IsActive)
            .Select(o => new { o.Id, o.UnitId, o.Type }).ToListAsync(ct);
        var byUnit = organizations.GroupBy(o => o.UnitId).ToDictionary(g => g.Key, g => g.ToList());
        var random = new Random(2025);
        var models = new List<(MobilizationModel Model, List<ModelEvent> Events, List<ModelResult> Results)>();

        int OrganizationOf(Unit unit, OrganizationType preferred)
        {
            var list = byUnit[unit.Id];
            return (list.FirstOrDefault(o => o.Type == preferred) ?? list[random.Next(list.Count)]).Id;
        }

        foreach (var (name, field, tags) in Typical)
        {
            var model = Make(province, OrganizationOf(province, OrganizationType.FatherlandFront), ModelKind.Model, fields[field], name, tags, null);
            models.Add(Walk(model, ModelStatus.Commended, new DateOnly(2024, 3, 1), RecognitionLevel.Province, today, random, indicators));
        }

        var communes = units.Where(u => u.Level == UnitLevel.Commune).ToList();
        var villages = units.Where(u => u.Level == UnitLevel.Village).ToList();
        var fieldCodes = Names.Keys.ToArray();
        for (var i = 0; i < GeneratedCount; i++)
        {
            var unit = i % 9 == 0 && villages.Count > 0 ? villages[random.Next(villages.Count)] : communes[random.Next(communes.Count)];
            var fieldCode = fieldCodes[random.Next(fieldCodes.Length)];
            var kindRoll = random.NextDouble();
            var kind = kindRoll < 0.7 ? ModelKind.Model : kindRoll < 0.88 ? ModelKind.CollectiveExemplar : ModelKind.IndividualExemplar;
            var place = unit.Name;
            var baseName = Names[fieldCode][random.Next(Names[fieldCode].Length)];
            string? person = null;
            string name;
            if (kind == ModelKind.IndividualExemplar)
            {
                person = $"{FamilyNames[random.Next(FamilyNames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}";
                name = $"Điển hình cá nhân: {person} – {baseName.ToLowerInvariant()}";
            }
            else
            {
                name = $"{(kind == ModelKind.CollectiveExemplar ? "Điển hình tập thể: " : "")}{baseName} ở {place}";
            }

            var organization = OrganizationOf(unit, Owners[random.Next(Owners.Length)]);
            var model = Make(unit, organization, kind, fields[fieldCode], name, Tags[fieldCode], person);
            var status = PickStatus(random);
            var start = new DateOnly(2021, 1, 15).AddDays(random.Next(0, (365 * 5) + 300));
            if (start > today.AddDays(-30))
            {
                start = today.AddDays(-30 - random.Next(60));
            }

            var level = unit.Level == UnitLevel.Village || random.NextDouble() < 0.75 ? RecognitionLevel.Commune : RecognitionLevel.Province;
            models.Add(Walk(model, status, start, level, today, random, indicators));
        }

        db.Models.AddRange(models.Select(m => m.Model));
        await db.SaveChangesAsync(ct);
        foreach (var (model, events, results) in models)
        {
            foreach (var e in events)
            {
                e.ModelId = model.Id;
                model.Stamp(e);
            }

            foreach (var r in results)
            {
                r.ModelId = model.Id;
                model.Stamp(r);
            }

            db.ModelEvents.AddRange(events);
            db.ModelResults.AddRange(results);
        }

        await db.SaveChangesAsync(ct);
        // One evaluation by the commission for every model that went through inspection.
        var rubrics = await db.Rubrics.Include(r => r.Criteria).Where(r => r.IsActive).ToListAsync(ct);
        foreach (var model in models.Select(m => m.Model).Where(m => m.InspectedOn is not null))
        {
            var rubric = rubrics.Where(r => r.Target == RubricMath.TargetOf(model.Kind)).OrderByDescending(r => r.Version).First();
            var strong = model.Status != ModelStatus.NotRecognized;
            var scores = rubric.Criteria.ToDictionary(c => c.Id, c => Math.Min(c.MaxScore, strong ? random.Next(7, 11) : random.Next(3, 7)));
            var total = RubricMath.Total(rubric.Criteria, scores);
            var evaluation = new ModelEvaluation
            {
                ModelId = model.Id, RubricId = rubric.Id, EvaluatorName = Actor, At = model.InspectedOn!.Value.ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc),
                Total = total, Passed = total >= rubric.PassMark,
                Scores = [.. scores.Select(x => new EvaluationScore { CriterionId = x.Key, Score = x.Value })],
            };
            model.Stamp(evaluation);
            db.ModelEvaluations.Add(evaluation);
        }

        var replications = Replicate(models.Select(m => m.Model).Where(m => m.IsRecognized).ToList(), communes, byUnit.ToDictionary(p => p.Key, p => p.Value.Select(o => o.Id).ToList()), today, random);
        db.ModelReplications.AddRange(replications);

        // The province's 2021–2025 five-year review of its own typical models, and an annual 2025 review in each commune with models.
        var reviewed = models.Select(m => m.Model).Where(m => m.RegisteredOn is { } r && r.Year <= 2025).ToList();
        db.ModelReviews.Add(Review(province, 2021, 2025, reviewed.Where(m => m.UnitLevel == UnitLevel.Province), random,
            "Tổng kết 5 năm: các mô hình điển hình của tỉnh phát huy hiệu quả, cần tiếp tục nhân rộng."));
        foreach (var commune in communes.Where(c => reviewed.Any(m => m.CommuneId == c.Id)).Take(20))
        {
            db.ModelReviews.Add(Review(commune, 2025, 2025, reviewed.Where(m => m.CommuneId == commune.Id), random, $"Sơ kết năm 2025 của {commune.Name}."));
        }

        await db.SaveChangesAsync(ct);
        return models.Count;
    }

    /// <summary>Other communes adopting recognized models: every typical model widely, about a third of the others once or twice.</summary>
    private static List<ModelReplication> Replicate(List<MobilizationModel> recognized, List<Unit> communes, Dictionary<int, List<int>> organizations, DateOnly today, Random random)
    {
        var replications = new List<ModelReplication>();
        foreach (var model in recognized)
        {
            var typical = model.UnitLevel == UnitLevel.Province;
            var count = typical ? 12 : random.NextDouble() < 0.35 ? random.Next(1, 3) : 0;
            foreach (var commune in communes.Where(c => c.Id != model.CommuneId).OrderBy(_ => random.Next()).Take(count))
            {
                var start = (model.RecognizedOn ?? today).AddDays(random.Next(20, 240));
                if (start > today)
                {
                    start = today;
                }

                var roll = random.NextDouble();
                replications.Add(new ModelReplication
                {
                    SourceModelId = model.Id, UnitId = commune.Id, ProvinceId = commune.ProvinceId, CommuneId = commune.CommuneId, UnitLevel = commune.Level,
                    OrganizationId = organizations[commune.Id][random.Next(organizations[commune.Id].Count)], StartDate = start,
                    Adaptations = $"Áp dụng tại {commune.Name}: điều chỉnh quy mô theo số hộ, lồng ghép với chương trình xây dựng nông thôn mới.",
                    Status = roll < 0.6 ? ReplicationStatus.Implementing : roll < 0.9 ? ReplicationStatus.Effective : ReplicationStatus.Stopped,
                    StatusNote = roll >= 0.9 ? "Dừng do trùng địa bàn với dự án khác." : null,
                    CreatedAt = DateTime.UtcNow,
                });
            }
        }

        return replications;
    }

    private static ModelReview Review(Unit unit, int from, int to, IEnumerable<MobilizationModel> models, Random random, string conclusion) => new()
    {
        UnitId = unit.Id, ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId, UnitLevel = unit.Level,
        FromYear = from, ToYear = to, Conclusion = conclusion, CreatedAt = DateTime.UtcNow,
        Items = [.. models.Select(m => new ModelReviewItem
        {
            ModelId = m.Id,
            Classification = m.Status switch
            {
                ModelStatus.Commended or ModelStatus.Recognized => random.Next(3) == 0 ? ReviewClassification.Maintain : ReviewClassification.ReplicateWidely,
                ModelStatus.NotRecognized or ModelStatus.Suspended => ReviewClassification.Consolidate,
                ModelStatus.Withdrawn => ReviewClassification.Stop,
                _ => ReviewClassification.Maintain,
            },
        })],
    };

    private static ModelStatus PickStatus(Random random)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.05 => ModelStatus.Draft,
            < 0.14 => ModelStatus.Registered,
            < 0.20 => ModelStatus.Launched,
            < 0.38 => ModelStatus.Implementing,
            < 0.45 => ModelStatus.Inspected,
            < 0.75 => ModelStatus.Recognized,
            < 0.79 => ModelStatus.NotRecognized,
            < 0.92 => ModelStatus.Commended,
            < 0.96 => ModelStatus.Suspended,
            _ => ModelStatus.Withdrawn,
        };
    }

    private static MobilizationModel Make(Unit unit, int organizationId, ModelKind kind, int fieldId, string name, string tags, string? person)
    {
        var model = new MobilizationModel
        {
            OrganizationId = organizationId, Kind = kind, FieldId = fieldId, Name = name, Tags = tags, PersonName = person,
            PublishPersonName = person is not null, IsPublic = true, CreatedAt = DateTime.UtcNow,
            Situation = $"Trước khi triển khai, {unit.Name} còn nhiều khó khăn; nhân dân chưa thật sự đồng thuận, cách làm còn hình thức.",
            Goals = "Huy động sự tham gia tự nguyện của nhân dân; tiêu chí: số hộ tham gia, ngày công, kinh phí vận động, mức độ hài lòng.",
            Content = "Tuyên truyền, vận động từng hộ; cán bộ, đảng viên gương mẫu đi đầu; công khai, minh bạch; sơ kết rút kinh nghiệm hằng quý.",
            AreaAndBeneficiaries = $"Địa bàn {unit.Name}; đối tượng thụ hưởng là các hộ gia đình và người dân trên địa bàn.",
            Forces = "Cấp ủy chủ trì; Mặt trận Tổ quốc và các đoàn thể phối hợp; chi bộ, ban công tác Mặt trận thôn tham gia trực tiếp.",
            Resources = "Ngân sách hỗ trợ một phần; nhân dân đóng góp ngày công, hiến đất; nguồn xã hội hóa từ doanh nghiệp, con em xa quê.",
            Timeline = "Triển khai trong 12 tháng; sơ kết sau 6 tháng; đánh giá, đề nghị công nhận khi kết thúc.",
            Outputs = "Biên bản, số liệu kết quả theo từng chỉ tiêu, hình ảnh công trình, ý kiến đánh giá của nhân dân.",
            Sustainability = "Có quy chế duy trì, tổ tự quản thường xuyên; cách làm đơn giản, các địa phương khác có thể học tập, nhân rộng.",
        };
        model.TargetGroup = "Hộ gia đình, đoàn viên, hội viên";
        ModelRules.PlaceIn(model, unit);
        model.SearchText = ModelRules.SearchTextOf(model);
        return model;
    }

    /// <summary>Takes a model through its lifecycle up to <paramref name="target"/>, with dates in order and never after today.</summary>
    private static (MobilizationModel, List<ModelEvent>, List<ModelResult>) Walk(
        MobilizationModel model, ModelStatus target, DateOnly start, RecognitionLevel level, DateOnly today, Random random,
        Dictionary<string, ResultIndicator> indicators)
    {
        var events = new List<ModelEvent>();
        var results = new List<ModelResult>();
        model.StartDate = start;
        model.EvaluationDate = start.AddMonths(12);
        var day = start.AddDays(-random.Next(5, 20));
        DateOnly Next(int min, int max)
        {
            day = day.AddDays(random.Next(min, max));
            if (day > today)
            {
                day = today;
            }

            return day;
        }

        void Step(ModelAction action, DateOnly on, string? note = null)
        {
            var from = model.Status;
            model.Status = ModelLifecycle.Of(action).To;
            events.Add(new ModelEvent
            {
                Action = action, From = from, To = model.Status, On = on, At = on.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc),
                ActorName = Actor, Note = note,
            });
        }

        if (target == ModelStatus.Draft)
        {
            model.Outputs = null;
            model.Sustainability = null;
            return (model, events, results);
        }

        model.RegisteredOn = Next(0, 1);
        Step(ModelAction.Register, model.RegisteredOn.Value);
        if (target == ModelStatus.Withdrawn && random.Next(2) == 0)
        {
            model.StatusNote = "Địa bàn sáp nhập, nội dung trùng với mô hình khác.";
            Step(ModelAction.Withdraw, Next(20, 60), model.StatusNote);
            return (model, events, results);
        }

        if (target == ModelStatus.Registered)
        {
            return (model, events, results);
        }

        model.LaunchedOn = Next(10, 40);
        model.LaunchCommitments = "Các hộ ký cam kết tham gia; phân công cán bộ, đảng viên phụ trách từng cụm dân cư.";
        Step(ModelAction.Launch, model.LaunchedOn.Value, model.LaunchCommitments);
        if (target == ModelStatus.Launched)
        {
            return (model, events, results);
        }

        Step(ModelAction.Implement, Next(3, 15));
        AddResults(model, results, random, indicators, model.StartDate!.Value.Year, today.Year);
        if (target is ModelStatus.Implementing)
        {
            return (model, events, results);
        }

        if (target is ModelStatus.Suspended or ModelStatus.Withdrawn)
        {
            model.StatusNote = target == ModelStatus.Suspended ? "Tạm dừng do điều chỉnh quy hoạch, chờ bố trí kinh phí." : "Không còn phù hợp sau sắp xếp đơn vị hành chính.";
            Step(target == ModelStatus.Suspended ? ModelAction.Suspend : ModelAction.Withdraw, Next(60, 200), model.StatusNote);
            return (model, events, results);
        }

        model.InspectedOn = Next(180, 330);
        model.InspectionFindings = "Đoàn kiểm tra của Ban Dân vận cấp trên ghi nhận mô hình triển khai đúng nội dung đăng ký, kết quả rõ, nhân dân đồng tình.";
        Step(ModelAction.Inspect, model.InspectedOn.Value, model.InspectionFindings);
        if (target == ModelStatus.Inspected)
        {
            return (model, events, results);
        }

        if (target == ModelStatus.NotRecognized)
        {
            model.NotRecognizedReason = "Kết quả chưa rõ nét, chưa có khả năng nhân rộng; đề nghị tiếp tục củng cố.";
            Step(ModelAction.Reject, Next(20, 60), model.NotRecognizedReason);
            return (model, events, results);
        }

        model.RecognizedOn = Next(20, 60);
        model.RecognitionLevel = level;
        model.RecognitionDecision = $"{random.Next(10, 999)}/QĐ-{(level == RecognitionLevel.Province ? "BCĐ" : "BCĐX")}";
        model.RecognitionIssuer = level == RecognitionLevel.Province
            ? "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” tỉnh Bắc Ninh"
            : "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” cấp xã";
        Step(ModelAction.Recognize, model.RecognizedOn.Value, null);
        if (target == ModelStatus.Recognized)
        {
            return (model, events, results);
        }

        model.CommendedOn = Next(15, 90);
        model.CommendationForm = level == RecognitionLevel.Province ? CommendationForm.CertificateOfMerit : CommendationForm.Commendation;
        model.CommendationDecision = $"{random.Next(100, 3000)}/QĐ-UBND";
        model.CommendationIssuer = level == RecognitionLevel.Province ? "Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh" : "Chủ tịch Ủy ban nhân dân xã";
        Step(ModelAction.Commend, model.CommendedOn.Value, null);
        return (model, events, results);
    }

    private static void AddResults(MobilizationModel model, List<ModelResult> results, Random random, Dictionary<string, ResultIndicator> indicators, int fromYear, int toYear)
    {
        var codes = indicators.Keys.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        foreach (var code in codes)
        {
            var indicator = indicators[code];
            double scale = code switch
            {
                "land-donated" => 2_000,
                "money-mobilized" => 300_000_000,
                "road-built" => 3,
                "workdays" => 800,
                "households" => 150,
                "members" => 120,
                _ => 2,
            };
            for (var year = fromYear; year <= Math.Min(toYear, fromYear + 2); year++)
            {
                var target = Math.Round(scale * (0.5 + random.NextDouble()), indicator.WholeNumbers ? 0 : 1);
                var actual = Math.Round(target * (0.6 + (random.NextDouble() * 0.7)), indicator.WholeNumbers ? 0 : 1);
                results.Add(new ModelResult { IndicatorId = indicator.Id, Year = year, Target = target, Actual = actual });
            }
        }
    }
}
