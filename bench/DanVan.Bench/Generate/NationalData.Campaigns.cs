using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;

namespace DanVan.Bench.Generate;

internal sealed partial class NationalData
{
    /// <summary>Periods of each campaign: 25 days of the daily one, 25 weeks of the weekly one; with two indicators
    /// each and 30 villages that is 3,000 figures a commune (10 million over the country).</summary>
    public const int PeriodsPerCampaign = 25;

    private async Task WriteCampaignsAsync(CancellationToken ct)
    {
        var campaignId = 0;
        var indicatorId = 0;
        long participantId = 0;
        long targetId = 0;
        long figureId = 0;
        long totalId = 0;
        long seriesId = 0;
        var created = Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        for (var pi = 0; pi < provinces.Count; pi++)
        {
            var province = provinces[pi];
            var villages = communes.Where(c => c.ProvinceId == province.Id).SelectMany(c => villagesOf[c.Id]).ToList();
            foreach (var frequency in new[] { ReportingFrequency.Daily, ReportingFrequency.Weekly })
            {
                var daily = frequency == ReportingFrequency.Daily;
                var starts = daily ? Today.AddDays(-PeriodsPerCampaign) : Today.AddDays(-7 * PeriodsPerCampaign);
                var campaign = new Campaign
                {
                    Id = ++campaignId,
                    UnitLevel = UnitLevel.Province,
                    Name = daily
                        ? $"Giải phóng mặt bằng dự án đường vành đai {province.Name}"
                        : $"Vận động hiến đất làm đường nông thôn {province.Name}",
                    Purpose = "Chiến dịch dân vận của tỉnh.",
                    StartsOn = starts,
                    EndsOn = Today.AddDays(60),
                    Status = CampaignStatus.Running,
                    ReportingLevel = UnitLevel.Village,
                    CreatedAt = created,
                };
                Stamp(campaign, province);
                campaign.SearchText = Web.Infrastructure.Localization.TextSearch.Normalize(campaign.Name);
                var indicators = new List<Indicator>
                {
                    new()
                    {
                        Id = ++indicatorId,
                        CampaignId = campaign.Id,
                        Name = daily ? "Mộ đã di dời" : "Diện tích đất hiến",
                        Measure = daily ? MeasureUnit.Graves : MeasureUnit.SquareMetres,
                        Aggregation = Aggregation.Sum,
                        Frequency = frequency,
                        SortOrder = 1,
                    },
                    new()
                    {
                        Id = ++indicatorId,
                        CampaignId = campaign.Id,
                        Name = "Hộ đã đồng thuận",
                        Measure = MeasureUnit.Households,
                        Aggregation = Aggregation.Latest,
                        Frequency = frequency,
                        SortOrder = 2,
                    },
                };
                var participants = villages
                    .Select(v =>
                    {
                        var row = new CampaignParticipant { Id = (int)++participantId, CampaignId = campaign.Id };
                        Stamp(row, v);
                        return row;
                    })
                    .ToList();
                var targets = new List<IndicatorTarget>();
                var figures = new List<CampaignFigure>();
                foreach (var (village, vi) in villages.Select((v, i) => (v, i)))
                {
                    var rng = Rng.For(seed, 30 + (int)frequency, ((long)campaign.Id << 20) + vi);
                    foreach (var indicator in indicators)
                    {
                        var latest = indicator.Aggregation == Aggregation.Latest;
                        var target = latest ? rng.Between(50, 300) : rng.Between(100, 2_000);
                        var t = new IndicatorTarget
                        {
                            Id = (int)++targetId,
                            CampaignId = campaign.Id,
                            IndicatorId = indicator.Id,
                            Value = target,
                        };
                        Stamp(t, village);
                        targets.Add(t);
                        var running = 0;
                        for (var n = 0; n < PeriodsPerCampaign; n++)
                        {
                            var period = daily ? starts.AddDays(n) : starts.AddDays(7 * n);
                            var step = rng.Between(0, Math.Max(1, 2 * target / PeriodsPerCampaign));
                            running = Math.Min(target, running + step);
                            var f = new CampaignFigure
                            {
                                Id = ++figureId,
                                CampaignId = campaign.Id,
                                IndicatorId = indicator.Id,
                                Period = CampaignPeriods.PeriodOf(period, frequency, campaign.StartsOn),
                                Value = latest ? running : step,
                                UpdatedAt = period.ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc),
                                ActorName = "officer " + village.Name,
                                Version = 1,
                            };
                            Stamp(f, village);
                            figures.Add(f);
                        }
                    }
                }

                await writer.WriteAsync([campaign], ct);
                await writer.WriteAsync(indicators, ct);
                await writer.WriteAsync(participants, ct);
                await writer.WriteAsync(targets, ct);
                await writer.WriteAsync(figures, ct);
                // Each figure was entered once: its revision from nothing to the value, as the import writes it.
                await writer.WriteAsync(
                    figures.Select(f => new FigureRevision
                    {
                        Id = f.Id,
                        FigureId = f.Id,
                        CampaignId = f.CampaignId,
                        IndicatorId = f.IndicatorId,
                        UnitId = f.UnitId,
                        ProvinceId = f.ProvinceId,
                        CommuneId = f.CommuneId,
                        VillageId = f.VillageId,
                        Period = f.Period,
                        NewValue = f.Value,
                        Source = FigureSource.Import,
                        At = f.UpdatedAt,
                        ActorName = f.ActorName,
                    }),
                    ct
                );

                // The summary rows by the app's own roll-up over the same raw data it would load.
                var nodes = CampaignTree.Build(
                    participants.Select(p => new UnitRef(
                        p.UnitId,
                        UnitLevel.Village,
                        p.ProvinceId,
                        p.CommuneId,
                        p.VillageId
                    )),
                    campaign.Ref,
                    campaign.UnitLevel,
                    campaign.ReportingLevel
                );
                var raw = new CampaignRollup.RawCampaign(
                    campaign,
                    indicators,
                    nodes,
                    [
                        .. figures.Select(f => new RollupFigure(
                            f.IndicatorId,
                            f.UnitId,
                            new UnitRef(f.UnitId, UnitLevel.Village, f.ProvinceId, f.CommuneId, f.VillageId),
                            f.Period,
                            f.Value
                        )),
                    ],
                    [
                        .. targets.Select(t => new RollupTarget(
                            t.IndicatorId,
                            new UnitRef(t.UnitId, UnitLevel.Village, t.ProvinceId, t.CommuneId, t.VillageId),
                            t.Value
                        )),
                    ]
                );
                var (totals, series) = CampaignRollup.Compute(raw);
                await writer.WriteAsync(
                    totals.Select(t => new CampaignTotal
                    {
                        Id = ++totalId,
                        CampaignId = campaign.Id,
                        IndicatorId = t.IndicatorId,
                        UnitId = t.Node.UnitId,
                        UnitLevel = t.Node.Level,
                        ParentUnitId = t.Node.ParentUnitId,
                        ProvinceId = t.Node.ProvinceId,
                        CommuneId = t.Node.CommuneId,
                        VillageId = t.Node.VillageId,
                        Actual = t.Actual,
                        ExplicitTarget = t.ExplicitTarget,
                        ChildTarget = t.ChildTarget,
                        Target = t.Target,
                        FigureCount = t.FigureCount,
                    }),
                    ct
                );
                await writer.WriteAsync(
                    series.Select(s => new CampaignSeries
                    {
                        Id = ++seriesId,
                        CampaignId = campaign.Id,
                        IndicatorId = s.IndicatorId,
                        UnitId = s.UnitId,
                        Period = s.Period,
                        Delta = s.Delta,
                    }),
                    ct
                );
            }
        }
    }
}
