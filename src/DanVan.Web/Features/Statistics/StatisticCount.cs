using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Statistics;

/// <summary>
/// A summary row: the sum of one figure's changes for one unit's subtree, breakdown and bucket (the first day of a
/// month, or the exact day for figures that change by the day, like overdue petitions). Every fact adds its changes to
/// the rows of its village, commune, province and the country (UnitId 0), in the fact's own transaction; a subtree and
/// period is then a handful of rows (ADR-0025). <see cref="ParentId"/> makes the child comparison one indexed read.
/// </summary>
public sealed class StatisticCount : IDerivedRow
{
    /// <summary>The unit whose subtree the row sums; 0 for the whole country.</summary>
    public int UnitId { get; set; }

    public string Key { get; set; } = "";
    public int Breakdown { get; set; }
    public DateOnly On { get; set; }

    public UnitLevel Level { get; set; }

    /// <summary>The unit above (0 for a province's rows, null for the country's).</summary>
    public int? ParentId { get; set; }

    public long Value { get; set; }
}

internal sealed class StatisticCountConfiguration : IEntityTypeConfiguration<StatisticCount>
{
    public const string Table = "StatisticCounts";

    public void Configure(EntityTypeBuilder<StatisticCount> b)
    {
        b.ToTable(Table);
        b.HasKey(s => new
        {
            s.UnitId,
            s.Key,
            s.Breakdown,
            s.On,
        });
        b.Property(s => s.Key).HasMaxLength(40).IsUnicode(false);
        // The child comparison reads the children's rows from this index alone (both providers).
        b.HasIndex(s => new
        {
            s.ParentId,
            s.Key,
            s.On,
            s.UnitId,
            s.Breakdown,
            s.Value,
        });
    }
}
