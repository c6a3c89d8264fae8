using DanVan.Web.Features.Models;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Generate;

internal sealed partial class NationalData
{
    private static readonly ModelAction[] Path =
    [
        ModelAction.Register,
        ModelAction.Launch,
        ModelAction.Implement,
        ModelAction.Inspect,
        ModelAction.Recognize,
        ModelAction.Commend,
    ];

    private async Task WriteModelsAsync(CancellationToken ct)
    {
        var fields = await db.ModelFields.AsNoTracking().OrderBy(f => f.Id).Select(f => f.Id).ToListAsync(ct);
        var indicators = await db.ResultIndicators.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        var rubrics = await db.Rubrics.AsNoTracking().Include(r => r.Criteria).Where(r => r.IsActive).ToListAsync(ct);
        var actor = CurrentUser.System(root.Id);
        var models = new List<MobilizationModel>();
        var events = new List<ModelEvent>();
        var results = new List<ModelResult>();
        var evaluations = new List<ModelEvaluation>();
        var scores = new List<EvaluationScore>();
        var replications = new List<ModelReplication>();
        // Written commune by commune in batches: the lists hold one batch at a time.
        long eventId = 0;
        var modelId = 0;
        var resultId = 0;
        var evaluationId = 0;
        var scoreId = 0;
        var replicationId = 0;
        for (var c = 0; c < communes.Count; c++)
        {
            var commune = communes[c];
            for (var k = 0; k < ModelsPerCommune; k++)
            {
                var rng = Rng.For(seed, 20, ((long)c * ModelsPerCommune) + k);
                // A few models belong to the province (registered by its organizations), most to a commune or village.
                Unit unit = rng.Chance(0.05) ? unitById[commune.ProvinceId!.Value] : commune;
                if (unit == commune && rng.Chance(0.25))
                {
                    unit = rng.Pick(villagesOf[commune.Id]);
                }

                var owner = unit.Level == UnitLevel.Village ? commune : unit;
                var kind = rng.Below(10) switch
                {
                    < 7 => ModelKind.Model,
                    < 9 => ModelKind.CollectiveExemplar,
                    _ => ModelKind.IndividualExemplar,
                };
                var created = DayBetween(ref rng, Start.AddYears(-2), Today.AddDays(-10));
                var m = new MobilizationModel
                {
                    Id = ++modelId,
                    UnitLevel = unit.Level,
                    OrganizationId = rng.Pick(organizationsOf[owner.Id]),
                    Kind = kind,
                    FieldId = rng.Pick(fields),
                    Name = "Mô hình " + Sentence(ref rng, Words, rng.Between(3, 7)).TrimEnd('.'),
                    Situation = Sentence(ref rng, Words, 25),
                    Goals = Sentence(ref rng, Words, 15),
                    Content = Sentence(ref rng, Words, 40),
                    AreaAndBeneficiaries = Sentence(ref rng, Words, 10),
                    Forces = Sentence(ref rng, Words, 8),
                    Resources = Sentence(ref rng, Words, 8),
                    Timeline = Sentence(ref rng, Words, 6),
                    Outputs = Sentence(ref rng, Words, 10),
                    Sustainability = Sentence(ref rng, Words, 10),
                    StartDate = created.AddDays(rng.Between(5, 60)),
                    PersonName = kind == ModelKind.IndividualExemplar ? $"Lê Văn {(char)('A' + rng.Below(20))}" : null,
                    IsPublic = rng.Chance(0.5),
                    CreatedAt = UtcAt(created, k),
                };
                m.UnitId = unit.Id;
                m.ProvinceId = unit.ProvinceId;
                m.CommuneId = unit.CommuneId;
                m.VillageId = unit.VillageId;
                m.SearchText = ModelRules.SearchTextOf(m);

                // How far along the path this model came: drafts, running, recognized, commended, refused, stopped.
                var steps = rng.Below(100) switch
                {
                    < 5 => 0,
                    < 10 => 1,
                    < 18 => 2,
                    < 45 => 3,
                    < 55 => 4,
                    < 85 => 5,
                    _ => 6,
                };
                var on = created;
                for (var s = 0; s < steps; s++)
                {
                    on = on.AddDays(rng.Between(10, 90));
                    if (on >= Today)
                    {
                        break;
                    }

                    var action = Path[s];
                    if (action == ModelAction.Recognize && rng.Chance(0.08))
                    {
                        action = ModelAction.Reject;
                    }

                    var from = m.Status;
                    TransitionModel.Apply(
                        m,
                        new ModelStepInput
                        {
                            Action = action,
                            On = on,
                            Note = action is ModelAction.Inspect or ModelAction.Reject
                                ? Sentence(ref rng, Words, 12)
                                : null,
                            Level =
                                unit.Level == UnitLevel.Province ? RecognitionLevel.Province : RecognitionLevel.Commune,
                            Decision = action is ModelAction.Recognize or ModelAction.Commend
                                ? $"{rng.Between(1, 999)}/QĐ-UBND"
                                : null,
                            Issuer = action is ModelAction.Recognize or ModelAction.Commend ? "Ủy ban nhân dân" : null,
                            Form = action == ModelAction.Commend ? CommendationForm.CertificateOfMerit : null,
                        },
                        on
                    );
                    var e = TransitionModel.EventOf(
                        m,
                        action,
                        from,
                        on,
                        null,
                        actor,
                        on.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc)
                    );
                    e.Id = ++eventId;
                    events.Add(e);
                    if (action == ModelAction.Inspect)
                    {
                        var rubric = rubrics.First(r => r.Target == RubricMath.TargetOf(m.Kind));
                        var evaluation = new ModelEvaluation
                        {
                            Id = ++evaluationId,
                            ModelId = m.Id,
                            RubricId = rubric.Id,
                            EvaluatorName = "system",
                            At = e.At,
                        };
                        m.Stamp(evaluation);
                        var given = new Dictionary<int, int>();
                        foreach (var criterion in rubric.Criteria)
                        {
                            var score = rng.Between(criterion.MaxScore / 2, criterion.MaxScore);
                            given[criterion.Id] = score;
                            scores.Add(
                                new EvaluationScore
                                {
                                    Id = ++scoreId,
                                    EvaluationId = evaluation.Id,
                                    CriterionId = criterion.Id,
                                    Score = score,
                                }
                            );
                        }

                        evaluation.Total = RubricMath.Total(rubric.Criteria, given);
                        evaluation.Passed = evaluation.Total >= rubric.PassMark;
                        evaluations.Add(evaluation);
                    }
                    else if (action is ModelAction.Register or ModelAction.Launch)
                    {
                        continue;
                    }
                }

                if (
                    m.Status
                    is ModelStatus.Implementing
                        or ModelStatus.Inspected
                        or ModelStatus.Recognized
                        or ModelStatus.Commended
                )
                {
                    foreach (var year in new[] { 2025, 2026 })
                    {
                        var target = rng.Between(10, 500);
                        var r = new ModelResult
                        {
                            Id = ++resultId,
                            ModelId = m.Id,
                            IndicatorId = rng.Pick(indicators),
                            Year = year,
                            Target = target,
                            Actual = Math.Round(target * (0.5 + rng.Unit()), 1),
                        };
                        m.Stamp(r);
                        results.Add(r);
                    }
                }

                // Recognized models are taken up elsewhere: one in three in one to three other communes.
                if (m.IsRecognized && rng.Chance(0.33))
                {
                    var count = rng.Between(1, 3);
                    for (var n = 0; n < count; n++)
                    {
                        var other = communes[rng.Below(communes.Count)];
                        var started = Min(on.AddDays(rng.Between(10, 200)));
                        var rep = new ModelReplication
                        {
                            Id = ++replicationId,
                            SourceModelId = m.Id,
                            UnitLevel = UnitLevel.Commune,
                            OrganizationId = rng.Pick(organizationsOf[other.Id]),
                            StartDate = started,
                            Adaptations = Sentence(ref rng, Words, 12),
                            Status = (ReplicationStatus)rng.Between(1, 3),
                            CreatedAt = UtcAt(started, n),
                        };
                        Stamp(rep, other);
                        replications.Add(rep);
                    }
                }

                models.Add(m);
            }

            if (models.Count >= 20_000 || c == communes.Count - 1)
            {
                await writer.WriteAsync(models, ct);
                await writer.WriteAsync(events, ct);
                await writer.WriteAsync(results, ct);
                await writer.WriteAsync(evaluations, ct);
                await writer.WriteAsync(scores, ct);
                models.Clear();
                events.Clear();
                results.Clear();
                evaluations.Clear();
                scores.Clear();
            }
        }

        // Replications refer to models of any commune: written once every model is.
        await writer.WriteAsync(replications, ct);
    }
}
