namespace DanVan.Web.Features.Campaigns.Charts;

public readonly record struct ChartBox(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;
    public double Bottom => Top + Height;

    public bool Contains(ChartPoint p) =>
        p.X >= Left - Epsilon && p.X <= Right + Epsilon && p.Y >= Top - Epsilon && p.Y <= Bottom + Epsilon;

    public bool Overlaps(ChartBox o) => Left < o.Right && o.Left < Right && Top < o.Bottom && o.Top < Bottom;

    private const double Epsilon = 1e-6;
}
