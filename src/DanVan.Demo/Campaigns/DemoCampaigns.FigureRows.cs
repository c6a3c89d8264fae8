using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Demo;

internal static partial class DemoCampaigns
{
    /// <summary>The figures of one campaign with their histories, as the entry handler leaves them: version 1 when
    /// entered, +1 per correction.</summary>
    private sealed class FigureRows(int campaignId)
    {
        private readonly List<(CampaignFigure Figure, List<FigureRevision> History)> rows = [];
        private readonly Dictionary<(int Indicator, int Unit, DateOnly Period), int> index = [];

        public void Add(
            Indicator indicator,
            Unit unit,
            DateOnly period,
            decimal value,
            Reporter by,
            DateTime at,
            FigureSource source = FigureSource.Grid
        )
        {
            var figure = new CampaignFigure
            {
                CampaignId = campaignId,
                IndicatorId = indicator.Id,
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                Period = period,
                Value = value,
                UpdatedAt = at,
                ActorName = by.Name,
                Version = 1,
            };
            index[(indicator.Id, unit.Id, period)] = rows.Count;
            rows.Add((figure, [Revision(figure, null, value, source, at, by)]));
        }

        public CampaignFigure? Last(Indicator indicator, int unitId, Func<CampaignFigure, bool> where) =>
            rows.Select(r => r.Figure)
                .LastOrDefault(f => f.IndicatorId == indicator.Id && f.UnitId == unitId && where(f));

        /// <summary>A cell first entered off by <paramref name="error"/>, then corrected at <paramref name="at"/> to
        /// the value it has now.</summary>
        public void Correct(
            Indicator indicator,
            int unitId,
            DateOnly period,
            decimal error,
            Reporter by,
            DateTime at,
            string note,
            FigureSource? enteredBy = null
        )
        {
            if (!index.TryGetValue((indicator.Id, unitId, period), out var i))
            {
                return;
            }

            var (figure, history) = rows[i];
            var first = history[0];
            first.NewValue = figure.Value + error;
            first.Source = enteredBy ?? first.Source;
            if (first.NewValue < 0 || at <= first.At)
            {
                first.NewValue = figure.Value;
                return;
            }

            history.Add(Revision(figure, first.NewValue, figure.Value, FigureSource.Grid, at, by));
            figure.Version = 2;
            figure.UpdatedAt = at;
            figure.Note = note;
        }

        private FigureRevision Revision(
            CampaignFigure figure,
            decimal? old,
            decimal value,
            FigureSource source,
            DateTime at,
            Reporter by
        ) =>
            new()
            {
                CampaignId = campaignId,
                IndicatorId = figure.IndicatorId,
                UnitId = figure.UnitId,
                ProvinceId = figure.ProvinceId,
                CommuneId = figure.CommuneId,
                VillageId = figure.VillageId,
                Period = figure.Period,
                OldValue = old,
                NewValue = value,
                Source = source,
                At = at,
                AccountId = by.AccountId,
                ActorName = by.Name,
            };

        /// <summary>Writes the figures, then their revisions (which need the figures' ids), in batches.</summary>
        public async Task<int> WriteAsync(DanVanDbContext db, CancellationToken ct)
        {
            foreach (var chunk in rows.Chunk(Batch))
            {
                db.AddRange(chunk.Select(r => r.Figure));
                await db.SaveChangesAsync(ct);
                foreach (var (figure, history) in chunk)
                {
                    history.ForEach(r => r.FigureId = figure.Id);
                }

                db.AddRange(chunk.SelectMany(r => r.History));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            return rows.Count;
        }
    }
}
