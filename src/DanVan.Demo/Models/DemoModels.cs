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
internal static partial class DemoModels
{
    public const int GeneratedCount = 420;
    private const string Actor = "Ban Dân vận (dữ liệu mẫu)";

    private static readonly ModelsFile Tables = DemoText.Load<ModelsFile>("models");

    /// <summary>The typical province-level models of the article (DOMAIN.md, the seed article).</summary>
    public static readonly TypicalModel[] Typical = Tables.Typical;

    /// <summary>Model names by field code, in the order the fields are drawn from.</summary>
    private static readonly Dictionary<string, string[]> Names = Tables.Names;

    private static readonly Dictionary<string, string> Tags = Tables.Tags;

    private static readonly string[] FamilyNames = Tables.FamilyNames;
    private static readonly string[] GivenNames = Tables.GivenNames;

    private static readonly OrganizationType[] Owners =
    [
        OrganizationType.FatherlandFront,
        OrganizationType.WomensUnion,
        OrganizationType.FarmersAssociation,
        OrganizationType.YouthUnion,
        OrganizationType.VeteransAssociation,
        OrganizationType.PartyCommittee,
        OrganizationType.PeoplesCommittee,
        OrganizationType.PartyCell,
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
        var units = await db
            .Units.AsNoTracking()
            .Where(u => u.ProvinceId == province.Id && u.ValidTo == null && u.Level >= UnitLevel.Commune)
            .ToListAsync(ct);
        var organizations = await db
            .Organizations.AsNoTracking()
            .Where(o => o.ProvinceId == province.Id && o.IsActive)
            .Select(o => new
            {
                o.Id,
                o.UnitId,
                o.Type,
            })
            .ToListAsync(ct);
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
            var model = Make(
                province,
                OrganizationOf(province, OrganizationType.FatherlandFront),
                ModelKind.Model,
                fields[field],
                name,
                tags,
                null
            );
            models.Add(
                Walk(
                    model,
                    ModelStatus.Commended,
                    new DateOnly(2024, 3, 1),
                    RecognitionLevel.Province,
                    today,
                    random,
                    indicators
                )
            );
        }

