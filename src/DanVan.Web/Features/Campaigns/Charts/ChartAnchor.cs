namespace DanVan.Web.Features.Campaigns.Charts;

public enum ChartAnchor
{
    Start = 1,
    Middle = 2,
    End = 3,
}
