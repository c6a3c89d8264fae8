namespace DanVan.Web.Features.Campaigns.Charts;

public enum BurnUpSeries
{
    Actual = 1,
    Target = 2,
    Plan = 3,
    Projection = 4,
}