        var communes = units.Where(u => u.Level == UnitLevel.Commune).ToList();
        var villages = units.Where(u => u.Level == UnitLevel.Village).ToList();
        var fieldCodes = Names.Keys.ToArray();
        for (var i = 0; i < GeneratedCount; i++)
        {
            var unit =
                i % 9 == 0 && villages.Count > 0
                    ? villages[random.Next(villages.Count)]
                    : communes[random.Next(communes.Count)];
            var fieldCode = fieldCodes[random.Next(fieldCodes.Length)];
            var kindRoll = random.NextDouble();
            var kind =
                kindRoll < 0.7 ? ModelKind.Model
                : kindRoll < 0.88 ? ModelKind.CollectiveExemplar
                : ModelKind.IndividualExemplar;
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

            var level =
                unit.Level == UnitLevel.Village || random.NextDouble() < 0.75
                    ? RecognitionLevel.Commune
                    : RecognitionLevel.Province;
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
            var rubric = rubrics
                .Where(r => r.Target == RubricMath.TargetOf(model.Kind))
                .OrderByDescending(r => r.Version)
                .First();
            var strong = model.Status != ModelStatus.NotRecognized;
            var scores = rubric.Criteria.ToDictionary(
                c => c.Id,
                c => Math.Min(c.MaxScore, strong ? random.Next(7, 11) : random.Next(3, 7))
            );
            var total = RubricMath.Total(rubric.Criteria, scores);
            var evaluation = new ModelEvaluation
            {
                ModelId = model.Id,
                RubricId = rubric.Id,
                EvaluatorName = Actor,
                At = model.InspectedOn!.Value.ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc),
                Total = total,
                Passed = total >= rubric.PassMark,
                Scores = [.. scores.Select(x => new EvaluationScore { CriterionId = x.Key, Score = x.Value })],
            };
            model.Stamp(evaluation);
            db.ModelEvaluations.Add(evaluation);
        }

        var replications = Replicate(
            models.Select(m => m.Model).Where(m => m.IsRecognized).ToList(),
            communes,
            byUnit.ToDictionary(p => p.Key, p => p.Value.Select(o => o.Id).ToList()),
            today,
            random
        );
        db.ModelReplications.AddRange(replications);

        // The province's 2021–2025 five-year review of its own typical models, and an annual 2025 review in each
        // commune with models.
        var reviewed = models.Select(m => m.Model).Where(m => m.RegisteredOn is { } r && r.Year <= 2025).ToList();
        db.ModelReviews.Add(
            Review(
                province,
                2021,
                2025,
                reviewed.Where(m => m.UnitLevel == UnitLevel.Province),
                random,
                "Tổng kết 5 năm: các mô hình điển hình của tỉnh phát huy hiệu quả, cần tiếp tục nhân rộng."
            )
        );
        foreach (var commune in communes.Where(c => reviewed.Any(m => m.CommuneId == c.Id)).Take(20))
        {
            db.ModelReviews.Add(
                Review(
                    commune,
                    2025,
                    2025,
                    reviewed.Where(m => m.CommuneId == commune.Id),
                    random,
                    $"Sơ kết năm 2025 của {commune.Name}."
                )
            );
        }

        await db.SaveChangesAsync(ct);
        return models.Count;
    }

    /// <summary>Other communes adopting recognized models: every typical model widely, about a third of the others once
    /// or twice.</summary>
    private static List<ModelReplication> Replicate(
        List<MobilizationModel> recognized,
        List<Unit> communes,
        Dictionary<int, List<int>> organizations,
        DateOnly today,
        Random random
    )
    {
        var replications = new List<ModelReplication>();
        foreach (var model in recognized)
        {
            var typical = model.UnitLevel == UnitLevel.Province;
            var count =
                typical ? 12
                : random.NextDouble() < 0.35 ? random.Next(1, 3)
                : 0;
            foreach (
                var commune in communes.Where(c => c.Id != model.CommuneId).OrderBy(_ => random.Next()).Take(count)
            )
            {
                var start = (model.RecognizedOn ?? today).AddDays(random.Next(20, 240));
                if (start > today)
                {
                    start = today;
                }

                var roll = random.NextDouble();
                replications.Add(
                    new ModelReplication
                    {
                        SourceModelId = model.Id,
                        UnitId = commune.Id,
                        ProvinceId = commune.ProvinceId,
                        CommuneId = commune.CommuneId,
                        UnitLevel = commune.Level,
                        OrganizationId = organizations[commune.Id][random.Next(organizations[commune.Id].Count)],
                        StartDate = start,
                        Adaptations =
                            $"Áp dụng tại {commune.Name}: điều chỉnh quy mô theo số hộ, lồng ghép với chương trình xây dựng nông thôn mới.",
                        Status =
                            roll < 0.6 ? ReplicationStatus.Implementing
                            : roll < 0.9 ? ReplicationStatus.Effective
                            : ReplicationStatus.Stopped,
                        StatusNote = roll >= 0.9 ? "Dừng do trùng địa bàn với dự án khác." : null,
                        CreatedAt = DateTime.UtcNow,
                    }
                );
            }
        }

        return replications;
    }

    private static ModelReview Review(
        Unit unit,
        int from,
        int to,
        IEnumerable<MobilizationModel> models,
        Random random,
        string conclusion
    ) =>
        new()
        {
            UnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            UnitLevel = unit.Level,
            FromYear = from,
            ToYear = to,
            Conclusion = conclusion,
            CreatedAt = DateTime.UtcNow,
            Items =
            [
                .. models.Select(m => new ModelReviewItem
                {
                    ModelId = m.Id,
                    Classification = m.Status switch
                    {
                        ModelStatus.Commended or ModelStatus.Recognized => random.Next(3) == 0
                            ? ReviewClassification.Maintain
                            : ReviewClassification.ReplicateWidely,
                        ModelStatus.NotRecognized or ModelStatus.Suspended => ReviewClassification.Consolidate,
                        ModelStatus.Withdrawn => ReviewClassification.Stop,
                        _ => ReviewClassification.Maintain,
                    },
                }),
            ],
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

    public sealed record TypicalModel(string Name, string Field, string Tags);

    /// <summary>Data/models.json.</summary>
    private sealed record ModelsFile(
        TypicalModel[] Typical,
        Dictionary<string, string[]> Names,
        Dictionary<string, string> Tags,
        string[] FamilyNames,
        string[] GivenNames
    );
}
